import { Stack } from 'aws-cdk-lib';
import { NagSuppressions, type NagPackSuppression } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/**
 * cdk-nag suppressions, always on one resource (never stack-wide) and always with a reason that
 * says why *this service* accepts the finding. `appliesTo` narrows IAM findings to the exact
 * action or resource pattern being accepted.
 */
export function suppress(construct: IConstruct, suppressions: NagPackSuppression[], applyToChildren = true): void {
  NagSuppressions.addResourceSuppressions(construct, suppressions, applyToChildren);
}

/**
 * CDK-provided singleton Lambda functions (BucketDeployment's uploader, custom resource
 * providers) live at the stack root under ids like `Custom::CDKBucketDeployment…`; their code and
 * runtime are CDK's, not ours.
 */
export function suppressCdkSingletons(stack: Stack): void {
  for (const child of stack.node.children) {
    if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
    suppress(child, [
      {
        id: 'AwsSolutions-IAM4',
        appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
        reason: 'CDK BucketDeployment uploader (deploy-time only, copies web/dist to the web bucket): CDK attaches the basic execution role for its own logs.',
      },
      {
        id: 'AwsSolutions-IAM5',
        reason:
          'CDK BucketDeployment uploader: it reads the CDK asset bucket and must write/delete every object of the web bucket (prefix wildcard) to sync web/dist; deploy-time only.',
      },
      {
        id: 'AwsSolutions-L1',
        reason: 'CDK BucketDeployment uploader: its Python runtime is pinned by aws-cdk-lib and upgraded with it; it runs only during deployments.',
      },
    ]);
  }
}
