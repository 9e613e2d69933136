import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { createVerifyUpload } from '../../shared/use-cases/verify';

/** POST /api/verify/uploads {size} — a presigned PUT of exactly `size` bytes for a file too large for the request body (≤ 50 MB, kept a day). */
export const handler = httpHandler('verify-uploads', async ({ body }) => json(201, await createVerifyUpload(getServices(), body)));
