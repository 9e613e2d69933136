import { createHash } from 'node:crypto';
import type { EntitlementDecisionInput } from '../contracts/requests';
import { formatVnDate } from '../domain/dates';
import { ENTITLEMENT_GROUND_LABELS, REGISTER_REFUSAL_GROUNDS } from '../domain/entitlement';
import { ConflictError } from '../domain/errors';
import { actorOf, requesterNameOf, type RequestRecord } from '../domain/request';
import { nextStatus } from '../domain/request-state';
import type { Principal } from '../domain/roles';
import { composeRegisterRefusal } from '../pdf/register-refusal';
import type { Services } from '../runtime/services';
import { signPdf } from '../signing';
import { refusalKey } from '../store/table';
import { transact } from '../store/transact';
import { assertAgencyOfficial } from './access';
import { loadRequest } from './load';
import { rethrowMoved } from './request-moved';
import { refusalItems } from './reject-request';

/**
 * An official's decision on the right of a requester who is not (or not shown to be) the
 * entry's subject: accepted → the request is `submitted` and may be issued; refused → `rejected`,
 * with the written reply of Decree 23/2015 Art. 17(2) composed, sealed by the agency and kept on
 * the request. Either way the decision, who took it and why are in the request's audit trail.
 */
export async function decideEntitlement(services: Services, principal: Principal, requestId: string, input: EntitlementDecisionInput): Promise<RequestRecord> {
  const request = await loadRequest(services, requestId);
  assertAgencyOfficial(principal, request.agencyId);
  if (request.kind !== 'register-copy' || !request.entitlement) throw new ConflictError('Chỉ yêu cầu cấp bản sao từ sổ gốc mới cần xác minh quyền yêu cầu.');
  const to = nextStatus(request.status, input.decision === 'accepted' ? 'accept-entitlement' : 'refuse-entitlement');
  const now = services.now();
  const at = now.toISOString();
  const actor = actorOf(principal);
  const decision = { decision: input.decision, note: input.note, at, by: { sub: actor.sub, ...(actor.name ? { name: actor.name } : {}), ...(actor.agencyId ? { agencyId: actor.agencyId } : {}) } };

  let next: RequestRecord;
  if (input.decision === 'accepted') {
    next = { ...request, status: to, updatedAt: at, entitlement: { ...request.entitlement, status: 'accepted', decision } };
  } else {
    const refusalGround = input.refusalGround ?? 'not-entitled';
    const document = await composeAndStoreReply(services, principal, request, refusalGround, input.note, now);
    const ground = REGISTER_REFUSAL_GROUNDS[refusalGround];
    next = {
      ...request,
      status: to,
      updatedAt: at,
      entitlement: { ...request.entitlement, status: 'refused', decision: { ...decision, refusalGround } },
      // Kept like a refusal of Art. 22 (document id and hash on the rejection), so one route serves either.
      rejection: { reasonCode: `register:${refusalGround}`, text: `${ground.text} (${ground.basis}). ${input.note}`, at, by: actor, ...document },
    };
  }
  const message =
    input.decision === 'accepted'
      ? `Yêu cầu "${request.title}" đã được chấp nhận quyền yêu cầu và đang được xử lý.`
      : `Yêu cầu "${request.title}" không được cấp bản sao; xem văn bản trả lời trong hồ sơ.`;
  await transact(services.db, [
    services.requests.replaceItem(next, request),
    services.audit.appendItem(`REQ#${requestId}`, {
      at,
      actor,
      action: input.decision === 'accepted' ? 'entitlement-accepted' : 'entitlement-refused',
      from: request.status,
      to,
      reason: input.note,
      data: { ground: request.entitlement.ground, ...(next.entitlement?.decision?.refusalGround ? { refusalGround: next.entitlement.decision.refusalGround } : {}), ...(next.rejection?.documentId ? { refusalDocumentId: next.rejection.documentId } : {}) },
    }),
    ...(input.decision === 'refused' ? refusalItems(services, request, now, message) : []),
  ]).catch(rethrowMoved);
  return next;
}

/** Composes the written reply (Art. 17(2)), seals it with the agency's key and stores it under a fresh id, where refusals are kept. */
async function composeAndStoreReply(
  services: Services,
  principal: Principal,
  request: RequestRecord,
  refusalGround: keyof typeof REGISTER_REFUSAL_GROUNDS,
  note: string,
  now: Date,
): Promise<{ documentId: string; sha256: string }> {
  const [agency, register, profile] = await Promise.all([
    services.directory.agency(request.agencyId),
    services.registers.get(request.registerId ?? ''),
    services.directory.user(principal.sub),
  ]);
  if (!agency) throw new ConflictError(`Không tìm thấy cơ quan ${request.agencyId}.`);
  const composed = await composeRegisterRefusal({
    agency: { name: agency.name, parentName: agency.parentName },
    place: agency.province,
    dateText: formatVnDate(now),
    requesterId: request.citizenId,
    requesterName: requesterNameOf(request),
    requestId: request.id,
    registerTitle: register?.title ?? request.registerId ?? '',
    entryNo: request.entryNo ?? '',
    ground: REGISTER_REFUSAL_GROUNDS[refusalGround],
    note: `${note} (căn cứ yêu cầu đã khai: ${ENTITLEMENT_GROUND_LABELS[request.entitlement?.ground ?? 'self']})`,
    signer: { name: profile?.fullName ?? principal.name ?? principal.sub, title: profile?.title },
    createdAt: now,
  });
  const signed = await signPdf(composed.pdf, {
    signer: await services.signers.agency(agency.id),
    signingTime: now,
    field: composed.fields.agency,
    signerName: agency.name,
    reason: 'Trả lời yêu cầu cấp bản sao từ sổ gốc',
    location: agency.name,
  });
  const documentId = services.newId();
  const sha256 = createHash('sha256').update(signed).digest('hex');
  await services.objects.put(services.buckets.issued, refusalKey(request.id, documentId), signed, 'application/pdf', { sha256 });
  return { documentId, sha256 };
}

