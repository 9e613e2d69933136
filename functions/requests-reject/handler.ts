import { httpHandler, pathParam } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { validate } from '../../shared/http/validate';
import { getServices } from '../../shared/services';
import { RejectSchema, rejectRequest } from '../../shared/use-cases/reject-request';

/** POST /api/requests/{id}/reject {reasonCode, detail?} — refusal with a legal ground. */
export const handler = httpHandler(
  'requests-reject',
  async ({ event, body, principal }) =>
    json(200, await rejectRequest(getServices(), principal!, pathParam(event, 'id'), validate(RejectSchema, body))),
  { body: 'json' },
);
