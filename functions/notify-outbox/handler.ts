import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../../shared/http/logger';
import { notifierFromEnv, type Notifier } from '../../shared/notify/notifier';
import { getServices } from '../../shared/runtime/services';
import { NotificationSchema } from '../../shared/store/notification-repo';
import { fanOutEvent } from '../../shared/use-cases/webhooks';

let notifier: Notifier | undefined;

/**
 * Table stream → notifier: delivers each new pending notification of the outbox, then marks it
 * delivered; and fans each new revocation webhook event out into one pending delivery per
 * subscription (docs/webhooks.md; the worker webhooks-deliver sends them). A failure is reported
 * as a batch item failure and retried by Lambda (the event source mapping's retries, then its
 * on-failure destination).
 */
export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  notifier ??= notifierFromEnv();
  const services = getServices();
  const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    if (!image || record.eventName === 'REMOVE') continue;
    const item = unmarshall(image as Record<string, AttributeValue>);
    if (item._type === 'webhook-event' && record.eventName === 'INSERT') {
      try {
        await fanOutEvent(services, { eventId: String(item.eventId), documentId: String(item.documentId), body: String(item.body) });
      } catch (error) {
        logger.error('webhook fan-out failed', { error, key: item.PK });
        if (record.dynamodb?.SequenceNumber) batchItemFailures.push({ itemIdentifier: record.dynamodb.SequenceNumber });
      }
      continue;
    }
    if (item._type !== 'notification' || item.delivery !== 'pending') continue;
    try {
      const n = NotificationSchema.parse(item);
      // At least once: deliver, then mark; a failure before the mark is retried (a rare duplicate
      // message beats a lost one).
      await notifier.deliver(n);
      await services.notifications.markDelivered(item.PK as string, item.SK as string, services.now().toISOString());
    } catch (error) {
      logger.error('notification delivery failed', { error, key: item.SK });
      if (record.dynamodb?.SequenceNumber) batchItemFailures.push({ itemIdentifier: record.dynamodb.SequenceNumber });
    }
  }
  return { batchItemFailures };
};
