import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { listDeliveries } from '../../shared/use-cases/subscriptions';

/** GET /api/subscriptions/{id}/deliveries — sent, retrying and dead deliveries of the caller's agency's subscription. */
export const handler = httpHandler('subscriptions-deliveries', async ({ params, query, caller }) =>
  json(200, await listDeliveries(getServices(), caller!, params.id, query.status)),
);
