import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { validate } from '../../shared/http/validate';
import { getServices } from '../../shared/services';
import { ListRequestsQuerySchema, listRequests } from '../../shared/use-cases/list-requests';

/** GET /api/requests?status=&limit=&cursor= — own requests (citizen) or the agency's queue (official). */
export const handler = httpHandler('requests-list', async ({ event, principal }) => {
  const query = validate(ListRequestsQuerySchema, event.queryStringParameters ?? {}, 'Tham số truy vấn');
  return json(200, await listRequests(getServices(), principal!, query));
});
