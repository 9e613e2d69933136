import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { resolveWebhookTarget, webhookPolicyFromEnv } from '../../shared/notify/webhook-sender';
import { getServices } from '../../shared/runtime/services';
import { subscribe } from '../../shared/use-cases/subscriptions';

/** POST /api/subscriptions — a receiving agency's system subscribes a URL (SSRF rule checked); the secret is in this answer only. */
export const handler = httpHandler('subscriptions-create', async ({ body, caller }) =>
  json(201, await subscribe(getServices(), (url) => resolveWebhookTarget(url, webhookPolicyFromEnv()), caller!, body)),
);
