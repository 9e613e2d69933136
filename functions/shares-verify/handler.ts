import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { verifySharedFile } from '../../shared/use-cases/shared-verify';

/** GET /api/shares/{token}/verify — verifies the file the link holds, on the server (no upload). */
export const handler = httpHandler('shares-verify', async ({ params, principal }) => json(200, await verifySharedFile(getServices(), principal, params.token)));
