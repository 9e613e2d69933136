import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { listClients } from '../../shared/use-cases/clients';

/** GET /api/clients?agencyId= — an agency's registered systems, without secrets. */
export const handler = httpHandler('clients-list', async ({ query, principal }) => json(200, await listClients(getServices(), principal!, query.agencyId)));
