import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { getEntry } from '../../shared/use-cases/registers';

/** GET /api/registers/{id}/entries/{entryNo} — one entry. */
export const handler = httpHandler('register-entries-get', async ({ params, principal }) =>
  json(200, await getEntry(getServices(), principal!, params.id, params.entryNo)),
);
