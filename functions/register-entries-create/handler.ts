import { httpHandler, pathParam } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { validate } from '../../shared/http/validate';
import { getServices } from '../../shared/services';
import { AddEntrySchema, addEntry } from '../../shared/use-cases/registers';

/** POST /api/registers/{id}/entries {entryNo, data} — 201, 409 on a taken number, 422 per invalid field. */
export const handler = httpHandler(
  'register-entries-create',
  async ({ event, body, principal }) => json(201, await addEntry(getServices(), principal!, pathParam(event, 'id'), validate(AddEntrySchema, body))),
  { body: 'json' },
);
