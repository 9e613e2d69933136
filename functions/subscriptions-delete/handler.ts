import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { unsubscribe } from '../../shared/use-cases/subscriptions';

/** DELETE /api/subscriptions/{id} — only a client of the subscription's agency; answers what was deleted. */
export const handler = httpHandler('subscriptions-delete', async ({ params, caller }) => json(200, await unsubscribe(getServices(), caller!, params.id)));
