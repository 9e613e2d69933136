import { CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** One accepted cdk-nag finding: the rule, optionally narrowed to exact findings, and why. */
export interface Acknowledgment {
  id: string;
  reason: string;
  /** Exact findings of a granular rule (IAM5: `Action::s3:List*`, `Resource::<X.Arn>/*`). */
  appliesTo?: string[];
}

/**
 * cdk-nag v3 acknowledgments (`Validations.of(construct).acknowledge`), always on one construct
 * (they cover its children, never the stack) and always with a reason that says why *this
 * service* accepts the finding. Granular findings are acknowledged one by one, exactly.
 */
export function suppress(construct: IConstruct, acknowledgments: Acknowledgment[]): void {
  const validations = Validations.of(construct);
  for (const { id, reason, appliesTo } of acknowledgments) {
    if (appliesTo) for (const finding of appliesTo) validations.acknowledge({ id: `${id}[${finding}]`, reason });
    else validations.acknowledge({ id, reason });
  }
}

/** `<LogicalId.Arn>`, the way cdk-nag prints a `Fn::GetAtt` of a resource's ARN in a finding. */
export function arnRef(construct: IConstruct): string {
  const cfn = construct.node.defaultChild;
  if (!(cfn instanceof CfnElement)) throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return `<${Stack.of(construct).getLogicalId(cfn)}.Arn>`;
}

/**
 * CDK-provided singleton Lambda functions (BucketDeployment's uploader) live at the stack root
 * under ids like `Custom::CDKBucketDeployment…`; their code, runtime and role are CDK's.
 */
export function suppressCdkSingletons(stack: Stack): void {
  for (const child of stack.node.children) {
    if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
    suppress(child, [
      {
        id: 'AwsSolutions-IAM4',
        appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
        reason: 'CDK BucketDeployment uploader (deploy-time only, copies web/dist to the site bucket): CDK attaches the basic execution role for its own logs.',
      },
      {
        id: 'AwsSolutions-L1',
        reason: 'CDK BucketDeployment uploader: its runtime is pinned by aws-cdk-lib and upgraded with it; it runs only during deployments.',
      },
    ]);
  }
}
