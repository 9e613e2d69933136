import { logger } from '../../shared/http/logger';
import { webhookSender } from '../../shared/notify/webhook-sender';
import { ENV } from '../../shared/runtime/config';
import { getServices } from '../../shared/runtime/services';
import { deliverDue, type DeliveryRun } from '../../shared/use-cases/webhooks';

const BATCH = 50;

/**
 * Every minute (EventBridge, infra/workers.ts; every second in the local stack): sends the webhook
 * deliveries that are due — first attempts and retries — and records each outcome
 * (docs/webhooks.md "Retries and dead letters"). The stream shard is never held for a retry.
 */
export const handler = async (): Promise<DeliveryRun> => {
  const timeScale = Number(process.env[ENV.webhookTimeScale] ?? '1') || 1;
  const run: DeliveryRun = { delivered: 0, retried: 0, dead: 0 };
  // A full batch means more may be due: take batches for up to a minute (the next run starts then), well inside the 120 s timeout.
  const until = Date.now() + 60_000;
  for (let full = true; full && Date.now() < until; ) {
    const batch = await deliverDue(getServices(), webhookSender(), { timeScale, limit: BATCH });
    for (const k of ['delivered', 'retried', 'dead'] as const) run[k] += batch[k];
    full = batch.delivered + batch.retried + batch.dead >= BATCH;
  }
  if (run.delivered + run.retried + run.dead > 0) logger.info('webhook deliveries', { ...run });
  if (run.dead > 0) logger.error('webhook deliveries parked as dead', { dead: run.dead });
  return run;
};
