import type { CreateRequestInput } from '../contracts/requests';
import { ForbiddenError, ValidationError } from '../domain/errors';
import { actorOf, type RequestRecord } from '../domain/request';
import type { Principal } from '../domain/roles';
import type { Services } from '../runtime/services';
import { transact } from '../store/transact';

/**
 * Opens a request as a `draft`. A citizen files for themself (online); an official files at the
 * counter for the citizen named by `citizenId`, in their own agency.
 */
export async function createRequest(services: Services, principal: Principal, input: CreateRequestInput): Promise<RequestRecord> {
  let citizenId: string;
  if (principal.role === 'citizen') {
    if (!principal.citizenId) throw new ForbiddenError('Tài khoản công dân chưa gắn số CCCD.');
    if (input.citizenId && input.citizenId !== principal.citizenId) {
      throw new ForbiddenError('Công dân chỉ được nộp hồ sơ cho chính mình.');
    }
    citizenId = principal.citizenId;
  } else {
    if (principal.agencyId !== input.agencyId) throw new ForbiddenError('Cán bộ chỉ được tiếp nhận hồ sơ cho cơ quan của mình.');
    if (!input.citizenId) throw new ValidationError('Hồ sơ nộp tại quầy phải có số CCCD của người yêu cầu (citizenId).');
    citizenId = input.citizenId;
  }

  const agency = await services.directory.agency(input.agencyId);
  // Certifying copies is a commune-level competence (Decree 23 Art. 5); copies from a master
  // register come from whichever body holds the register (checked with the entry below).
  if (!agency || agency.kind === 'receiver' || (input.kind === 'certify-copy' && agency.kind !== 'commune')) {
    throw new ValidationError(`Cơ quan "${input.agencyId}" không tồn tại hoặc không thực hiện thủ tục này.`, { extra: { errors: [{ field: 'agencyId', message: 'không tồn tại' }] } });
  }
  if (input.kind === 'certify-copy' && (input.registerId || input.entryNo)) {
    throw new ValidationError('Yêu cầu chứng thực bản sao từ bản chính không dùng registerId/entryNo.');
  }

  const now = services.now().toISOString();
  const actor = actorOf(principal);
  const request: RequestRecord = {
    id: services.newId(),
    kind: input.kind,
    agencyId: input.agencyId,
    title: input.title,
    copies: input.copies,
    citizenId,
    channel: principal.role === 'citizen' ? 'online' : 'counter',
    status: 'draft',
    createdAt: now,
    createdBy: actor,
    updatedAt: now,
    ...(input.kind === 'register-copy' ? await registerTarget(services, input) : {}),
  };
  await transact(services.db, [
    services.requests.createItem(request),
    services.audit.appendItem(`REQ#${request.id}`, { at: now, actor, action: 'create', to: 'draft', data: { channel: request.channel } }),
  ]);
  return request;
}

/** A register copy names an existing entry of a register the agency holds. */
async function registerTarget(services: Services, input: CreateRequestInput): Promise<Pick<RequestRecord, 'registerId' | 'entryNo'>> {
  if (!input.registerId || !input.entryNo) {
    throw new ValidationError('Yêu cầu cấp bản sao từ sổ gốc phải có registerId và entryNo.');
  }
  const register = await services.registers.get(input.registerId);
  const entry = register?.agencyId === input.agencyId ? await services.registers.entry(input.registerId, input.entryNo) : undefined;
  if (!entry) {
    throw new ValidationError(`Không tìm thấy mục số ${input.entryNo} trong sổ gốc ${input.registerId} của cơ quan.`);
  }
  return { registerId: input.registerId, entryNo: input.entryNo };
}
