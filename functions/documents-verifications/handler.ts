import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { documentVerifications } from '../../shared/use-cases/documents';

/** GET /api/documents/{id}/verifications — who checked this copy, when, with what verdict. */
export const handler = httpHandler('documents-verifications', async ({ params, principal }) =>
  json(200, await documentVerifications(getServices(), principal!, params.id)),
);
