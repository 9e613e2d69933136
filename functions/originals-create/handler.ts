import { httpHandler, pathParam } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { validate } from '../../shared/http/validate';
import { getServices } from '../../shared/services';
import { AddOriginalSchema, addOriginal } from '../../shared/use-cases/add-original';

/** POST /api/requests/{id}/originals — declares an original and returns a presigned PUT for it. */
export const handler = httpHandler(
  'originals-create',
  async ({ event, body, principal }) =>
    json(201, await addOriginal(getServices(), principal!, pathParam(event, 'id'), validate(AddOriginalSchema, body))),
  { body: 'json' },
);
