import { httpHandler } from '../../shared/http/handler';
import { raw } from '../../shared/http/responses';
import { getSigningServices } from '../../shared/runtime/signing-services';
import { fileReceipt } from '../../shared/use-cases/verification-receipt';

/** POST /api/verify/receipt — body = the PDF, or {uploadId}: the file is verified and the receipt sealed by the service. */
export const handler = httpHandler('verify-file-receipt', async ({ body, principal }) =>
  raw(200, await fileReceipt(getSigningServices(), principal, body), 'application/pdf', { 'content-disposition': 'attachment; filename="phieu-kiem-tra.pdf"' }),
);
