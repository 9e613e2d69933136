import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { submitVerifyBatch } from '../../shared/use-cases/verify-batch-job';

/** POST /api/verify/batch — up to 100 items answered at once, in order; up to 1,000 queued as a job (202, `Location`). */
export const handler = httpHandler('verify-batch', async ({ body, caller }) => {
  const answer = await submitVerifyBatch(getServices(), caller!, body.items);
  return answer.status === 202 ? json(202, answer.body, { location: answer.body.resultUrl }) : json(200, answer.body);
});
