import { BatchWriteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BatchJobSchema, type BatchJob, type BatchJobStatus } from '../domain/batch-job';
import { keys } from './keys';
import { stripKeys } from './request-repo';
import { ConditionFailedError, transact } from './transact';

/** One entry of a batch as submitted (`{code}` or `{uploadId}`), and its result once checked. */
export interface StoredBatchItem {
  index: number;
  input: Record<string, string>;
  result?: unknown;
}

/** The state a worker run writes on the job (never the counts: those move with each result). */
export type BatchJobChange = Pick<BatchJob, 'status' | 'attempts' | 'updatedAt'> & Partial<Pick<BatchJob, 'startedAt' | 'finishedAt' | 'failure'>>;

/** Asynchronous verification batches: the job and its items (inputs, then results). */
export interface BatchJobStore {
  /** Stores the items, then the job: the job's record is what wakes the worker, so its items are there first. */
  create(job: BatchJob, inputs: readonly Record<string, string>[]): Promise<void>;
  get(jobId: string): Promise<BatchJob | undefined>;
  /**
   * Writes the change if the job is still in one of `from` (and, when given, at `attempts` runs):
   * false when it is not — another run moved it first.
   */
  change(jobId: string, change: BatchJobChange, from: readonly BatchJobStatus[], attempts?: number): Promise<boolean>;
  /** The items without a result, in order. */
  pending(jobId: string): Promise<StoredBatchItem[]>;
  /** Records an item's result and counts it on the job, both or neither; a second result for the same item is ignored. */
  complete(jobId: string, index: number, result: unknown, isError: boolean, at: string): Promise<void>;
  /** Items [offset, offset + limit) in order, with their results. */
  page(jobId: string, offset: number, limit: number): Promise<StoredBatchItem[]>;
}

const ttlOf = (job: Pick<BatchJob, 'expiresAt'>) => Math.ceil(Date.parse(job.expiresAt) / 1000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * BATCH#{jobId}: META is the job (its INSERT feeds the worker through the table stream), ITEM#{index}
 * one per entry with its input and, once checked, its result as JSON — an item per entry keeps
 * every item far under DynamoDB's 400 KB, whatever the size of the batch. All expire by TTL with
 * the job.
 */
export class DynamoBatchJobStore implements BatchJobStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(job: BatchJob, inputs: readonly Record<string, string>[]): Promise<void> {
    const ttl = ttlOf(job);
    for (let start = 0; start < inputs.length; start += 25) {
      let requests = inputs.slice(start, start + 25).map((input, i) => ({
        PutRequest: { Item: { ...keys.batchItem(job.jobId, start + i), _type: 'batch-item', index: start + i, input, ttl } },
      }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 8) throw new Error('Batch items could not be written (throttled)');
        if (attempt > 0) await sleep(Math.random() * Math.min(1000, 25 * 2 ** attempt));
        const r = await this.db.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }));
        requests = (r.UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
      }
    }
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.batchJob(job.jobId), _type: 'verify-batch-job', ...job, ttl }, ConditionExpression: 'attribute_not_exists(PK)' }));
  }

  async get(jobId: string): Promise<BatchJob | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.batchJob(jobId), ConsistentRead: true }));
    return r.Item ? BatchJobSchema.parse(stripKeys(r.Item)) : undefined;
  }

  async change(jobId: string, change: BatchJobChange, from: readonly BatchJobStatus[], attempts?: number): Promise<boolean> {
    const entries = Object.entries(change).filter(([, v]) => v !== undefined);
    const names = Object.fromEntries(entries.map(([k], i) => [`#f${i}`, k]));
    const values = Object.fromEntries([...entries.map(([, v], i) => [`:f${i}`, v]), ...from.map((s, i) => [`:from${i}`, s]), ...(attempts === undefined ? [] : [[':attempts', attempts]])]);
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.batchJob(jobId),
          UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :f${i}`).join(', ')}`,
          ConditionExpression: `attribute_exists(PK) AND #status IN (${from.map((_, i) => `:from${i}`).join(', ')})${attempts === undefined ? '' : ' AND #attempts = :attempts'}`,
          ExpressionAttributeNames: { ...names, '#status': 'status', ...(attempts === undefined ? {} : { '#attempts': 'attempts' }) },
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  private async query(jobId: string, from: number, to: number, pendingOnly: boolean): Promise<StoredBatchItem[]> {
    const out: StoredBatchItem[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const r = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': keys.batchJob(jobId).PK, ':from': keys.batchItem(jobId, from).SK, ':to': keys.batchItem(jobId, to).SK },
          ...(pendingOnly ? { FilterExpression: 'attribute_not_exists(#result)', ExpressionAttributeNames: { '#result': 'result' } } : {}),
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const i of r.Items ?? []) out.push({ index: i.index as number, input: i.input as Record<string, string>, ...(typeof i.result === 'string' ? { result: JSON.parse(i.result) as unknown } : {}) });
      start = r.LastEvaluatedKey;
    } while (start);
    return out;
  }

  pending(jobId: string): Promise<StoredBatchItem[]> {
    return this.query(jobId, 0, 99_999, true);
  }

  page(jobId: string, offset: number, limit: number): Promise<StoredBatchItem[]> {
    return this.query(jobId, offset, offset + limit - 1, false);
  }

  async complete(jobId: string, index: number, result: unknown, isError: boolean, at: string): Promise<void> {
    try {
      await transact(this.db, [
        {
          Update: {
            TableName: this.tableName,
            Key: keys.batchItem(jobId, index),
            UpdateExpression: 'SET #result = :r',
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(#result)',
            ExpressionAttributeNames: { '#result': 'result' },
            ExpressionAttributeValues: { ':r': JSON.stringify(result) },
          },
        },
        {
          Update: {
            TableName: this.tableName,
            Key: keys.batchJob(jobId),
            UpdateExpression: 'ADD completed :one, itemErrors :err SET updatedAt = :at',
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeValues: { ':one': 1, ':err': isError ? 1 : 0, ':at': at },
          },
        },
      ]);
    } catch (error) {
      // Already recorded by an earlier run: counted then, not again.
      if (error instanceof ConditionFailedError && error.failed.includes(0)) return;
      throw error;
    }
  }
}
