import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { shareDocument } from '../../shared/use-cases/shares';

/** POST /api/documents/{id}/shares {expiresInHours} — an expiring share link. */
export const handler = httpHandler(
  'documents-share',
  async ({ params, body, principal }) =>
    json(201, await shareDocument(getServices(), principal!, params.id, body))
);
