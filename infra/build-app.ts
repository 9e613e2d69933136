import { createRequire } from 'node:module';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { RouteDef } from '../shared/contracts/routes';
import { readDeployConfig } from './config';
import { BanSaoStack } from './stack';

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
 * The CDK app: recommended feature flags, the one stack, cdk-nag's AwsSolutions checks on all of
 * it. Shared by infra/app.ts (`cdk synth`) and the tests, so both check the same thing.
 */
export function buildApp(options: BuildAppOptions = {}): { app: App; stack: BanSaoStack } {
  const app = new App({ context: { ...RECOMMENDED_FLAGS, ...options.context }, outdir: options.outdir });
  const config = readDeployConfig((key) => app.node.tryGetContext(key), options.env ?? process.env);
  const stack = new BanSaoStack(app, config.stackName, {
    config,
    env: config.env,
    routes: options.routes,
    webDist: options.webDist,
    description: 'Bản sao điện tử — certified electronic copies (PAdES), issuance and verification',
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack };
}
