import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { listSubscriptions } from '../../shared/use-cases/subscriptions';

/** GET /api/subscriptions — the caller's agency's subscriptions, without secrets. */
export const handler = httpHandler('subscriptions-list', async ({ caller }) => json(200, await listSubscriptions(getServices(), caller!)));
