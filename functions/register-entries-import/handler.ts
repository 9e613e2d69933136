import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { importEntries } from '../../shared/use-cases/registers';

/** POST /api/registers/{id}/import (text/csv, UTF-8) — {imported, rejected:[{line, error}]}. */
export const handler = httpHandler('register-entries-import', async ({ params, body, principal }) =>
  json(200, await importEntries(getServices(), principal!, params.id, Buffer.from(body).toString('utf8'))),
);
