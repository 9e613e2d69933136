import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { downloadDocument } from '../../shared/use-cases/documents';

/** GET /api/documents/{id}/download — {url, expiresAt}, a presigned GET valid minutes. */
export const handler = httpHandler('documents-download', async ({ params, principal }) =>
  json(200, await downloadDocument(getServices(), principal!, params.id)),
);
