import { createRequire } from 'node:module';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { type RouteDef, deployedRoutes } from '../shared/contracts/routes';
import { readDeployConfig } from './config';
import { BanSaoStack } from './stack';
import { WAF_REGION, WafStack } from './waf';

const require = createRequire(import.meta.url);
/** The feature flags `cdk init` would write into cdk.json for this aws-cdk-lib version. */
const RECOMMENDED_FLAGS = require('aws-cdk-lib/recommended-feature-flags.json') as Record<string, unknown>;

export interface BuildAppOptions {
  /** Extra context (tests: `{'aws:cdk:bundling-stacks': []}` to skip esbuild). */
  context?: Record<string, unknown>;
  /** Environment read for CDK_DEFAULT_ACCOUNT/REGION (tests pass `{}`). */
  env?: NodeJS.ProcessEnv;
  routes?: readonly RouteDef[];
  webDist?: string;
  outdir?: string;
}

/**
 * The CDK app: recommended feature flags, the service stack, the web ACL stack when it can be
 * built, cdk-nag's AwsSolutions checks on all of it. Shared by infra/app.ts (`cdk synth`) and the
 * tests, so both check the same thing.
 *
 * The web ACL (`<stackName>-Waf`, infra/waf.ts) is created only when the environment is concrete
 * (account and region known, from context or the CDK CLI) AND context `webAclArn` is not given:
 * - environment-agnostic (offline `npm run synth`, no credentials): no WAF stack, and the
 *   distribution gets no ACL — a cross-region reference needs concrete regions on both sides;
 * - `webAclArn` given: no WAF stack, the distribution uses that ARN (an ACL managed elsewhere,
 *   e.g. by Firewall Manager).
 *
 * Wiring: CloudFront takes only a us-east-1 ACL; the service stack is in its own region. The
 * simplest correct way is CDK's own cross-region reference: the service stack uses
 * `waf.webAclArn` directly, both stacks set `crossRegionReferences: true`, and CDK orders the
 * deployment (the WAF stack first). With this app's reference strength (the recommended flag
 * `@aws-cdk/core:defaultCrossStackReferences: weak`) CDK renders it as CloudFormation's
 * `Fn::GetStackOutput` (stack `<stackName>-Waf`, region us-east-1): no export, no SSM parameter,
 * no custom-resource Lambda in either stack. (With `strong` references CDK would instead write
 * the ARN to an SSM parameter from us-east-1 and read it with a custom resource — the hand-made
 * alternative, which we therefore do not write ourselves.) A weak reference does not stop the WAF
 * stack from being deleted while the distribution uses the ACL: delete the service stack first.
 * When the service itself is in us-east-1 the reference is a same-region one.
 */
export function buildApp(options: BuildAppOptions = {}): { app: App; stack: BanSaoStack; waf?: WafStack } {
  const app = new App({ context: { ...RECOMMENDED_FLAGS, ...options.context }, outdir: options.outdir });
  const config = readDeployConfig((key) => app.node.tryGetContext(key), options.env ?? process.env);
  const routes = (options.routes ?? deployedRoutes()).filter((r) => !r.localOnly);
  const waf =
    config.env && !config.webAclArn
      ? new WafStack(app, `${config.stackName}-Waf`, {
          env: { account: config.env.account, region: WAF_REGION },
          crossRegionReferences: true,
          routes,
          metricPrefix: config.stackName,
          logRetentionDays: config.logRetentionDays,
          description: 'Bản sao điện tử — CloudFront web ACL: per-route rate limits from shared/contracts/routes.ts, managed rules',
        })
      : undefined;
  const stack = new BanSaoStack(app, config.stackName, {
    config: waf ? { ...config, webAclArn: waf.webAclArn } : config,
    env: config.env,
    crossRegionReferences: Boolean(waf),
    routes,
    webDist: options.webDist,
    description: 'Bản sao điện tử — certified electronic copies (PAdES), issuance and verification',
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack, waf };
}
