import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { tokenEndpoint } from '../../shared/runtime/client-identity';
import { clientIdentity } from '../../shared/runtime/cognito-clients';
import { getServices } from '../../shared/runtime/services';
import { registerClient } from '../../shared/use-cases/clients';

/** POST /api/clients — registers a receiving agency's system; the secret is in this answer only. */
export const handler = httpHandler('clients-create', async ({ body, principal }) =>
  json(201, await registerClient(getServices(), await clientIdentity(), principal!, body, tokenEndpoint())),
);
