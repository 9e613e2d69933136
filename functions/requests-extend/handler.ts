import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { extendRequest } from '../../shared/use-cases/extend-request';

/** POST /api/requests/{id}/extend {workingDays: 1|2, reason} — new due time and an appointment slip. */
export const handler = httpHandler(
  'requests-extend',
  async ({ params, body, principal }) => json(200, await extendRequest(getServices(), principal!, params.id, body))
);
