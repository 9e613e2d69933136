import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { createRequest } from '../../shared/use-cases/create-request';

/** POST /api/requests — a citizen files online, or an official at the counter for a citizen. */
export const handler = httpHandler('requests-create', async ({ body, principal }) => json(201, await createRequest(getServices(), principal!, body)));
