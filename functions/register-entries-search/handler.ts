import { httpHandler, pathParam } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { validate } from '../../shared/http/validate';
import { getServices } from '../../shared/services';
import { SearchEntriesSchema, searchEntries } from '../../shared/use-cases/registers';

/** GET /api/registers/{id}/entries?q=&limit= — search by name or number. */
export const handler = httpHandler('register-entries-search', async ({ event, principal }) =>
  json(200, await searchEntries(getServices(), principal!, pathParam(event, 'id'), validate(SearchEntriesSchema, event.queryStringParameters ?? {}, 'Tham số truy vấn'))),
);
