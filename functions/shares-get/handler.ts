import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { documentView } from '../../shared/use-cases/documents';
import { sharedDocument } from '../../shared/use-cases/shares';

/** GET /api/shares/{token} — the shared document's metadata, while the link is valid. */
export const handler = httpHandler('shares-get', async ({ params }) => json(200, documentView(await sharedDocument(getServices(), params.token))));
