import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { addEntry } from '../../shared/use-cases/registers';

/** POST /api/registers/{id}/entries {entryNo, data} — 201, 409 on a taken number, 422 per invalid field. */
export const handler = httpHandler(
  'register-entries-create',
  async ({ params, body, principal }) => json(201, await addEntry(getServices(), principal!, params.id, body))
);
