import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { verifyByCode } from '../../shared/use-cases/verify';

/** GET /api/verify/{code} — where the QR code lands: status and minimal metadata of the record. */
export const handler = httpHandler('verify-code', async ({ params, caller }) =>
  json(200, await verifyByCode(getServices(), caller, params.code)),
);
