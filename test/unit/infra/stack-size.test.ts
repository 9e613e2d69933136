import { App, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { beforeAll, describe, expect, it } from 'vitest';
import { type RouteDef, deployedRoutes } from '../../../shared/contracts/routes';
import { HttpApi } from '../../../infra/api';
import { ROUTE_STACK_RESOURCE_BUDGET, RouteStack, type RouteStackProps, routeGroups } from '../../../infra/route-stacks';
import { SYNTH_TIMEOUT_MS, logicalId, synthWithoutBundling } from './synth';

/**
 * CloudFormation refuses more than 500 resources in one stack (parent or nested), and CDK refuses
 * to synthesize past it. The budget (400, infra/route-stacks.ts) leaves a headroom of 100
 * resources — about 14 routes at 7 resources each — so this test fails, and the next split is
 * planned, well before a new route makes the synth fail.
 */
describe('Stack size: the per-route resources live in nested stacks', () => {
  let built: ReturnType<typeof synthWithoutBundling>;
  beforeAll(() => {
    built = synthWithoutBundling();
  }, SYNTH_TIMEOUT_MS);

  it(`keeps every stack, parent and nested, at ${ROUTE_STACK_RESOURCE_BUDGET} resources or fewer`, () => {
    expect(ROUTE_STACK_RESOURCE_BUDGET).toBeLessThanOrEqual(400);
    expect(built.templates.length).toBeGreaterThan(1);
    for (const { stack, template } of built.templates) {
      expect(Object.keys(template.toJSON().Resources).length, stack.node.path).toBeLessThanOrEqual(ROUTE_STACK_RESOURCE_BUDGET);
    }
  });

  it('puts each route function, with its role, policy, log group, permission, integration, route and alarm, in its group\'s nested stack', () => {
    const groups = routeGroups(deployedRoutes());
    expect([...built.stack.routeStacks.keys()]).toEqual([...groups.keys()]);
    for (const [group, routes] of groups) {
      const nested = built.stack.routeStacks.get(group)!;
      const resources = built.templateOf(nested).toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;
      const routeKeys = Object.values(resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route').map((r) => r.Properties.RouteKey);
      expect(new Set(routeKeys), group).toEqual(new Set(routes.map((r) => `${r.method} ${r.path}`)));
      for (const route of routes) {
        const fn = built.stack.functions.functions.get(route.fn)!;
        expect(Stack.of(fn), route.fn).toBe(nested);
        for (const id of [logicalId(fn), logicalId(fn.role!), logicalId(fn.logGroup)]) expect(resources[id], `${route.fn}: ${id}`).toBeDefined();
        const named = (type: string) => Object.values(resources).filter((r) => r.Type === type && JSON.stringify(r.Properties).includes(logicalId(fn)));
        expect(named('AWS::Lambda::Permission').length, route.fn).toBeGreaterThan(0);
        expect(named('AWS::ApiGatewayV2::Integration').length, route.fn).toBe(1);
        expect(named('AWS::CloudWatch::Alarm').length, route.fn).toBe(1);
      }
    }
    // The parent keeps the workers and nothing per route.
    const parent = built.template.toJSON().Resources as Record<string, { Type: string }>;
    expect(Object.values(parent).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route')).toEqual([]);
  });
});

describe('Stack size: the grouping of routes into nested stacks', () => {
  const contract = { responses: {}, errors: [] };
  const route = (method: RouteDef['method'], path: string, fn: string): RouteDef => ({ method, path, fn, contract, access: 'public', touches: {} });

  it('moves no function to another nested stack when a route is added, anywhere in the table', () => {
    // Prepare
    const table = deployedRoutes();
    const groupOf = (routes: readonly RouteDef[]) => new Map([...routeGroups(routes)].flatMap(([group, rs]) => rs.map((r) => [r.fn, group] as const)));
    const before = groupOf(table);

    // Act: a route in an existing area at the front, one in a new area at the end
    const after = groupOf([route('GET', '/api/requests/new-thing', 'new-thing'), ...table, route('GET', '/api/archives/{id}', 'archives-get')]);

    // Assess
    for (const [fn, group] of before) expect(after.get(fn), fn).toBe(group);
    expect(after.get('new-thing')).toBe('Requests');
    expect(after.get('archives-get')).toBe('Archives');
  });

  it('keeps a function folder that serves two routes in one stack, the stack of its first route', () => {
    const groups = routeGroups([route('GET', '/api/verify/a', 'shared-fn'), route('GET', '/api/requests/b', 'shared-fn')]);
    expect([...groups.keys()]).toEqual(['Documents']);
    expect(groups.get('Documents')!.map((r) => r.path)).toEqual(['/api/verify/a', '/api/requests/b']);
  });
});

describe('Stack size: bundling of the nested stacks', () => {
  /** A route stack without routes: only its place in the tree matters here. */
  function routeStackUnder(bundlingStacks: string[]) {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': bundlingStacks } });
    const parent = new Stack(app, 'BanSao');
    const api = new HttpApi(parent, 'Http', { dataKey: new kms.Key(parent, 'Key', { enableKeyRotation: true }), config: { apiThrottle: { rateLimit: 10, burstLimit: 10 }, logRetentionDays: 365 } });
    // Unused without routes: no function, route or alarm is created.
    const unused = {} as Pick<RouteStackProps, 'functions' | 'authorizer' | 'alarmTopic'>;
    return new RouteStack(parent, 'RoutesX', { group: 'X', routes: [], api, ...unused });
  }

  it('bundles a nested stack whenever its parent is bundled (`cdk deploy --exclusively BanSao` names the parent only)', () => {
    expect(routeStackUnder(['BanSao']).bundlingRequired).toBe(true);
    expect(routeStackUnder(['**']).bundlingRequired).toBe(true);
    expect(routeStackUnder(['Other']).bundlingRequired).toBe(false);
    expect(routeStackUnder([]).bundlingRequired).toBe(false);
  });
});
