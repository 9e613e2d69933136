import type { ListRequestsQuery } from '../contracts/requests';
import { ForbiddenError } from '../domain/errors';
import type { RequestRecord } from '../domain/request';
import type { Principal } from '../domain/roles';
import type { Services } from '../runtime/services';
import type { Page } from '../store/pagination';

/**
 * A citizen sees their own requests, newest first; an official sees their agency's queue in one
 * status (default `submitted`), oldest due first — the order in which work must be done.
 */
export async function listRequests(
  services: Pick<Services, 'requests'>,
  principal: Principal,
  query: ListRequestsQuery,
): Promise<Page<RequestRecord>> {
  if (principal.role === 'citizen') {
    if (!principal.citizenId) throw new ForbiddenError('Tài khoản công dân chưa gắn số CCCD.');
    return services.requests.listByCitizen(principal.citizenId, query);
  }
  if (principal.role === 'official') {
    if (!principal.agencyId) throw new ForbiddenError('Tài khoản cán bộ chưa gắn cơ quan.');
    return services.requests.listByAgency(principal.agencyId, query.status ?? 'submitted', query);
  }
  throw new ForbiddenError();
}
