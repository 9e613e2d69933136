import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBStreamEvent } from 'aws-lambda';

/**
 * The local stand-in for Lambda's DynamoDB event source mapping: polls the table's stream on
 * DynamoDB Local and hands each batch to a worker's real handler (functions/notify-outbox).
 */
export async function startStreamPoller(options: {
  endpoint: string;
  tableName: string;
  db: DynamoDBClient;
  handle: (event: DynamoDBStreamEvent) => Promise<unknown>;
  intervalMs?: number;
}): Promise<{ stop(): Promise<void> }> {
  const streams = new DynamoDBStreamsClient({ endpoint: options.endpoint, region: 'ap-southeast-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const table = await options.db.send(new DescribeTableCommand({ TableName: options.tableName }));
  const streamArn = table.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`Table ${options.tableName} has no stream`);
  const iterators = new Map<string, string | undefined>();
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  const tick = async () => {
    const stream = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of stream.StreamDescription?.Shards ?? []) {
      if (!shard.ShardId || (iterators.has(shard.ShardId) && iterators.get(shard.ShardId) === undefined)) continue;
      if (!iterators.has(shard.ShardId)) {
        const it = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
        iterators.set(shard.ShardId, it.ShardIterator);
      }
      const iterator = iterators.get(shard.ShardId);
      if (!iterator) continue;
      const batch = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
      iterators.set(shard.ShardId, batch.NextShardIterator);
      if (batch.Records?.length) await options.handle({ Records: batch.Records } as unknown as DynamoDBStreamEvent);
    }
  };

  const timer = setInterval(() => {
    running = running.then(() => (stopped ? undefined : tick().catch((e: unknown) => console.error('stream poller:', (e as Error).message))));
  }, options.intervalMs ?? 1000);
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
      streams.destroy();
    },
  };
}
