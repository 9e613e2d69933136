import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { getRequest } from '../../shared/use-cases/get-request';

/** GET /api/requests/{id} — one request with its originals and history. */
export const handler = httpHandler('requests-get', async ({ params, principal }) =>
  json(200, await getRequest(getServices(), principal!, params.id)),
);
