import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { originalViewUrl } from '../../shared/use-cases/get-request';

/** GET /api/requests/{id}/originals/{originalId} — {url} to view the scan (owner or agency official). */
export const handler = httpHandler('originals-get', async ({ params, principal }) =>
  json(200, await originalViewUrl(getServices(), principal!, params.id, params.originalId)),
);
