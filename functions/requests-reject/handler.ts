import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { rejectRequest } from '../../shared/use-cases/reject-request';

/** POST /api/requests/{id}/reject {reasonCode, detail?} — refusal with a legal ground. */
export const handler = httpHandler('requests-reject', async ({ params, body, principal }) => json(200, await rejectRequest(getServices(), principal!, params.id, body)));
