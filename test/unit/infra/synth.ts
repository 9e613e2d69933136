import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CfnElement, NestedStack, Stack } from 'aws-cdk-lib';
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
 *
 * The route functions live in nested stacks (infra/route-stacks.ts). `template` is the parent's;
 * `templates` are the parent's and every nested stack's; `resources` is the union of their
 * resources, with each nested stack's parameters replaced by what the parent passes in — so a
 * function's environment or policy names the parent's table as `{Ref: <table's logical id>}`, as
 * it would in one template, and a test looks a resource up by `logicalId(construct)` wherever it
 * lives. `templateOf(construct)` is the template of the stack that holds a construct.
 */
export function synthWithoutBundling(options: BuildAppOptions = {}) {
  const { app, stack, waf } = buildWithoutBundling(options);
  const template = Template.fromStack(stack);
  const templates = [{ stack: stack as Stack, template }, ...nestedStacksOf(stack).map((n) => ({ stack: n as Stack, template: Template.fromStack(n) }))];
  const templateOf = (construct: IConstruct): Template => {
    const found = templates.find((t) => t.stack === Stack.of(construct));
    if (!found) throw new Error(`${construct.node.path} is in no synthesized stack`);
    return found.template;
  };
  return { app, stack, waf, template, templates, templateOf, resources: unionOfResources(templates) };
}

/** The nested stacks under a stack, at any depth. */
export function nestedStacksOf(stack: Stack): NestedStack[] {
  return stack.node.findAll().filter((c): c is NestedStack => c instanceof NestedStack);
}

/**
 * The resources of a parent and its nested stacks as one map. A nested template's `Ref` to one of
 * its parameters becomes the value the parent gives that parameter (its `AWS::CloudFormation::Stack`
 * resource's `Parameters`), itself resolved the same way. Logical ids are unique per template
 * only: a clash across templates fails here rather than hide a resource.
 */
function unionOfResources(templates: { stack: Stack; template: Template }[]): Record<string, CfnResourceJson> {
  const json = new Map(templates.map(({ stack, template }) => [stack, template.toJSON()]));
  const resolveIn = (stack: Stack, value: unknown): unknown => {
    const parent = stack.nestedStackParent;
    if (!parent || !(stack instanceof NestedStack)) return value;
    const stackResource = json.get(parent)!.Resources[Stack.of(stack.nestedStackResource!).getLogicalId(stack.nestedStackResource as CfnElement)];
    const passed = (stackResource.Properties.Parameters ?? {}) as Record<string, unknown>;
    const walk = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(walk);
      if (v && typeof v === 'object') {
        const entries = Object.entries(v);
        if (entries.length === 1 && entries[0][0] === 'Ref' && typeof entries[0][1] === 'string' && entries[0][1] in passed) {
          return resolveIn(parent, passed[entries[0][1]]);
        }
        return Object.fromEntries(entries.map(([k, x]) => [k, walk(x)]));
      }
      return v;
    };
    return walk(value);
  };
  const union: Record<string, CfnResourceJson> = {};
  for (const [stack, template] of json) {
    for (const [id, resource] of Object.entries(template.Resources as Record<string, CfnResourceJson>)) {
      if (id in union) throw new Error(`logical id ${id} is in two templates`);
      union[id] = resolveIn(stack, resource) as CfnResourceJson;
    }
  }
  return union;
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
