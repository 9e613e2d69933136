import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { downloadUrl } from '../../shared/use-cases/documents';
import { sharedDocument } from '../../shared/use-cases/shares';

/** GET /api/shares/{token}/download — a presigned GET of the shared PDF, while the link is valid. */
export const handler = httpHandler('shares-download', async ({ params }) => {
  const services = getServices();
  return json(200, await downloadUrl(services, await sharedDocument(services, params.token)));
});
