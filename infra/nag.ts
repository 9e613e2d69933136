import { CfnElement, DefaultStackSynthesizer, Names, Stack, Validations } from 'aws-cdk-lib';
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

/**
 * `<LogicalId.Arn>`, the way cdk-nag prints a `Fn::GetAtt` of a resource's ARN in a finding.
 * Seen from a nested stack (`from`, a construct in it) the ARN of a parent's resource is a stack
 * parameter that CDK names `referenceto<unique id of the resource>Arn` (aws-cdk-lib
 * core/lib/private/refs.ts), and cdk-nag prints that `Ref` as `<parameter>`.
 */
export function arnRef(construct: IConstruct, from?: IConstruct): string {
  const cfn = construct.node.defaultChild;
  if (!(cfn instanceof CfnElement)) throw new Error(`${construct.node.path} has no CloudFormation resource`);
  const owner = Stack.of(construct);
  const consumer = from ? Stack.of(from) : owner;
  if (consumer === owner) return `<${owner.getLogicalId(cfn)}.Arn>`;
  if (consumer.nestedStackParent !== owner) throw new Error(`${from!.node.path} is neither in the stack of ${construct.node.path} nor in a stack nested directly in it`);
  return `<referenceto${Names.nodeUniqueId(cfn.node).replace(/[^A-Za-z0-9]/g, '')}Arn>`;
}

/**
 * BucketDeployment's uploader is a CDK-provided singleton Lambda at the stack root (id
 * `Custom::CDKBucketDeployment…`): its code, runtime and role are CDK's. It runs only while
 * deploying, to copy web/dist into the site bucket and invalidate the distribution.
 */
export function acknowledgeBucketDeployment(stack: Stack, siteBucket: IConstruct): void {
  const qualifier = (stack.node.tryGetContext('@aws-cdk/core:bootstrapQualifier') as string | undefined) ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  for (const child of stack.node.children) {
    if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
    suppress(child, [
      {
        id: 'AwsSolutions-IAM4',
        appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
        reason: 'CDK BucketDeployment uploader (deploy-time only, copies web/dist to the site bucket): CDK attaches the basic execution role for its own logs.',
      },
      {
        id: 'AwsSolutions-IAM5',
        appliesTo: [
          'Action::s3:GetBucket*',
          'Action::s3:GetObject*',
          'Action::s3:List*',
          'Action::s3:Abort*',
          'Action::s3:DeleteObject*',
          `Resource::arn:<AWS::Partition>:s3:::cdk-${qualifier}-assets-<AWS::AccountId>-<AWS::Region>/*`,
          `Resource::${arnRef(siteBucket)}/*`,
        ],
        reason:
          'CDK BucketDeployment uploader: it reads the web/dist asset from the CDK bootstrap bucket and syncs every object of the static site bucket (deleting stale files); it touches no data bucket.',
      },
      {
        id: 'AwsSolutions-IAM5',
        appliesTo: ['Resource::*'],
        reason: 'CDK BucketDeployment uploader: cloudfront:CreateInvalidation/GetInvalidation after each web deploy; CDK scopes them to "*".',
      },
      {
        id: 'AwsSolutions-L1',
        reason: 'CDK BucketDeployment uploader: its runtime is pinned by aws-cdk-lib and upgraded with it; it runs only during deployments, never on user requests.',
      },
    ]);
  }
}
