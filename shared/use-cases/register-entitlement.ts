import type { CreateRequestInput, EntitlementDecisionInput } from '../contracts/requests';
import { formatVnDate } from '../domain/dates';
import {
  ENTITLEMENT_GROUND_LABELS,
  REGISTER_REFUSAL_GROUNDS,
  isSubjectOf,
  type Entitlement,
} from '../domain/entitlement';
import { ConflictError, ValidationError } from '../domain/errors';
import { entryNoError } from '../domain/register';
import { registerTypeRule } from '../domain/register-types';
import { actorOf, type RequestRecord } from '../domain/request';
import { nextStatus } from '../domain/request-state';
import type { Principal } from '../domain/roles';
import { finishedDelta, statsDay } from '../domain/stats';
import { composeRegisterRefusal } from '../pdf/register-refusal';
import type { Services } from '../runtime/services';
import { signPdf } from '../signing';
import { BUCKETS } from '../store/table';
import { transact } from '../store/transact';
import { assertAgencyOfficial, assertOwnerOrAgency } from './access';
import { loadRequest } from './load';
import type { RegisterReader } from './ports';
import { rethrowMoved } from './request-moved';

/** Largest written reply served back (a one-page signed PDF is ~100 kB). */
const MAX_REPLY_BYTES = 5 * 1024 * 1024;

/** What a register-copy request names, as its requester knows it. */
export type RegisterClaimInput = Pick<CreateRequestInput, 'agencyId' | 'registerId' | 'entryNo' | 'ground' | 'subjectName' | 'subjectBirthDate'>;

/**
 * Reads what a request for a copy from a master register names and decides whether the requester
 * is, on the face of the register, its subject (Decree 23/2015 Art. 16(2)(a); identity by the
 * verified ID number, Art. 17(1) as amended by Decree 07/2025).
 *
 * No oracle: the register and the entry are read in every case, and an entry that does not
 * exist, one about someone else and one whose details differ all give the same result —
 * `pending`, for an official to look at. Only the format of the input and whether the agency
 * holds the register (which the agency list publishes) are answered at once.
 */
export async function claimRegisterEntry(registers: RegisterReader, input: RegisterClaimInput, requesterId: string): Promise<Pick<RequestRecord, 'registerId' | 'entryNo' | 'entitlement'>> {
  if (!input.registerId || !input.entryNo) throw new ValidationError('Yêu cầu cấp bản sao từ sổ gốc phải có registerId và entryNo.');
  const noError = entryNoError(input.entryNo);
  if (noError) throw new ValidationError(`Số trong sổ gốc: ${noError.message}.`, { extra: { errors: [noError] } });
  const ground = input.ground ?? 'self';
  // Art. 17(1): someone other than the subject names whom they ask for, to be checked against their evidence.
  if (ground !== 'self' && (!input.subjectName || !input.subjectBirthDate)) {
    throw new ValidationError('Khi yêu cầu bản sao về người khác, phải ghi họ tên và ngày sinh của người được cấp bản chính.', {
      extra: { errors: [{ field: 'subjectName', message: 'bắt buộc' }, { field: 'subjectBirthDate', message: 'bắt buộc' }].filter((e) => !input[e.field as 'subjectName' | 'subjectBirthDate']) },
    });
  }
  const [register, entry] = await Promise.all([registers.get(input.registerId), registers.entry(input.registerId, input.entryNo)]);
  if (!register || register.agencyId !== input.agencyId) {
    throw new ValidationError(`Cơ quan không quản lý sổ gốc "${input.registerId}".`, { extra: { errors: [{ field: 'registerId', message: 'không thuộc cơ quan' }] } });
  }
  const verified = ground === 'self' && isSubjectOf(registerTypeRule(register.type), entry, { requesterId, subjectName: input.subjectName, subjectBirthDate: input.subjectBirthDate });
  const entitlement: Entitlement = {
    ground,
    ...(input.subjectName ? { subjectName: input.subjectName } : {}),
    ...(input.subjectBirthDate ? { subjectBirthDate: input.subjectBirthDate } : {}),
    status: verified ? 'verified' : 'pending',
  };
  return { registerId: input.registerId, entryNo: input.entryNo, entitlement };
}

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
    await composeAndStoreReply(services, principal, request, refusalGround, input.note, now);
    const ground = REGISTER_REFUSAL_GROUNDS[refusalGround];
    next = {
      ...request,
      status: to,
      updatedAt: at,
      entitlement: { ...request.entitlement, status: 'refused', decision: { ...decision, refusalGround } },
      rejection: { reasonCode: `register:${refusalGround}`, text: `${ground.text} (${ground.basis}). ${input.note}`, at, by: actor },
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
      data: { ground: request.entitlement.ground, ...(next.entitlement?.decision?.refusalGround ? { refusalGround: next.entitlement.decision.refusalGround } : {}) },
    }),
    ...(input.decision === 'refused' ? services.stats.bumpItems(request.agencyId, statsDay(now), finishedDelta(request.kind, 'rejected', now, request.dueAt)) : []),
    ...(input.decision === 'refused'
      ? [services.notifications.outboxItem({ at, kind: 'rejected', requestId, citizenId: request.citizenId, message }, Buffer.from(services.randomBytes(4)).toString('hex'))]
      : []),
  ]).catch(rethrowMoved);
  return next;
}

/**
 * Where a request's written reply is kept: one per request (a refusal is final), so the key is
 * derived rather than stored, and a retried decision writes the same object.
 */
const replyKey = (requestId: string) => `${BUCKETS.issued.prefixes.replies}${requestId}.pdf`;

/** Composes the written reply (Art. 17(2)), seals it with the agency's key and stores it. */
async function composeAndStoreReply(services: Services, principal: Principal, request: RequestRecord, refusalGround: keyof typeof REGISTER_REFUSAL_GROUNDS, note: string, now: Date): Promise<void> {
  const [agency, register, profile] = await Promise.all([
    services.directory.agency(request.agencyId),
    services.registers.get(request.registerId ?? ''),
    services.directory.user(principal.sub),
  ]);
  if (!agency) throw new ConflictError(`Không tìm thấy cơ quan ${request.agencyId}.`);
  const composed = await composeRegisterRefusal({
    agency: { name: agency.name, parentName: agency.parentName },
    dateText: formatVnDate(now),
    requesterId: request.citizenId,
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
  await services.objects.put(services.buckets.issued, replyKey(request.id), signed, 'application/pdf');
}

/** The signed written reply of a refused register-copy request, for its owner or the agency. */
export async function registerRefusalReply(services: Services, principal: Principal, requestId: string): Promise<Uint8Array> {
  const request = await loadRequest(services, requestId);
  assertOwnerOrAgency(principal, request);
  if (request.entitlement?.status !== 'refused') throw new ConflictError('Hồ sơ này không có văn bản trả lời từ chối.');
  return services.objects.getBytes(services.buckets.issued, replyKey(request.id), MAX_REPLY_BYTES);
}
