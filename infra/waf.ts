import { ArnFormat, CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import type { RouteDef } from '../shared/contracts/routes';
import { rateRules } from './waf-rules';

/** A CLOUDFRONT-scope web ACL must be created in us-east-1, whatever the region of the service. */
export const WAF_REGION = 'us-east-1';

export interface WafStackProps extends StackProps {
  /** The deployed routes (the route table's, without local-only ones). */
  routes: readonly RouteDef[];
  /** Prefix of the CloudWatch metric names (the main stack's name). */
  metricPrefix: string;
  /** Retention of the ACL's request log (the service's log retention). */
  logRetentionDays: number;
}

/**
 * The web ACL of the CloudFront distribution, in its own stack because CloudFront takes only a
 * us-east-1 ACL while the service lives in its own region (infra/build-app.ts wires the two).
 *
 * Rules, in evaluation order:
 * 0. AWS IP reputation list — BLOCK: addresses AWS threat intelligence knows as bots, scanners and
 *    attack sources; it looks at the source address only, so false positives are rare and there
 *    is nothing of ours for it to misread.
 * 1…n. One rate-based rule per route with `rateLimitPerMinute` (infra/waf-rules.ts) — BLOCK with
 *    the service's own 429 problem document and `Retry-After`.
 * n+1. AWS common rule set — COUNT: its body rules (SizeRestrictions_BODY above 8 KB, XSS / LFI
 *    patterns in the body) would block this service's normal traffic — PDFs sent to
 *    `POST /api/verify`, CSV register imports, base64 scans. It runs in count mode so its metrics
 *    and sampled requests show what it would block; switch it to block (with rule exclusions for
 *    the upload routes) once the samples show no legitimate request among them.
 * Default: allow (authorization is the API's job; the ACL only sheds abuse).
 */
export class WafStack extends Stack {
  readonly webAcl: wafv2.CfnWebACL;
  /** The ACL's ARN, what CloudFront's `WebACLId` takes for WAFv2. */
  readonly webAclArn: string;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: WafStackProps) {
    super(scope, id, props);
    const visibility = (name: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: `${props.metricPrefix}-${name}`,
    });
    const managed = (name: string, priority: number, mode: 'block' | 'count'): wafv2.CfnWebACL.RuleProperty => ({
      name,
      priority,
      // A managed group's own actions are block; `count` overrides them all to count.
      overrideAction: mode === 'block' ? { none: {} } : { count: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
      visibilityConfig: visibility(name),
    });

    const rate = rateRules(props.routes, 1, props.metricPrefix);
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: 'Ban sao dien tu - per-caller rate limits of shared/contracts/routes.ts, AWS IP reputation block, common rule set count',
      defaultAction: { allow: {} },
      customResponseBodies: rate.customResponseBodies,
      rules: [
        managed('AWSManagedRulesAmazonIpReputationList', 0, 'block'),
        ...rate.rules,
        managed('AWSManagedRulesCommonRuleSet', rate.rules.length + 1, 'count'),
      ],
      visibilityConfig: visibility('web-acl'),
    });
    this.webAclArn = this.webAcl.attrArn;

    // The ACL's request log: which rule blocked or counted whom, what the samples cannot keep.
    // WAF accepts only log groups named aws-waf-logs-…, in the ACL's region (us-east-1). It is
    // not encrypted with the data key, which lives in the service's region; nothing personal is
    // left in it but the source address: the Authorization header (the caller's token) is redacted.
    const logGroupName = `aws-waf-logs-${props.metricPrefix}`;
    this.logGroup = new logs.LogGroup(this, 'WebAclLogs', {
      logGroupName,
      retention: props.logRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const logging = new wafv2.CfnLoggingConfiguration(this, 'WebAclLogging', {
      resourceArn: this.webAcl.attrArn,
      // WAF wants the log group's ARN without the `:*` that its Arn attribute ends with.
      logDestinationConfigs: [this.formatArn({ service: 'logs', resource: 'log-group', resourceName: logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
      redactedFields: [{ singleHeader: { Name: 'authorization' } }],
    });
    logging.node.addDependency(this.logGroup);
    new CfnOutput(this, 'WebAclArn', { value: this.webAclArn, description: 'The CloudFront web ACL (per-route rate limits)' });
  }
}
