import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { listRevocations } from '../../shared/use-cases/revoke-document';

/** GET /api/revocations — the public list of revoked copies, newest first, paginated. */
export const handler = httpHandler('revocations-list', async ({ query }) =>
  json(200, await listRevocations(getServices(), query)),
);
