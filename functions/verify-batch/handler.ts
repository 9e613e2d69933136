import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { verifyBatch } from '../../shared/use-cases/verify-batch';

/** POST /api/verify/batch — up to 100 codes or upload ids, one report or problem per item, in order. */
export const handler = httpHandler('verify-batch', async ({ body, caller }) => json(200, await verifyBatch(getServices(), caller!, body.items)));
