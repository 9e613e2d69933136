import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { validate } from '../../shared/http/validate';
import { getServices } from '../../shared/services';
import { RevocationsQuerySchema, listRevocations } from '../../shared/use-cases/revoke-document';

/** GET /api/revocations — the public list of revoked copies, newest first, paginated. */
export const handler = httpHandler('revocations-list', async ({ event }) =>
  json(200, await listRevocations(getServices(), validate(RevocationsQuerySchema, event.queryStringParameters ?? {}, 'Tham số truy vấn'))),
);
