import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { verifyFile, verifyUploaded } from '../../shared/use-cases/verify';

/** POST /api/verify — body = the PDF (application/pdf), or {uploadId} (JSON) for a large file. */
export const handler = httpHandler('verify-file', async ({ body, caller }) => {
  const services = getServices();
  if (body instanceof Uint8Array) return json(200, await verifyFile(services, caller, body));
  return json(200, await verifyUploaded(services, caller, body.uploadId));
});
