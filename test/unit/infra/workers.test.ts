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
});
