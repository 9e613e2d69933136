import type { OriginalCheckInput } from '../contracts/requests';
import { ConflictError } from '../domain/errors';
import { actorOf, type RequestRecord } from '../domain/request';
import type { Principal } from '../domain/roles';
import type { Services } from '../runtime/services';
import { transact } from '../store/transact';
import { assertAgencyOfficial } from './access';
import { loadRequest } from './load';
import { rethrowMoved } from './request-moved';

/**
 * Records that an official of the agency checked the paper original: who, when, and how it came
 * to them (presented at the counter, or captured by the official). Decree 45/2020 Art. 10(3): the
 * official checks the original, captures it electronically, then attests, signs and enters it in
 * the book — so certify refuses until this is on record.
 */
export async function recordOriginalCheck(services: Services, principal: Principal, requestId: string, input: OriginalCheckInput): Promise<RequestRecord> {
  const request = await loadRequest(services, requestId);
  assertAgencyOfficial(principal, request.agencyId);
  if (request.kind !== 'certify-copy') throw new ConflictError('Yêu cầu cấp bản sao từ sổ gốc không có bản chính để đối chiếu.');
  if (request.status !== 'submitted') {
    throw new ConflictError(`Chỉ ghi nhận việc kiểm tra bản chính cho hồ sơ đã nộp; hồ sơ này đang ở trạng thái "${request.status}".`);
  }
  if (request.originalCheck) throw new ConflictError('Việc kiểm tra bản chính của hồ sơ này đã được ghi nhận.', { extra: { originalCheck: request.originalCheck } });
  const at = services.now().toISOString();
  const actor = actorOf(principal);
  const next: RequestRecord = { ...request, updatedAt: at, originalCheck: { method: input.method, at, by: actor, ...(input.note ? { note: input.note } : {}) } };
  await transact(services.db, [
    services.requests.replaceItem(next, request),
    services.audit.appendItem(`REQ#${requestId}`, { at, actor, action: 'original-check', ...(input.note ? { reason: input.note } : {}), data: { method: input.method } }),
  ]).catch(rethrowMoved);
  return next;
}
