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
        FilterCriteria: { Filters: [{ Pattern: Match.stringLikeRegexp('notification') }] },
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
});
