import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { WORKERS } from '../../../shared/contracts/routes';
import { SYNTH_TIMEOUT_MS, synthWithoutBundling } from './synth';

describe('CDK: the table-stream workers', () => {
  it(
    'feeds the notification worker from the table stream, filtered, with a DLQ, and lets it publish only to the citizens’ topic',
    () => {
      const { template, resources } = synthWithoutBundling();
      expect(WORKERS.map((w) => w.fn)).toContain('notify-outbox');
      template.hasResourceProperties('AWS::DynamoDB::Table', { StreamSpecification: { StreamViewType: 'NEW_IMAGE' } });
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        StartingPosition: 'TRIM_HORIZON',
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
        FilterCriteria: { Filters: Match.arrayWith([{ Pattern: Match.stringLikeRegexp('"notification"') }, { Pattern: Match.stringLikeRegexp('"webhook-event"') }]) },
      });
      template.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: Match.anyValue() });
      template.hasResourceProperties('AWS::SNS::Topic', { DisplayName: 'Bản sao điện tử', KmsMasterKeyId: Match.anyValue() });
      const worker = Object.values(resources).find((r) => r.Type === 'AWS::Lambda::Function' && String(r.Properties.Description).includes('worker notify-outbox'));
      expect(worker?.Properties.Environment.Variables.NOTIFIER).toBe('sns');
      const publishers = Object.values(resources).filter(
        (r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.PolicyDocument).includes('sns:Publish') && JSON.stringify(r.Properties.PolicyDocument).includes('CitizenNotifications'),
      );
      expect(publishers).toHaveLength(1);
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmDescription: Match.stringLikeRegexp('failed all retries') });
    },
    SYNTH_TIMEOUT_MS,
  );

  it(
    'runs the B-LTA renewal worker once a day from an EventBridge rule, with the window from configuration',
    () => {
      // Act
      const { resources } = synthWithoutBundling();

      // Assess
      expect(WORKERS.find((w) => w.fn === 'ltv-renew')?.trigger).toBe('daily');
      const worker = Object.entries(resources).find(([, r]) => r.Type === 'AWS::Lambda::Function' && String(r.Properties.Description).includes('worker ltv-renew'));
      expect(worker).toBeDefined();
      const rules = Object.values(resources).filter((r) => r.Type === 'AWS::Events::Rule');
      const rule = rules.find((r) => JSON.stringify(r.Properties.Targets).includes(worker![0]));
      expect(rule?.Properties.ScheduleExpression).toBe('cron(0 19 * * ? *)');
      expect(Object.values(resources).some((r) => r.Type === 'AWS::Lambda::Permission' && r.Properties.Principal === 'events.amazonaws.com' && JSON.stringify(r.Properties.FunctionName).includes(worker![0]))).toBe(true);
      expect(Object.values(resources).some((r) => r.Type === 'AWS::Lambda::EventSourceMapping' && JSON.stringify(r.Properties.FunctionName).includes(worker![0]))).toBe(false);
    },
    SYNTH_TIMEOUT_MS,
  );

  it(
    'runs the webhook delivery worker every minute from an EventBridge rule, off the stream, with the table only',
    () => {
      // Act
      const { resources } = synthWithoutBundling();

      // Assess: due retries wait in the table, so no stream shard is held for them.
      expect(WORKERS.find((w) => w.fn === 'webhooks-deliver')?.trigger).toBe('every-minute');
      const worker = Object.entries(resources).find(([, r]) => r.Type === 'AWS::Lambda::Function' && String(r.Properties.Description).includes('worker webhooks-deliver'));
      expect(worker).toBeDefined();
      const rule = Object.values(resources).find((r) => r.Type === 'AWS::Events::Rule' && JSON.stringify(r.Properties.Targets).includes(worker![0]));
      expect(rule?.Properties.ScheduleExpression).toBe('rate(1 minute)');
      expect(Object.values(resources).some((r) => r.Type === 'AWS::Lambda::EventSourceMapping' && JSON.stringify(r.Properties.FunctionName).includes(worker![0]))).toBe(false);
      // Least privilege: no bucket, no signing key, no topic; and the loopback exception is never configured.
      const role = (worker![1].Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const policies = Object.values(resources).filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(`"${role}"`));
      const actions = JSON.stringify(policies.map((p) => p.Properties.PolicyDocument));
      expect(actions).toMatch(/dynamodb:UpdateItem/);
      expect(actions).not.toMatch(/s3:|kms:Sign"|sns:Publish|cognito-idp:/);
      expect(worker![1].Properties.Environment.Variables.WEBHOOK_LOOPBACK).toBeUndefined();
      expect(worker![1].Properties.Environment.Variables.WEBHOOK_TIME_SCALE).toBeUndefined();
    },
    SYNTH_TIMEOUT_MS,
  );
});
