import { ForbiddenError } from '../domain/errors';
import { actorOf, type RequestRecord } from '../domain/request';
import { nextStatus } from '../domain/request-state';
import type { Principal } from '../domain/roles';
import type { Services } from '../runtime/services';
import { statsDay } from '../domain/stats';
import { transact } from '../store/transact';
import { isOwner } from './access';
import { loadRequest } from './load';
import { rethrowMoved } from './request-moved';

/** The owner withdraws a request that has not been handled yet (draft or submitted). */
export async function cancelRequest(services: Services, principal: Principal, requestId: string): Promise<RequestRecord> {
  const request = await loadRequest(services, requestId);
  if (!isOwner(principal, request)) throw new ForbiddenError('Chỉ người yêu cầu mới được hủy hồ sơ của mình.');
  const to = nextStatus(request.status, 'cancel');
  const at = services.now().toISOString();
  const actor = actorOf(principal);
  const next: RequestRecord = { ...request, status: to, updatedAt: at, cancelledAt: at };
  await transact(services.db, [
    services.requests.replaceItem(next, request),
    services.audit.appendItem(`REQ#${requestId}`, { at, actor, action: 'cancel', from: request.status, to }),
    // Only requests the agency had received count; a withdrawn draft was never received.
    ...(request.status === 'submitted' ? services.stats.bumpItems(request.agencyId, statsDay(services.now()), { cancelled: 1 }) : []),
  ]).catch(rethrowMoved);
  return next;
}
