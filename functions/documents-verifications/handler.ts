import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { documentVerifications } from '../../shared/use-cases/documents';

/** GET /api/documents/{id}/verifications — who checked this copy (paged) and how many anonymous checks per day. */
export const handler = httpHandler('documents-verifications', async ({ params, query, principal }) =>
  json(200, await documentVerifications(getServices(), principal!, params.id, query)),
);
