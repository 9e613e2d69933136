import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { listShares } from '../../shared/use-cases/shares';

/** GET /api/documents/{id}/shares — the owner's share links of a copy and their state. */
export const handler = httpHandler('documents-shares-list', async ({ params, principal }) => json(200, await listShares(getServices(), principal!, params.id)));
