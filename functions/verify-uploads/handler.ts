import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { createVerifyUpload } from '../../shared/use-cases/verify';

/** POST /api/verify/uploads — a presigned PUT for a file too large for the request body (≤ 50 MB, kept a day). */
export const handler = httpHandler('verify-uploads', async () => json(201, await createVerifyUpload(getServices())));
