import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { clientIdentity } from '../../shared/runtime/cognito-clients';
import { getServices } from '../../shared/runtime/services';
import { disableClient } from '../../shared/use-cases/clients';

/** POST /api/clients/{clientId}/disable — its tokens are refused from now on, and the identity provider deletes it. */
export const handler = httpHandler('clients-disable', async ({ params, principal }) => json(200, await disableClient(getServices(), await clientIdentity(), principal!, params.clientId)));
