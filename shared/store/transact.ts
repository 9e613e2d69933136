import { TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A transaction refused because a condition did not hold; `failed` lists the indexes of the items concerned. */
export class ConditionFailedError extends Error {
  constructor(readonly failed: number[]) {
    super(`Transaction condition failed on item(s) ${failed.join(', ')}`);
    this.name = 'ConditionFailedError';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One TransactWriteItems. Conflicts with a concurrent transaction (TransactionConflict,
 * throttling) are retried with exponential backoff and full jitter; a failed condition is
 * reported as ConditionFailedError naming the items, for the caller to decide.
 */
export async function transact(db: DynamoDBDocumentClient, items: TransactItem[], attempts = 6): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (e) {
      const err = e as { name?: string; CancellationReasons?: { Code?: string }[] };
      const reasons = err.CancellationReasons ?? [];
      const failed = reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
      if (failed.length > 0) throw new ConditionFailedError(failed);
      const retryable =
        err.name === 'TransactionConflictException' ||
        err.name === 'ProvisionedThroughputExceededException' ||
        err.name === 'ThrottlingException' ||
        (err.name === 'TransactionCanceledException' && reasons.some((r) => r.Code === 'TransactionConflict' || r.Code === 'ThrottlingError'));
      if (!retryable || attempt >= attempts) throw e;
      await sleep(Math.random() * Math.min(1000, 25 * 2 ** attempt));
    }
  }
}
