import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { setDisclosure } from '../../shared/use-cases/disclosure';

/** PUT /api/documents/{id}/disclosure {showContent} — the owner shows or hides the content of a lookup by code. */
export const handler = httpHandler('documents-disclosure', async ({ params, body, principal }) => json(200, await setDisclosure(getServices(), principal!, params.id, body)));
