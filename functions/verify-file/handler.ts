import { BadRequestError } from '../../shared/domain/errors';
import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { validate } from '../../shared/http/validate';
import { getServices } from '../../shared/services';
import { VerifyUploadRefSchema, verifyFile, verifyUploaded } from '../../shared/use-cases/verify';

/** POST /api/verify — body = the PDF (application/pdf), or {uploadId} (JSON) for a large file. */
export const handler = httpHandler('verify-file', async ({ event, principal }) => {
  const type = (event.headers['content-type'] ?? '').toLowerCase();
  const services = getServices();
  if (type.startsWith('application/json')) {
    let body: unknown;
    try {
      body = JSON.parse(event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? ''));
    } catch {
      throw new BadRequestError('Nội dung JSON sai cú pháp.');
    }
    return json(200, await verifyUploaded(services, principal, validate(VerifyUploadRefSchema, body).uploadId));
  }
  if (!event.body) throw new BadRequestError('Hãy gửi tệp PDF trong nội dung yêu cầu (Content-Type: application/pdf).');
  const bytes = Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'latin1');
  return json(200, await verifyFile(services, principal, bytes));
});
