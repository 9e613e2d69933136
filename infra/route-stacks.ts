import { NestedStack, type NestedStackProps } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { RouteDef } from '../shared/contracts/routes';
import type { HttpApi } from './api';
import { ServiceFunctions, type ServiceFunctionsProps, constructId } from './functions';
import { functionSpecs } from './grants';
import { functionAlarms } from './monitoring';

/**
 * CloudFormation refuses a stack of more than 500 resources, and every route costs 7 (function,
 * role, policy, log group, Lambda permission, API integration, API route). So the per-route
 * resources live in nested stacks, one per group of route-table areas (the path segment after
 * `/api/`), while everything shared (table, buckets, keys, the HTTP API and its stage, user pool,
 * CloudFront, the workers and their queues) stays in the parent.
 *
 * Grouping by area, not by position in the route table: adding a route never moves another
 * function to another nested stack (a function that changes stack is replaced — a new function,
 * role and log group). An area missing here gets a nested stack of its own (`Routes<Area>`), so a
 * new area needs no infra change; adding it here later moves its functions (a replacement).
 * Each group stays under ROUTE_STACK_RESOURCE_BUDGET (test/unit/infra/stack-size.test.ts).
 */
export const ROUTE_STACK_OF_AREA: Readonly<Record<string, string>> = {
  // The citizen's and the official's work on a request: the largest area.
  requests: 'Requests',
  // Issued copies and whoever checks them.
  documents: 'Documents',
  verify: 'Documents',
  shares: 'Documents',
  revocations: 'Documents',
  'trust-list': 'Documents',
  // The agency's books, registers and administration.
  registers: 'Agency',
  books: 'Agency',
  reports: 'Agency',
  notifications: 'Agency',
  agencies: 'Agency',
  procedures: 'Agency',
  clients: 'Agency',
  health: 'Agency',
};

/**
 * The most resources any one stack (parent or nested) may have, checked by a unit test: 100 under
 * CloudFormation's 500, so the next split is planned when a stack nears it, not forced by a
 * failing synth; the 100 between them is about 14 routes (7 resources each).
 */
export const ROUTE_STACK_RESOURCE_BUDGET = 400;

/** `/api/requests/{id}` → `requests`. */
export const areaOf = (route: Pick<RouteDef, 'path'>): string => route.path.split('/').filter(Boolean)[1] ?? route.path;

/** The nested stack's name part for a route (see ROUTE_STACK_OF_AREA). */
export const routeStackOf = (route: Pick<RouteDef, 'path'>): string => ROUTE_STACK_OF_AREA[areaOf(route)] ?? constructId(areaOf(route));

/**
 * The routes grouped into nested stacks, in route-table order. A function folder serving several
 * routes goes with its first route, and all its routes with it (a route and its function share a
 * stack).
 */
export function routeGroups(routes: readonly RouteDef[]): Map<string, RouteDef[]> {
  const stackOfFn = new Map<string, string>();
  for (const route of routes) if (!stackOfFn.has(route.fn)) stackOfFn.set(route.fn, routeStackOf(route));
  const groups = new Map<string, RouteDef[]>();
  for (const route of routes) {
    const group = stackOfFn.get(route.fn)!;
    groups.set(group, [...(groups.get(group) ?? []), route]);
  }
  return groups;
}

export interface RouteStackProps extends NestedStackProps {
  /** The group's name (ROUTE_STACK_OF_AREA): it prefixes the alarm ids. */
  group: string;
  routes: readonly RouteDef[];
  /** What every function gets (grant targets, environment), as for ServiceFunctions. */
  functions: Omit<ServiceFunctionsProps, 'specs'>;
  api: HttpApi;
  authorizer: apigw.IHttpRouteAuthorizer;
  alarmTopic: sns.ITopic;
}

/**
 * One nested stack of routes: their functions (each with its own role, policy and log group, the
 * grants of its `touches` — infra/grants.ts), their API routes, integrations and Lambda
 * permissions, and the alarms on those functions. What it uses of the parent (table, buckets,
 * keys, API, topic…) CDK passes in as stack parameters.
 */
export class RouteStack extends NestedStack {
  readonly functions: ServiceFunctions;

  constructor(scope: Construct, id: string, props: RouteStackProps) {
    super(scope, id, props);
    this.functions = new ServiceFunctions(this, 'Functions', { ...props.functions, specs: functionSpecs(props.routes) });
    props.api.addRoutes(this, props.routes, (fn) => this.functions.functions.get(fn)!, props.authorizer);
    functionAlarms(this, props.group, this.functions.functions, props.alarmTopic);
  }

  /**
   * Bundled whenever the parent is: the CLI's `--exclusively <stack>` passes the parent's name
   * as the only bundling pattern, which the nested stack's path (`<stack>/Routes…`) would not
   * match — its functions would then deploy without their code.
   */
  override get bundlingRequired(): boolean {
    return super.bundlingRequired || (this.nestedStackParent?.bundlingRequired ?? false);
  }
}

/** All functions of the stack, whichever (nested) stack holds them. */
export interface FunctionRegistry {
  readonly functions: ReadonlyMap<string, NodejsFunction>;
}
