import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { buildApp, type BuildAppOptions } from '../../../infra/build-app';

/** The TSA every synth of the tests names (no request goes there). */
export const EXAMPLE_TSA_URL = 'https://tsa.example.invalid/rfc3161';

/** A synth takes 3–5 s (CloudFormation schema validation included), far more on a loaded machine. */
export const SYNTH_TIMEOUT_MS = 120_000;

/**
 * Builds the CDK app the way `cdk synth` does, but WITHOUT bundling: the context
 * `aws:cdk:bundling-stacks: []` tells NodejsFunction not to run esbuild, so a synth takes about
 * a second. No AWS account, no credentials (env `{}`), no network.
 */
export function synthWithoutBundling(options: BuildAppOptions = {}) {
  const { app, stack, waf } = buildWithoutBundling(options);
  const template = Template.fromStack(stack);
  return { app, stack, waf, template, resources: template.toJSON().Resources as Record<string, CfnResourceJson> };
}

/** The app and stack, not yet synthesized (so that `app.synth()` runs the validation plugins). */
export function buildWithoutBundling(options: BuildAppOptions = {}) {
  return buildApp({
    env: {},
    // Whether someone has built web/dist must not change the tests: no page unless a test gives one.
    webDist: join(tmpdir(), 'bansao-no-web-dist'),
    ...options,
    // A TSA is required configuration (infra/config.ts requireTsaUrl); tests name an example one.
    context: { 'aws:cdk:bundling-stacks': [], tsaUrl: EXAMPLE_TSA_URL, ...options.context },
  });
}

export interface CfnResourceJson {
  Type: string;
  Properties: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

/** The logical id CloudFormation will see for a construct (its default child). */
export function logicalId(construct: IConstruct): string {
  const cfn = construct instanceof CfnElement ? construct : construct.node.defaultChild;
  if (!(cfn instanceof CfnElement)) throw new Error(`${construct.node.path} has no CfnElement`);
  return Stack.of(construct).getLogicalId(cfn);
}

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

/** Every statement of the role's policies (the inline default policy CDK grants write to). */
export function roleStatements(resources: Record<string, CfnResourceJson>, roleLogicalId: string): Statement[] {
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && (r.Properties.Roles as unknown[]).some((x) => JSON.stringify(x) === JSON.stringify({ Ref: roleLogicalId })))
    .flatMap((r) => r.Properties.PolicyDocument.Statement as Statement[]);
}

export const actionsOf = (statements: Statement[]): string[] =>
  statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

/** The logical ids a statement's resources refer to (via Ref / Fn::GetAtt). */
export function referencedIds(value: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'Ref' && typeof x === 'string') out.push(x);
        else if (k === 'Fn::GetAtt' && Array.isArray(x)) out.push(String(x[0]));
        else walk(x);
      }
    }
  };
  walk(value);
  return out;
}
