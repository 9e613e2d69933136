import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { searchEntries } from '../../shared/use-cases/registers';

/** GET /api/registers/{id}/entries?q=&limit=&requestId=|reason= — search by name or number; audited with its purpose. */
export const handler = httpHandler('register-entries-search', async ({ params, query, principal }) =>
  json(200, await searchEntries(getServices(), principal!, params.id, query)),
);
