import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { getEntry } from '../../shared/use-cases/registers';

/** GET /api/registers/{id}/entries/{entryNo} ?requestId=|reason= — one entry; the read is audited with its purpose. */
export const handler = httpHandler('register-entries-get', async ({ params, query, principal }) =>
  json(200, await getEntry(getServices(), principal!, params.id, params.entryNo, query)),
);
