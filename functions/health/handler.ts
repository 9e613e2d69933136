import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';

/** GET /api/health — liveness for load balancers and the quick start. */
export const handler = httpHandler('health', async () => json(200, { status: 'ok' }));
