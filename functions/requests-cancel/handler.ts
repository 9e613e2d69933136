import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { cancelRequest } from '../../shared/use-cases/cancel-request';

/** POST /api/requests/{id}/cancel — the owner withdraws a request not yet handled. */
export const handler = httpHandler('requests-cancel', async ({ params, principal }) =>
  json(200, await cancelRequest(getServices(), principal!, params.id)),
);
