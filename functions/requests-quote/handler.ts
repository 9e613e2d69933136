import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { quoteRequest } from '../../shared/use-cases/quote-request';

/** GET /api/requests/{id}/quote — a draft's pages, fee and due time if submitted now, for review before submit. */
export const handler = httpHandler('requests-quote', async ({ params, principal }) =>
  json(200, await quoteRequest(getServices(), principal!, params.id)),
);
