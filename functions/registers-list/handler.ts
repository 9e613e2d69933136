import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { listRegisters } from '../../shared/use-cases/registers';

/** GET /api/registers — the master registers of the official's agency. */
export const handler = httpHandler('registers-list', async ({ principal }) => json(200, await listRegisters(getServices(), principal!)));
