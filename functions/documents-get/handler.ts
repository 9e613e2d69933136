import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { getDocument } from '../../shared/use-cases/documents';

/** GET /api/documents/{id} — metadata for the owner or the issuing agency. */
export const handler = httpHandler('documents-get', async ({ params, principal }) =>
  json(200, await getDocument(getServices(), principal!, params.id)),
);
