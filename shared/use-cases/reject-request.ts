import type { RejectInput } from '../contracts/requests';
import { refusalText } from '../domain/refusal-reasons';
import { ConflictError } from '../domain/errors';
import { actorOf, type RequestRecord } from '../domain/request';
import { nextStatus } from '../domain/request-state';
import type { Principal } from '../domain/roles';
import type { Services } from '../runtime/services';
import { finishedDelta, statsDay } from '../domain/stats';
import { transact } from '../store/transact';
import { assertAgencyOfficial } from './access';
import { loadRequest } from './load';
import { rethrowMoved } from './request-moved';

/** Refuses a submitted request with a written reason the citizen will see. */
export async function rejectRequest(services: Services, principal: Principal, requestId: string, input: RejectInput): Promise<RequestRecord> {
  const request = await loadRequest(services, requestId);
  assertAgencyOfficial(principal, request.agencyId);
  // Art. 22's grounds are about originals; a register copy is refused on Art. 16/17's, through the entitlement decision.
  if (request.kind === 'register-copy') throw new ConflictError('Yêu cầu cấp bản sao từ sổ gốc được từ chối theo Điều 16, 17 Nghị định 23/2015/NĐ-CP: dùng thao tác xác minh quyền yêu cầu (POST /api/requests/{id}/entitlement).');
  const to = nextStatus(request.status, 'reject');
  const at = services.now().toISOString();
  const actor = actorOf(principal);
  const text = refusalText(input.reasonCode, input.detail);
  const next: RequestRecord = { ...request, status: to, updatedAt: at, rejection: { reasonCode: input.reasonCode, text, at, by: actor } };
  await transact(services.db, [
    services.requests.replaceItem(next, request),
    services.audit.appendItem(`REQ#${requestId}`, { at, actor, action: 'reject', from: request.status, to, reason: text }),
    ...services.stats.bumpItems(request.agencyId, statsDay(services.now()), finishedDelta(request.kind, 'rejected', new Date(at), request.dueAt)),
    services.notifications.outboxItem(
      { at, kind: 'rejected', requestId, citizenId: request.citizenId, message: `Hồ sơ "${request.title}" bị từ chối: ${text}` },
      Buffer.from(services.randomBytes(4)).toString('hex'),
    ),
  ]).catch(rethrowMoved);
  return next;
}
