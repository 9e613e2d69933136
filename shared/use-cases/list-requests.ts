import * as z from 'zod';
import { ForbiddenError } from '../domain/errors';
import type { RequestRecord } from '../domain/request';
import { RequestStatusSchema } from '../domain/request-state';
import type { Principal } from '../domain/roles';
import type { Services } from '../services';
import type { Page } from '../store/pagination';

export const ListRequestsQuerySchema = z.object({
  status: RequestStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(2000).optional(),
});

/**
 * A citizen sees their own requests, newest first; an official sees their agency's queue in one
 * status (default `submitted`), oldest due first — the order in which work must be done.
 */
export async function listRequests(
  services: Pick<Services, 'requests'>,
  principal: Principal,
  query: z.infer<typeof ListRequestsQuerySchema>,
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
