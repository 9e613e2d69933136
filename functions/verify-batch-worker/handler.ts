import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../../shared/http/logger';
import { getServices } from '../../shared/runtime/services';
import { checkBatchItem } from '../../shared/use-cases/verify-batch';
import { runBatchJob } from '../../shared/use-cases/verify-batch-job';

/**
 * Table stream → asynchronous verification batches: the INSERT of a queued job record runs it.
 * A run that fails is reported as a batch item failure, so Lambda hands the same record again
 * and the next run resumes the job (shared/use-cases/verify-batch-job.ts); after the last retry
 * the record goes to the dead-letter queue and the job is marked failed by the run before it.
 */
export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const services = getServices();
  const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || !image) continue;
    const item = unmarshall(image as Record<string, AttributeValue>);
    if (item._type !== 'verify-batch-job' || item.status !== 'queued' || typeof item.jobId !== 'string') continue;
    try {
      await runBatchJob(services, item.jobId, (caller, input) => checkBatchItem(services, caller, input));
    } catch (error) {
      logger.error('verification batch run failed', { error, jobId: item.jobId });
      if (record.dynamodb?.SequenceNumber) batchItemFailures.push({ itemIdentifier: record.dynamodb.SequenceNumber });
    }
  }
  return { batchItemFailures };
};
