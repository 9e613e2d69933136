import { httpHandler } from '../../shared/http/handler';
import { raw } from '../../shared/http/responses';
import { getSigningServices } from '../../shared/runtime/signing-services';
import { codeReceipt } from '../../shared/use-cases/verification-receipt';

/** GET /api/verify/{code}/receipt — the verification receipt of a code lookup, sealed by the service. */
export const handler = httpHandler('verify-code-receipt', async ({ params, principal }) =>
  raw(200, await codeReceipt(getSigningServices(), principal, params.code), 'application/pdf', { 'content-disposition': 'attachment; filename="phieu-kiem-tra.pdf"' }),
);
