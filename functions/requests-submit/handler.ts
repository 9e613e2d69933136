import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { submitRequest } from '../../shared/use-cases/submit-request';

/** POST /api/requests/{id}/submit — inspects the originals, sets fee and due time. */
export const handler = httpHandler('requests-submit', async ({ params, principal }) =>
  json(200, await submitRequest(getServices(), principal!, params.id)),
);
