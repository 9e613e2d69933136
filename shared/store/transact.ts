import { TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../domain/errors';

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
 * throttling) are retried with exponential backoff and full jitter; when they persist past the
 * last attempt the caller gets a 409 asking to retry (contention is not a server fault). A failed
 * condition is reported as ConditionFailedError naming the items, for the caller to decide.
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
      if (!retryable) throw e;
      if (attempt >= attempts) {
        throw new ConflictError('Dữ liệu đang được cập nhật đồng thời bởi thao tác khác; vui lòng thử lại sau giây lát.', { cause: e });
      }
      await sleep(Math.random() * Math.min(1000, 25 * 2 ** attempt));
    }
  }
}
