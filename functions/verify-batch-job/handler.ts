import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { batchJobStatus } from '../../shared/use-cases/verify-batch-job';

/** GET /api/verify/batch/{jobId} — the job of the caller's agency: status, counts, and when ended a page of results. */
export const handler = httpHandler('verify-batch-job', async ({ params, query, caller }) => json(200, await batchJobStatus(getServices(), caller!, params.jobId, query.offset)));
