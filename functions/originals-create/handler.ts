import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { addOriginal } from '../../shared/use-cases/add-original';

/** POST /api/requests/{id}/originals — declares an original and returns a presigned PUT for it. */
export const handler = httpHandler(
  'originals-create',
  async ({ params, body, principal }) =>
    json(201, await addOriginal(getServices(), principal!, params.id, body))
);
