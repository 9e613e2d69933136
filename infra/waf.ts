import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
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
    new CfnOutput(this, 'WebAclArn', { value: this.webAclArn, description: 'The CloudFront web ACL (per-route rate limits)' });
  }
}
