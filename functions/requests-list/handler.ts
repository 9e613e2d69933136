import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { listRequests } from '../../shared/use-cases/list-requests';

/** GET /api/requests?status=&limit=&cursor= — own requests (citizen) or the agency's queue (official). */
export const handler = httpHandler('requests-list', async ({ query, principal }) => json(200, await listRequests(getServices(), principal!, query)));
