import { httpHandler, pathParam } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { validate } from '../../shared/http/validate';
import { getServices } from '../../shared/services';
import { ExtendSchema, extendRequest } from '../../shared/use-cases/extend-request';

/** POST /api/requests/{id}/extend {workingDays: 1|2, reason} — new due time and an appointment slip. */
export const handler = httpHandler(
  'requests-extend',
  async ({ event, body, principal }) => json(200, await extendRequest(getServices(), principal!, pathParam(event, 'id'), validate(ExtendSchema, body))),
  { body: 'json' },
);
