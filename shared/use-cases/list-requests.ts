import type { ListRequestsQuery } from '../contracts/requests';
import { ForbiddenError } from '../domain/errors';
import type { RequestRecord } from '../domain/request';
import { normaliseRequestCode } from '../domain/request-code';
import type { Principal } from '../domain/roles';
import type { Services } from '../runtime/services';
import type { Page } from '../store/pagination';
import { isAgencyOfficial, isOwner } from './access';

/**
 * A citizen sees their own requests, newest first; an official sees their agency's queue in one
 * status (default `submitted`), oldest due first — the order in which work must be done.
 */
export async function listRequests(
  services: Pick<Services, 'requests'>,
  principal: Principal,
  query: ListRequestsQuery,
): Promise<Page<RequestRecord>> {
  if (query.code !== undefined) return findByCode(services, principal, query.code);
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

/**
 * The one request with a short code (or, for a request filed before codes, its id) that the caller
 * may see: a citizen their own, an official their agency's. Another's request is not found, so
 * the search tells nothing about codes it does not own.
 */
async function findByCode(services: Pick<Services, 'requests'>, principal: Principal, text: string): Promise<Page<RequestRecord>> {
  const code = normaliseRequestCode(text);
  const id = code ? await services.requests.idByCode(code) : /^[0-9a-f-]{8,64}$/i.test(text.trim()) ? text.trim().toLowerCase() : undefined;
  const request = id ? await services.requests.get(id) : undefined;
  const visible = request && (isOwner(principal, request) || isAgencyOfficial(principal, request.agencyId));
  return { items: visible ? [request] : [] };
}
