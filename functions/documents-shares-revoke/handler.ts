import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { revokeShare } from '../../shared/use-cases/shares';

/** POST /api/documents/{id}/shares/{shareId}/revoke — the owner withdraws a link; it answers 404 afterwards. */
export const handler = httpHandler('documents-shares-revoke', async ({ params, principal }) =>
  json(200, await revokeShare(getServices(), principal!, params.id, params.shareId)),
);
