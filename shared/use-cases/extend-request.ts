import type { ExtendInput } from '../contracts/requests';
import { formatVnDateTime } from '../domain/dates';
import { ConflictError } from '../domain/errors';
import { DEFAULT_DUE_TIME_CONFIG, extendDueAt, extensionAllowed, extensionDaysLeft, extensionLimit } from '../domain/due-time';
import { actorOf, type RequestRecord } from '../domain/request';
import { nextStatus } from '../domain/request-state';
import type { Principal } from '../domain/roles';
import type { Services } from '../runtime/services';
import { transact } from '../store/transact';
import { assertAgencyOfficial } from './access';
import { loadRequest } from './load';
import { rethrowMoved } from './request-moved';

/**
 * Extends a submitted request's due time (Decree 23/2015 Art. 21(4): many originals, many pages,
 * many copies, complex content) with a written reason: by up to 2 working days in total on the
 * official's decision, longer only with a recorded written agreement with the requester. The
 * citizen gets a new appointment slip (Circular 01/2020/TT-BTP Art. 2).
 */
export async function extendRequest(services: Services, principal: Principal, requestId: string, input: ExtendInput) {
  const request = await loadRequest(services, requestId);
  assertAgencyOfficial(principal, request.agencyId);
  nextStatus(request.status, 'extend');
  if (!extensionAllowed(request.kind)) throw new ConflictError('Thời hạn cấp bản sao từ sổ gốc không được gia hạn (Điều 17 Nghị định 23/2015/NĐ-CP).');
  if (!request.dueAt) throw new ConflictError('Hồ sơ chưa có thời hạn trả kết quả.');
  const already = request.extension?.workingDays ?? 0;
  // An agreement recorded earlier covers the later extensions of the same request.
  const agreement = input.agreement ?? request.extension?.agreement;
  // A written agreement given with this extension counts as if recorded (extensionDaysLeft reads the recorded one).
  const max = extensionLimit(agreement !== undefined);
  if (input.workingDays > extensionDaysLeft({ kind: request.kind, extension: { workingDays: already, agreement } })) {
    throw new ConflictError(
      agreement
        ? `Chỉ được gia hạn tổng cộng tối đa ${max} ngày làm việc; hồ sơ đã được gia hạn ${already} ngày.`
        : `Không có thỏa thuận bằng văn bản với người yêu cầu, chỉ được gia hạn tổng cộng tối đa ${max} ngày làm việc (Điều 21 Nghị định 23/2015/NĐ-CP); hồ sơ đã được gia hạn ${already} ngày.`,
    );
  }
  const at = services.now().toISOString();
  const dueAt = extendDueAt(new Date(request.dueAt), input.workingDays, services.calendar, DEFAULT_DUE_TIME_CONFIG, agreement !== undefined).toISOString();
  const actor = actorOf(principal);
  const next: RequestRecord = {
    ...request,
    dueAt,
    updatedAt: at,
    extension: {
      workingDays: already + input.workingDays,
      reason: input.reason,
      at,
      by: actor,
      previousDueAt: request.extension?.previousDueAt ?? request.dueAt,
      ...(agreement ? { agreement } : {}),
    },
  };
  await transact(services.db, [
    services.requests.replaceItem(next, request),
    services.audit.appendItem(`REQ#${requestId}`, { at, actor, action: 'extend', reason: input.reason, data: { from: request.dueAt, to: dueAt, workingDays: input.workingDays, ...(input.agreement ? { agreement: input.agreement.date } : {}) } }),
    services.notifications.outboxItem(
      { at, kind: 'extended', requestId, citizenId: request.citizenId, message: `Hồ sơ "${request.title}" được gia hạn đến ${formatVnDateTime(new Date(dueAt))}. Lý do: ${input.reason}` },
      Buffer.from(services.randomBytes(4)).toString('hex'),
    ),
  ]).catch(rethrowMoved);
  return { ...next, appointmentSlipUrl: `/api/requests/${requestId}/appointment-slip` };
}
