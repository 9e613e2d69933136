import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface MonitoringProps {
  functions: ReadonlyMap<string, lambda.IFunction>;
  api: apigw.IHttpApi;
  table: dynamodb.ITable;
  alarmEmail?: string;
}

const FIVE_MINUTES = Duration.minutes(5);

/** Functions per alarm: each brings two metrics, and an alarm's math expression takes at most 10. */
const FUNCTIONS_PER_ALARM = 5;

/** The operations the service uses (an alarm's math expression takes at most 10 metrics). */
const TABLE_OPERATIONS = [
  dynamodb.Operation.GET_ITEM,
  dynamodb.Operation.BATCH_GET_ITEM,
  dynamodb.Operation.QUERY,
  dynamodb.Operation.PUT_ITEM,
  dynamodb.Operation.UPDATE_ITEM,
  dynamodb.Operation.DELETE_ITEM,
  dynamodb.Operation.TRANSACT_WRITE_ITEMS,
  dynamodb.Operation.TRANSACT_GET_ITEMS,
];

/**
 * Alarms to one SNS topic: each function's errors and throttles, API 5xx, DynamoDB throttling.
 * Nothing in the service is asynchronous yet (every function answers an HTTP request), so there
 * is no dead-letter queue; the first async consumer (e.g. an S3 event on uploads) must come with
 * an on-failure destination or DLQ and an alarm on its depth.
 */
export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Alarms', { displayName: 'Bản sao điện tử — alarms', enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new subs.EmailSubscription(props.alarmEmail));

    // The route functions are alarmed in their own nested stacks (infra/route-stacks.ts), beside
    // them; the functions given here (the workers) in this stack.
    this.alarms.push(...functionAlarms(this, 'Functions', props.functions, this.topic));
    this.alarm('Api5xx', props.api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }), 5, 'HTTP API: 5xx responses');
    this.alarm(
      'TableThrottles',
      props.table.metricThrottledRequestsForOperations({ operations: TABLE_OPERATIONS, period: FIVE_MINUTES, statistic: 'Sum' }),
      1,
      'DynamoDB: throttled requests on the table',
    );
  }

  private alarm(id: string, metric: cloudwatch.IMetric, threshold: number, description: string): void {
    this.alarms.push(topicAlarm(this, id, metric, threshold, description, this.topic));
  }
}

/**
 * Functions watched five to an alarm, on errors + throttles in one math expression: an alarm per
 * function and metric would cost two resources per function (58 functions × 2 alarms alone are
 * 116), and an expression takes at most 10 metrics. The alarm's description names its functions;
 * its metrics show which one fired. Alarm ids are `<prefix><n>Failures`: the prefix keeps them
 * apart across the nested stacks.
 */
export function functionAlarms(scope: Construct, prefix: string, functions: ReadonlyMap<string, lambda.IFunction>, topic: sns.ITopic): cloudwatch.Alarm[] {
  const entries = [...functions];
  const alarms: cloudwatch.Alarm[] = [];
  for (let i = 0; i < entries.length; i += FUNCTIONS_PER_ALARM) {
    const group = entries.slice(i, i + FUNCTIONS_PER_ALARM);
    const usingMetrics: Record<string, cloudwatch.IMetric> = {};
    group.forEach(([, f], j) => {
      usingMetrics[`e${j}`] = f.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' });
      usingMetrics[`t${j}`] = f.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' });
    });
    const failures = new cloudwatch.MathExpression({
      expression: Object.keys(usingMetrics).map((m) => `FILL(${m}, 0)`).join(' + '),
      usingMetrics,
      period: FIVE_MINUTES,
      label: 'errors + throttles',
    });
    const names = group.map(([fn]) => `functions/${fn}`).join(', ');
    alarms.push(
      topicAlarm(scope, `${prefix}${i / FUNCTIONS_PER_ALARM + 1}Failures`, failures, 1, `Invocation errors (unhandled exceptions, timeouts) or throttled invocations (concurrency limit) in ${names}`, topic),
    );
  }
  return alarms;
}

function topicAlarm(scope: Construct, id: string, metric: cloudwatch.IMetric, threshold: number, description: string, topic: sns.ITopic): cloudwatch.Alarm {
  const alarm = new cloudwatch.Alarm(scope, id, {
    metric,
    threshold,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    alarmDescription: description,
  });
  alarm.addAlarmAction(new actions.SnsAction(topic));
  alarm.addOkAction(new actions.SnsAction(topic));
  return alarm;
}
