import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { recordOriginalCheck } from '../../shared/use-cases/record-original-check';

/** POST /api/requests/{id}/original-check {method, note?} — the official records the check of the paper original. */
export const handler = httpHandler(
  'requests-original-check',
  async ({ params, body, principal }) => json(200, await recordOriginalCheck(getServices(), principal!, params.id, body))
);
