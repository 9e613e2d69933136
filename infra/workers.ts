import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../shared/runtime/config';
import { MAX_JOB_ATTEMPTS } from '../shared/domain/batch-job';
import type { WorkerDef } from '../shared/contracts/routes';
import type { FunctionSpec } from './grants';
import { suppress } from './nag';

/** The FunctionSpec of a worker (no route): its grants come from `touches` like a route's. */
export function workerSpecs(workers: readonly WorkerDef[]): FunctionSpec[] {
  return workers.map((w) => ({
    fn: w.fn,
    routes: [],
    touches: { table: w.touches.table, originals: w.touches.originals, issued: w.touches.issued, signing: w.touches.signing },
    memoryMb: w.memoryMb,
    timeoutSeconds: w.timeoutSeconds,
  }));
}

export interface WorkersProps {
  workers: readonly WorkerDef[];
  functions: ReadonlyMap<string, NodejsFunction>;
  table: dynamodb.ITable;
  dataKey: kms.IKey;
}

/**
 * The asynchronous side: the table's stream feeds the notification worker, which publishes to
 * the citizens' SNS topic (SMS / e-mail / portal subscriptions filter on `citizenId`). Records
 * that keep failing land in an encrypted dead-letter queue, whose depth is alarmed.
 */
export class Workers extends Construct {
  readonly notifications: sns.Topic;
  readonly deadLetters: sqs.Queue;
  readonly dlqAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: WorkersProps) {
    super(scope, id);
    this.notifications = new sns.Topic(this, 'CitizenNotifications', { displayName: 'Bản sao điện tử', masterKey: props.dataKey, enforceSSL: true });
    this.deadLetters = new sqs.Queue(this, 'StreamDeadLetters', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.dataKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    suppress(this.deadLetters, [
      {
        id: 'AwsSolutions-SQS3',
        reason: 'This queue IS the dead-letter destination of the table-stream workers (failed notification records); a DLQ of a DLQ would only move the same records again.',
      },
    ]);
    this.dlqAlarm = new cloudwatch.Alarm(this, 'DeadLettersVisible', {
      metric: this.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: 'Table-stream worker records that failed all retries (undelivered citizen notifications)',
    });

    for (const worker of props.workers.filter((w) => w.trigger === 'daily')) {
      // Once a day at 02:00 Vietnam time (19:00 UTC), off the hours of the counters.
      new events.Rule(this, `Daily-${worker.fn}`, {
        schedule: events.Schedule.cron({ minute: '0', hour: '19' }),
        description: `Runs ${worker.fn} daily`,
        targets: [new targets.LambdaFunction(props.functions.get(worker.fn)!, { retryAttempts: 2 })],
      });
    }

    for (const worker of props.workers.filter((w) => w.trigger === 'every-minute')) {
      // Webhook retries wait here, not on the stream: the worker reads the deliveries that are due (docs/webhooks.md).
      new events.Rule(this, `EveryMinute-${worker.fn}`, {
        schedule: events.Schedule.rate(Duration.minutes(1)),
        description: `Runs ${worker.fn} every minute`,
        targets: [new targets.LambdaFunction(props.functions.get(worker.fn)!, { retryAttempts: 0 })],
      });
    }

    for (const worker of props.workers.filter((w) => w.trigger === 'table-stream' && w.streamFilter)) {
      // A worker with its own filter runs long jobs (a verification batch): one record per
      // invocation, and the retries of a run that died are the job's next attempts (resumed where
      // it stopped; shared/domain/batch-job.ts), so as many retries as attempts remain.
      const fn = props.functions.get(worker.fn)!;
      const image = Object.fromEntries(Object.entries(worker.streamFilter!).map(([name, value]) => [name, { S: lambda.FilterRule.isEqual(value) }]));
      fn.addEventSource(
        new DynamoEventSource(props.table, {
          startingPosition: lambda.StartingPosition.TRIM_HORIZON,
          batchSize: 1,
          retryAttempts: MAX_JOB_ATTEMPTS,
          reportBatchItemFailures: true,
          onFailure: new SqsDlq(this.deadLetters),
          filters: [lambda.FilterCriteria.filter({ eventName: lambda.FilterRule.isEqual('INSERT'), dynamodb: { NewImage: image } })],
        }),
      );
    }

    for (const worker of props.workers.filter((w) => w.trigger === 'table-stream' && !w.streamFilter)) {
      const fn = props.functions.get(worker.fn)!;
      fn.addEventSource(
        new DynamoEventSource(props.table, {
          startingPosition: lambda.StartingPosition.TRIM_HORIZON,
          batchSize: 25,
          retryAttempts: 5,
          bisectBatchOnError: true,
          reportBatchItemFailures: true,
          onFailure: new SqsDlq(this.deadLetters),
          // Only new pending notifications and revocation webhook events (fanned out into deliveries) wake the worker, not every write of the table.
          filters: [
            lambda.FilterCriteria.filter({ dynamodb: { NewImage: { _type: { S: lambda.FilterRule.isEqual('notification') }, delivery: { S: lambda.FilterRule.isEqual('pending') } } } }),
            lambda.FilterCriteria.filter({ eventName: lambda.FilterRule.isEqual('INSERT'), dynamodb: { NewImage: { _type: { S: lambda.FilterRule.isEqual('webhook-event') } } } }),
          ],
        }),
      );
      if (worker.touches.notify) {
        this.notifications.grantPublish(fn);
        fn.addEnvironment(ENV.notifier, 'sns');
        fn.addEnvironment(ENV.notifyTopicArn, this.notifications.topicArn);
      }
    }
  }
}
