import { createHash } from 'node:crypto';
import type { RejectInput } from '../contracts/requests';
import { formatVnDate, formatVnDateTime } from '../domain/dates';
import { ConflictError } from '../domain/errors';
import { art22Ground, refusalText } from '../domain/refusal-reasons';
import { actorOf, requesterNameOf, type RequestRecord } from '../domain/request';
import { nextStatus } from '../domain/request-state';
import type { Principal } from '../domain/roles';
import { composeRefusal } from '../pdf/compose-refusal';
import type { Services } from '../runtime/services';
import { signPdf } from '../signing';
import { finishedDelta, statsDay } from '../domain/stats';
import { refusalKey } from '../store/table';
import { transact } from '../store/transact';
import { assertAgencyOfficial } from './access';
import { loadRequest } from './load';
import { rethrowMoved } from './request-moved';

/**
 * Refuses a submitted request. A refusal is a written, signed document (Decree 23/2015 Art. 22:
 * the original "không được dùng làm cơ sở để chứng thực bản sao", and the requester is told why
 * in writing): the written refusal stating the Art. 22 ground is composed, signed with the
 * agency's seal and stored once, before the refusal is recorded; the request keeps its id and
 * digest so every download returns those same bytes. A failed recording leaves at most an
 * unreferenced object, never a refusal without its document.
 */
export async function rejectRequest(services: Services, principal: Principal, requestId: string, input: RejectInput): Promise<RequestRecord> {
  const request = await loadRequest(services, requestId);
  assertAgencyOfficial(principal, request.agencyId);
  // Art. 22's grounds are about originals; a register copy is refused on Art. 16/17's, through the entitlement decision.
  if (request.kind === 'register-copy') throw new ConflictError('Yêu cầu cấp bản sao từ sổ gốc được từ chối theo Điều 16, 17 Nghị định 23/2015/NĐ-CP: dùng thao tác xác minh quyền yêu cầu (POST /api/requests/{id}/entitlement).');
  const to = nextStatus(request.status, 'reject');
  const now = services.now();
  const at = now.toISOString();
  const actor = actorOf(principal);
  const text = refusalText(input.reasonCode, input.detail);
  const document = await signAndStoreRefusal(services, request, input, principal, now);
  const next: RequestRecord = { ...request, status: to, updatedAt: at, rejection: { reasonCode: input.reasonCode, text, at, by: actor, ...document } };
  await transact(services.db, [
    services.requests.replaceItem(next, request),
    services.audit.appendItem(`REQ#${requestId}`, { at, actor, action: 'reject', from: request.status, to, reason: text, data: { refusalDocumentId: document.documentId } }),
    ...refusalItems(services, request, now, `Hồ sơ "${request.title}" bị từ chối: ${text}`),
  ]).catch(rethrowMoved);
  return next;
}

/**
 * What every refusal writes besides the request and its audit line, whichever procedure it ends
 * (Art. 22 for certification, Art. 16/17 for register copies): the day's figures and the
 * requester's notification, in the same transaction.
 */
export function refusalItems(services: Services, request: RequestRecord, now: Date, message: string) {
  return [
    ...services.stats.bumpItems(request.agencyId, statsDay(now), finishedDelta(request.kind, 'rejected', now, request.dueAt)),
    services.notifications.outboxItem(
      { at: now.toISOString(), kind: 'rejected', requestId: request.id, citizenId: request.citizenId, message },
      Buffer.from(services.randomBytes(4)).toString('hex'),
    ),
  ];
}

/** Composes the written refusal, signs it with the agency's seal and puts it under a fresh id. */
async function signAndStoreRefusal(
  services: Services,
  request: RequestRecord,
  input: RejectInput,
  principal: Principal,
  now: Date,
): Promise<{ documentId: string; sha256: string }> {
  const agency = await services.directory.agency(request.agencyId);
  if (!agency) throw new ConflictError(`Không tìm thấy cơ quan ${request.agencyId} để ký văn bản từ chối.`);
  const signer = await services.signers.agency(agency.id);
  const detail = input.detail?.replace(/\s+/g, ' ').trim() || undefined;
  const composed = await composeRefusal({
    agency: { name: agency.name, parentName: agency.parentName },
    place: agency.province,
    dateText: formatVnDate(now),
    procedure: request.kind === 'register-copy' ? 'cấp bản sao từ sổ gốc' : 'chứng thực bản sao từ bản chính',
    requester: { name: requesterNameOf(request), citizenId: request.citizenId },
    requestTitle: request.title,
    requestId: request.id,
    receivedAtText: formatVnDateTime(new Date(request.submittedAt ?? request.createdAt)),
    legalGround: art22Ground(input.reasonCode),
    detail,
    officialName: principal.name,
    createdAt: now,
  });
  const pdf = await signPdf(composed.pdf, {
    signer,
    signingTime: now,
    field: composed.fields.agency,
    signerName: agency.name,
    reason: 'Từ chối yêu cầu (Điều 22 Nghị định 23/2015/NĐ-CP)',
    location: agency.name,
  });
  const documentId = services.newId();
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  await services.objects.put(services.buckets.issued, refusalKey(request.id, documentId), pdf, 'application/pdf', { sha256 });
  return { documentId, sha256 };
}
