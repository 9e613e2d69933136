import type { CreateRequestInput } from '../contracts/requests';
import { ForbiddenError, ValidationError } from '../domain/errors';
import { isoVnDay } from '../domain/dates';
import { actorOf, type RequestRecord } from '../domain/request';
import { formatRequestCode, requestCodePrefix } from '../domain/request-code';
import type { Principal } from '../domain/roles';
import type { Services } from '../runtime/services';
import { transact } from '../store/transact';
import { claimRegisterEntry } from './register-claim';

/**
 * Opens a request as a `draft`. A citizen files for themself (online); an official files at the
 * counter for the citizen named by `citizenId`, in their own agency.
 */
export async function createRequest(services: Services, principal: Principal, input: CreateRequestInput): Promise<RequestRecord> {
  let citizenId: string;
  let requesterName: string | undefined;
  if (principal.role === 'citizen') {
    if (!principal.citizenId) throw new ForbiddenError('Tài khoản công dân chưa gắn số CCCD.');
    if (input.citizenId && input.citizenId !== principal.citizenId) {
      throw new ForbiddenError('Công dân chỉ được nộp hồ sơ cho chính mình.');
    }
    citizenId = principal.citizenId;
    // Online the requester is the signed-in citizen: their name is the verified one of the sign-in, never a `requesterName` in the body (ignored).
    requesterName = principal.name;
  } else {
    if (principal.agencyId !== input.agencyId) throw new ForbiddenError('Cán bộ chỉ được tiếp nhận hồ sơ cho cơ quan của mình.');
    if (!input.citizenId) throw new ValidationError('Hồ sơ nộp tại quầy phải có số CCCD của người yêu cầu (citizenId).');
    // The book's line, the appointment slip and a refusal name the requester (Decree 23/2015 Art. 13(1), 22; Circular 01/2020/TT-BTP Art. 2).
    if (!input.requesterName) throw new ValidationError('Hồ sơ nộp tại quầy phải có họ và tên người yêu cầu (requesterName).', { extra: { errors: [{ field: 'requesterName', message: 'bắt buộc khi nộp tại quầy' }] } });
    citizenId = input.citizenId;
    requesterName = input.requesterName;
  }

  const agency = await services.directory.agency(input.agencyId);
  // Certifying copies is a commune-level competence (Decree 23 Art. 5); copies from a master
  // register come from whichever body holds the register (checked with the entry below).
  if (!agency || agency.kind === 'receiver' || (input.kind === 'certify-copy' && agency.kind !== 'commune')) {
    throw new ValidationError(`Cơ quan "${input.agencyId}" không tồn tại hoặc không thực hiện thủ tục này.`, { extra: { errors: [{ field: 'agencyId', message: 'không tồn tại' }] } });
  }
  if (input.kind === 'certify-copy' && (input.registerId || input.entryNo || input.ground || input.subjectName || input.subjectBirthDate)) {
    throw new ValidationError('Yêu cầu chứng thực bản sao từ bản chính không dùng registerId/entryNo/ground/subjectName/subjectBirthDate.');
  }

  const at = services.now();
  const now = at.toISOString();
  const actor = actorOf(principal);
  // The short code read out over the phone (shared/domain/request-code.ts): the agency's sequence of the Vietnam day.
  const prefix = requestCodePrefix(input.agencyId);
  const day = isoVnDay(at);
  const code = formatRequestCode(prefix, day, await services.requests.nextCodeSeq(prefix, day));
  const request: RequestRecord = {
    id: services.newId(),
    code,
    kind: input.kind,
    agencyId: input.agencyId,
    title: input.title,
    copies: input.copies,
    citizenId,
    ...(requesterName ? { requesterName } : {}),
    channel: principal.role === 'citizen' ? 'online' : 'counter',
    status: 'draft',
    createdAt: now,
    createdBy: actor,
    updatedAt: now,
    // Decree 23/2015 Art. 16(2), 17(1): who asks, on which ground, and whether they are the subject.
    ...(input.kind === 'register-copy' ? await claimRegisterEntry(services.registers, input, citizenId) : {}),
  };
  await transact(services.db, [
    services.requests.createItem(request),
    services.requests.codeItem(code, request.id, request.agencyId),
    services.audit.appendItem(`REQ#${request.id}`, { at: now, actor, action: 'create', to: 'draft', data: { channel: request.channel } }),
    // An official filing at the counter has the entry read on their behalf: recorded, with why.
    ...(input.kind === 'register-copy' && principal.role === 'official'
      ? [services.audit.appendItem(`REG#${request.registerId}`, { at: now, actor, action: 'read-entry', reason: `Tiếp nhận hồ sơ ${request.id} tại quầy`, data: { entryNo: request.entryNo, requestId: request.id } })]
      : []),
  ]);
  return request;
}
