import { NotFoundError } from '../../shared/domain/errors';
import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { ENV, limits } from '../../shared/runtime/config';
import { getSigningServices } from '../../shared/runtime/signing-services';
import { renewLongTermValidation } from '../../shared/use-cases/renew-long-term-validation';

/**
 * POST /api/dev/ltv-renew {windowDays?} — LOCAL STACK ONLY (localOnly in the route table, and 404
 * unless DEV_LOGIN=true): runs now what the ltv-renew worker runs daily in AWS, so that tests and
 * developers can renew without waiting for a schedule.
 */
export const handler = httpHandler('dev-ltv-renew', async ({ body }) => {
  if (process.env[ENV.devLogin] !== 'true') throw new NotFoundError();
  const windowDays = body.windowDays ?? limits().ltvRenewWindowDays;
  return json(200, await renewLongTermValidation(getSigningServices(), { windowDays }));
});
