import type { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { type RouteDef, routeKey } from '../shared/contracts/routes';
import { titleForStatus } from '../shared/http/problem';

/**
 * The route table's `rateLimitPerMinute` as WAFv2 rate-based rules: pure data, no constructs, so
 * the rules (and how they scope down to one route) are unit-tested without a synth. The web ACL
 * around them is infra/waf.ts.
 */

/** WAF's smallest rate-based limit (requests per evaluation window). */
export const WAF_MIN_RATE_LIMIT = 10;
/** The window the table's limit is counted over: it is a per-minute limit. */
export const RATE_WINDOW_SECONDS = 60;
/**
 * `Retry-After` of a WAF 429. WAF keeps blocking while the caller's count over the last 60 s is
 * above the limit, so waiting one window is always enough (the local gateway computes a shorter,
 * exact wait from its token bucket; WAF cannot).
 */
export const RATE_RETRY_AFTER_SECONDS = RATE_WINDOW_SECONDS;

/** How WAF recognises a route's path: the literal path, or an anchored regex when it has `{param}` segments. */
export type PathMatch = { kind: 'exact'; path: string } | { kind: 'regex'; regex: string };

const isParam = (segment: string): boolean => /^\{[^/{}]+\}$/.test(segment);
const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `/api/verify/uploads` → exact; `/api/verify/{code}` → `^/api/verify/[^/]+$` (a parameter is one
 * non-empty path segment, as API Gateway matches it; `{proxy+}` greedy paths are not used here).
 */
export function pathMatch(path: string): PathMatch {
  const segments = path.split('/');
  if (!segments.some(isParam)) return { kind: 'exact', path };
  for (const s of segments) if (s.includes('+}')) throw new Error(`WAF rate rules do not support greedy path "${path}"`);
  return { kind: 'regex', regex: `^${segments.map((s) => (isParam(s) ? '[^/]+' : escapeRegex(s))).join('/')}$` };
}

/**
 * Whether API Gateway would send some request for `other` rather than to `route`, although that
 * request also matches `route`'s pattern: same method, same number of segments, every segment
 * compatible, and at the first segment where one has a literal and the other a parameter, `other`
 * has the literal (API Gateway prefers the more specific route: `/api/verify/uploads` over
 * `/api/verify/{code}`).
 */
export function shadows(other: Pick<RouteDef, 'method' | 'path'>, route: Pick<RouteDef, 'method' | 'path'>): boolean {
  if (other.method !== route.method || other.path === route.path) return false;
  const a = other.path.split('/');
  const b = route.path.split('/');
  if (a.length !== b.length) return false;
  let otherMoreSpecific: boolean | undefined;
  for (let i = 0; i < a.length; i++) {
    const pa = isParam(a[i]);
    const pb = isParam(b[i]);
    if (!pa && !pb && a[i] !== b[i]) return false;
    if (otherMoreSpecific === undefined && pa !== pb) otherMoreSpecific = !pa;
  }
  return otherMoreSpecific === true;
}

// URL_DECODE: `/api/verify/%75ploads` must count as `/api/verify/uploads` (API Gateway decodes the
// path before routing), or percent-encoding would step around a route's limit.
const PATH_TRANSFORMS = [{ priority: 0, type: 'URL_DECODE' }];
const NONE = [{ priority: 0, type: 'NONE' }];

function pathStatement(path: string): CfnWebACL.StatementProperty {
  const m = pathMatch(path);
  return m.kind === 'exact'
    ? { byteMatchStatement: { fieldToMatch: { uriPath: {} }, positionalConstraint: 'EXACTLY', searchString: m.path, textTransformations: PATH_TRANSFORMS } }
    : { regexMatchStatement: { fieldToMatch: { uriPath: {} }, regexString: m.regex, textTransformations: PATH_TRANSFORMS } };
}

/**
 * A request of this route and no other: its method, its path, and NOT the path of any route that
 * API Gateway would prefer (`GET /api/verify/uploads`, were there one, is not a `GET
 * /api/verify/{code}`). Rate-based rules that do not block let the request go on to the next
 * rule, so without the exclusion one request could be counted against two routes' limits.
 */
export function scopeDown(route: RouteDef, all: readonly RouteDef[]): CfnWebACL.StatementProperty {
  const method: CfnWebACL.StatementProperty = {
    byteMatchStatement: { fieldToMatch: { method: {} }, positionalConstraint: 'EXACTLY', searchString: route.method, textTransformations: NONE },
  };
  const excluded = all.filter((other) => shadows(other, route)).map((other) => ({ notStatement: { statement: pathStatement(other.path) } }));
  return { andStatement: { statements: [method, pathStatement(route.path), ...excluded] } };
}

/** `requests-create` → the custom response body key and rule name (`^[\w-]+$`). */
export const rateRuleName = (route: Pick<RouteDef, 'fn'>): string => `rate-${route.fn}`;

/** The 429 a WAF rate rule answers: the local gateway's problem document (infra/local/gateway.ts), with a one-window wait. */
export function rateLimitProblem(limit: number): Record<string, unknown> {
  return {
    type: 'about:blank',
    title: titleForStatus(429),
    status: 429,
    detail: `Quá ${limit} yêu cầu mỗi phút cho thao tác này; vui lòng thử lại sau ${RATE_RETRY_AFTER_SECONDS} giây.`,
    code: 'http-429',
  };
}

/**
 * Who is counted. Public routes: the client IP (CloudFront's viewer address; no account to count
 * by). Private routes: the bearer token — a rate-based rule has ONE aggregation key, and "the
 * token, else the IP" cannot be expressed in one rule (with CUSTOM_KEYS WAF skips a request that
 * lacks a key, it does not fall back). A private route's request without `Authorization` is
 * refused by the JWT authorizer anyway (401), so counting by token loses nothing there, and one
 * signed-in caller behind a shared NAT (an agency office) does not eat its colleagues' budget.
 * Lowercased so `Bearer x` and `bearer x` are one key. The limit is per token, not per user: a
 * user who signs in again gets a fresh count — the per-user bound stays the handler's business.
 */
function aggregation(route: RouteDef): Pick<CfnWebACL.RateBasedStatementProperty, 'aggregateKeyType' | 'customKeys'> {
  if (route.access === 'public') return { aggregateKeyType: 'IP' };
  return {
    aggregateKeyType: 'CUSTOM_KEYS',
    customKeys: [{ header: { name: 'authorization', textTransformations: [{ priority: 0, type: 'LOWERCASE' }] } }],
  };
}

export interface RateRules {
  rules: CfnWebACL.RuleProperty[];
  customResponseBodies: Record<string, CfnWebACL.CustomResponseBodyProperty>;
}

/**
 * One rate-based Block rule per route with `rateLimitPerMinute`, priorities from `firstPriority`
 * on in table order; `metricPrefix` names their CloudWatch metrics. Fails when a limit is below
 * what WAF accepts, rather than deploying a weaker one.
 */
export function rateRules(routes: readonly RouteDef[], firstPriority: number, metricPrefix: string): RateRules {
  const limited = routes.filter((r) => r.rateLimitPerMinute !== undefined);
  const rules: CfnWebACL.RuleProperty[] = [];
  const customResponseBodies: Record<string, CfnWebACL.CustomResponseBodyProperty> = {};
  limited.forEach((route, i) => {
    const limit = route.rateLimitPerMinute!;
    if (!Number.isInteger(limit) || limit < WAF_MIN_RATE_LIMIT) {
      throw new Error(
        `${routeKey(route)}: rateLimitPerMinute ${limit} cannot be a WAF rate-based rule (an integer of at least ${WAF_MIN_RATE_LIMIT} per window); change shared/contracts/routes.ts`,
      );
    }
    const name = rateRuleName(route);
    customResponseBodies[name] = { contentType: 'APPLICATION_JSON', content: JSON.stringify(rateLimitProblem(limit)) };
    rules.push({
      name,
      priority: firstPriority + i,
      action: {
        block: {
          customResponse: {
            responseCode: 429,
            customResponseBodyKey: name,
            responseHeaders: [{ name: 'Retry-After', value: String(RATE_RETRY_AFTER_SECONDS) }],
          },
        },
      },
      statement: {
        rateBasedStatement: {
          limit,
          evaluationWindowSec: RATE_WINDOW_SECONDS,
          ...aggregation(route),
          scopeDownStatement: scopeDown(route, routes),
        },
      },
      visibilityConfig: { cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: `${metricPrefix}-${name}` },
    });
  });
  return { rules, customResponseBodies };
}
