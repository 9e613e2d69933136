import type { AddSignerInput, EndSignerInput } from '../contracts/signers';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../domain/errors';
import { actorOf } from '../domain/request';
import type { Principal } from '../domain/roles';
import { competentSignerAt, type AgencySigner } from '../domain/signers';
import type { Services } from '../runtime/services';
import { transact } from '../store/transact';
import type { DirectoryReader, SignerReader } from './ports';

/**
 * The agency's signers as data (Decree 23/2015 Art. 5 as amended by Decree 280/2025: the commune
 * chairman or a vice-chairman, or an official assigned or authorised in writing). An admin of the
 * agency maintains them; its officials may read them (to know whether they can sign).
 */
export async function listAgencySigners(services: Pick<Services, 'agencySigners' | 'directory'>, principal: Principal, agencyId: string): Promise<AgencySigner[]> {
  if (principal.agencyId !== agencyId || (principal.role !== 'admin' && principal.role !== 'official')) {
    throw new ForbiddenError('Chỉ quản trị viên và cán bộ của cơ quan mới xem được danh sách người ký.');
  }
  await existingAgency(services, agencyId);
  return (await services.agencySigners.list(agencyId)).sort((a, b) => b.validFrom.localeCompare(a.validFrom) || a.signerId.localeCompare(b.signerId));
}

/**
 * Records a signer. A user who already has an open record gets it ended at the new record's
 * `validFrom` (a new title or a new decision replaces the old one) — in the same transaction, and
 * the old record stays, since copies already issued name it.
 */
export async function addAgencySigner(services: Services, principal: Principal, agencyId: string, input: AddSignerInput): Promise<AgencySigner> {
  assertAgencyAdmin(principal, agencyId);
  await existingAgency(services, agencyId);
  const user = await services.directory.user(input.userSub);
  // Decree 23 Art. 5: the signer is a person of the certifying agency.
  if (!user || user.role !== 'official' || user.agencyId !== agencyId) {
    throw new ValidationError(`Người dùng "${input.userSub}" không phải cán bộ của cơ quan này.`, { extra: { errors: [{ field: 'userSub', message: 'không phải cán bộ của cơ quan' }] } });
  }
  const now = services.now().toISOString();
  // Stored as UTC ISO strings, so that they compare as text.
  const validFrom = input.validFrom !== undefined ? new Date(input.validFrom).toISOString() : now;
  const validTo = input.validTo !== undefined ? new Date(input.validTo).toISOString() : undefined;
  if (validTo !== undefined && Date.parse(validTo) <= Date.parse(validFrom)) {
    throw new ValidationError('Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.', { extra: { errors: [{ field: 'validTo', message: 'phải sau validFrom' }] } });
  }
  const actor = actorOf(principal);
  const record: AgencySigner = {
    signerId: services.newId(),
    agencyId,
    userSub: user.sub,
    fullName: user.fullName,
    title: input.title,
    basis: input.basis,
    validFrom,
    ...(validTo !== undefined ? { validTo } : {}),
    recordedAt: now,
    recordedBy: actor,
  };
  const open = (await services.agencySigners.list(agencyId)).filter((s) => s.userSub === user.sub && s.validTo === undefined && Date.parse(s.validFrom) < Date.parse(validFrom));
  await transact(services.db, [
    services.agencySigners.createItem(record),
    ...open.map((s) => services.agencySigners.endItem(s, { validTo: validFrom, endedAt: now, endedBy: actor })),
    services.audit.appendItem(`AGY#${agencyId}`, { at: now, actor, action: 'signer-add', data: { signerId: record.signerId, userSub: user.sub, title: record.title, replaced: open.map((s) => s.signerId) } }),
  ]).catch(rethrowChanged);
  return record;
}

/** Ends a signer record at `validTo` (default now). The record is kept: issued copies name it. */
export async function endAgencySigner(services: Services, principal: Principal, agencyId: string, signerId: string, input: EndSignerInput): Promise<AgencySigner> {
  assertAgencyAdmin(principal, agencyId);
  await existingAgency(services, agencyId);
  const record = (await services.agencySigners.list(agencyId)).find((s) => s.signerId === signerId);
  if (!record) throw new NotFoundError(`Không có người ký ${signerId} trong cơ quan này.`);
  if (record.validTo !== undefined) throw new ConflictError('Người ký này đã hết hiệu lực.');
  const now = services.now().toISOString();
  // By default now — or, for a record that has not begun yet, its start: it never applies.
  const validTo = input.validTo !== undefined ? new Date(input.validTo).toISOString() : now < record.validFrom ? record.validFrom : now;
  if (Date.parse(validTo) < Date.parse(record.validFrom)) {
    throw new ValidationError('Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực.', { extra: { errors: [{ field: 'validTo', message: 'trước validFrom' }] } });
  }
  const actor = actorOf(principal);
  const end = { validTo, endedAt: now, endedBy: actor };
  await transact(services.db, [
    services.agencySigners.endItem(record, end),
    services.audit.appendItem(`AGY#${agencyId}`, { at: now, actor, action: 'signer-end', reason: input.reason, data: { signerId, validTo } }),
  ]).catch(rethrowChanged);
  return { ...record, ...end };
}

/**
 * The signer record under which `principal` signs for `agencyId` at `at`, or a 403: only a
 * competent signer signs (Decree 23 Art. 5 as amended by Decree 280/2025; Art. 2(9)). Its title
 * is the one printed — there is no default title.
 */
export async function competentSigner(services: { agencySigners: SignerReader }, principal: Principal, agencyId: string, at: Date): Promise<AgencySigner> {
  const record = competentSignerAt(await services.agencySigners.list(agencyId), principal.sub, at);
  if (!record) {
    throw new ForbiddenError('Bạn không có tên trong danh sách người có thẩm quyền ký của cơ quan (Chủ tịch, Phó Chủ tịch hoặc cán bộ được phân công, ủy quyền bằng văn bản) nên không thể ký bản sao.');
  }
  return record;
}

function assertAgencyAdmin(principal: Principal, agencyId: string): void {
  if (principal.role !== 'admin' || principal.agencyId !== agencyId) {
    throw new ForbiddenError('Chỉ quản trị viên của cơ quan mới được cập nhật danh sách người ký.');
  }
}

async function existingAgency(services: { directory: DirectoryReader }, agencyId: string): Promise<void> {
  if (!(await services.directory.agency(agencyId))) throw new NotFoundError(`Không tìm thấy cơ quan ${agencyId}.`);
}

function rethrowChanged(e: unknown): never {
  if ((e as { name?: string }).name === 'ConditionFailedError') {
    throw new ConflictError('Danh sách người ký vừa được người khác cập nhật; vui lòng tải lại và thử lại.', { cause: e });
  }
  throw e;
}
