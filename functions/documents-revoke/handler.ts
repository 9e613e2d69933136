import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { revokeDocument } from '../../shared/use-cases/revoke-document';

/** POST /api/documents/{id}/revoke {reason} — cancellation decision by the issuing agency. */
export const handler = httpHandler('documents-revoke', async ({ params, body, principal }) => json(200, await revokeDocument(getServices(), principal!, params.id, body)));
