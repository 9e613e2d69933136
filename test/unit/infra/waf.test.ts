import { beforeAll, describe, expect, it } from 'vitest';
import { type RouteDef, deployedRoutes, routeKey } from '../../../shared/contracts/routes';
import { verificationContracts } from '../../../shared/contracts/verification';
import { WAF_MIN_RATE_LIMIT, pathMatch, rateRuleName, rateRules, shadows } from '../../../infra/waf-rules';
import { SYNTH_TIMEOUT_MS, logicalId, synthWithoutBundling } from './synth';
import { Template } from 'aws-cdk-lib/assertions';

type Json = Record<string, any>;

/** A property of a WAF statement, whether it comes from the template (`AndStatement`) or from CDK props (`andStatement`). */
const prop = (o: Json, name: string): any => o[name] ?? o[name[0].toLowerCase() + name.slice(1)];

/**
 * A small interpreter of the WAF statements the rules use (And, Not, ByteMatch EXACTLY on the
 * method or the URI path, RegexMatch on the URI path, NONE / URL_DECODE): enough to check which
 * rule would count a request, without AWS.
 */
function matches(statement: Json, request: { method: string; path: string }): boolean {
  const and = prop(statement, 'AndStatement');
  if (and) return (prop(and, 'Statements') as Json[]).every((s) => matches(s, request));
  const not = prop(statement, 'NotStatement');
  if (not) return !matches(prop(not, 'Statement'), request);
  const field = (m: Json): string => {
    const f = prop(m, 'FieldToMatch');
    const raw = prop(f, 'Method') ? request.method : prop(f, 'UriPath') ? request.path : undefined;
    if (raw === undefined) throw new Error(`unsupported field ${JSON.stringify(f)}`);
    return (prop(m, 'TextTransformations') as Json[]).reduce((v: string, t) => {
      const type = prop(t, 'Type');
      if (type === 'NONE') return v;
      if (type === 'URL_DECODE') return decodeURIComponent(v);
      throw new Error(`unsupported transformation ${type}`);
    }, raw);
  };
  const byte = prop(statement, 'ByteMatchStatement');
  if (byte) {
    expect(prop(byte, 'PositionalConstraint')).toBe('EXACTLY');
    return field(byte) === prop(byte, 'SearchString');
  }
  const regex = prop(statement, 'RegexMatchStatement');
  if (regex) return new RegExp(prop(regex, 'RegexString')).test(field(regex));
  throw new Error(`unsupported statement ${JSON.stringify(statement)}`);
}

/** The names of the rate rules that would count this request. */
const countedBy = (rules: Json[], request: { method: string; path: string }): string[] =>
  rules
    .filter((r) => prop(prop(r, 'Statement'), 'RateBasedStatement'))
    .filter((r) => matches(prop(prop(prop(r, 'Statement'), 'RateBasedStatement'), 'ScopeDownStatement'), request))
    .map((r) => prop(r, 'Name'));

/** A concrete request of a route: every `{param}` becomes a plausible value. */
const sampleRequest = (r: Pick<RouteDef, 'method' | 'path'>) => ({ method: r.method, path: r.path.replace(/\{[^}]+\}/g, 'AB12-cd34') });

const route = (method: RouteDef['method'], path: string, rateLimitPerMinute?: number, fn = `fn-${method}-${path}`.replace(/[^\w-]/g, '')): RouteDef => ({
  method,
  path,
  fn,
  access: 'public',
  touches: {},
  contract: verificationContracts.code,
  ...(rateLimitPerMinute === undefined ? {} : { rateLimitPerMinute }),
});

describe('Function: pathMatch', () => {
  it('matches a fixed path exactly', () => {
    expect(pathMatch('/api/verify/uploads')).toEqual({ kind: 'exact', path: '/api/verify/uploads' });
  });

  it('maps /api/verify/{code} to one non-empty segment, anchored at both ends', () => {
    const m = pathMatch('/api/verify/{code}');
    expect(m).toEqual({ kind: 'regex', regex: '^/api/verify/[^/]+$' });
    const re = new RegExp((m as { regex: string }).regex);
    expect(re.test('/api/verify/AB12-cd34')).toBe(true);
    for (const other of ['/api/verify', '/api/verify/', '/api/verify/a/b', '/api/verifyX/a', '/x/api/verify/a', '/api/verify/a/uploads']) {
      expect(re.test(other), other).toBe(false);
    }
  });

  it('handles several parameters and escapes regex characters of literal segments', () => {
    expect(pathMatch('/api/requests/{id}/originals/{originalId}')).toEqual({ kind: 'regex', regex: '^/api/requests/[^/]+/originals/[^/]+$' });
    expect(pathMatch('/api/v1.0/{id}')).toEqual({ kind: 'regex', regex: '^/api/v1\\.0/[^/]+$' });
  });
});

describe('Function: shadows', () => {
  it('knows API Gateway prefers the fixed sibling over the parameterised route, for the same method only', () => {
    expect(shadows({ method: 'GET', path: '/api/verify/uploads' }, { method: 'GET', path: '/api/verify/{code}' })).toBe(true);
    expect(shadows({ method: 'GET', path: '/api/verify/{code}' }, { method: 'GET', path: '/api/verify/uploads' })).toBe(false);
    expect(shadows({ method: 'POST', path: '/api/verify/uploads' }, { method: 'GET', path: '/api/verify/{code}' })).toBe(false);
    expect(shadows({ method: 'GET', path: '/api/verify' }, { method: 'GET', path: '/api/verify/{code}' })).toBe(false);
    // The leftmost literal wins: /x/c/{d} is preferred to /x/{a}/b for /x/c/b.
    expect(shadows({ method: 'GET', path: '/x/c/{d}' }, { method: 'GET', path: '/x/{a}/b' })).toBe(true);
  });
});

describe('Function: rateRules', () => {
  it('counts a request against one route only when a fixed and a parameterised sibling share a method', () => {
    const routes = [route('GET', '/api/verify/uploads', 30), route('GET', '/api/verify/{code}', 120), route('GET', '/api/verify/{code}/extra')];
    const { rules } = rateRules(routes, 1, 'T');
    const [uploads, code] = routes.map(rateRuleName);
    expect(countedBy(rules, { method: 'GET', path: '/api/verify/uploads' })).toEqual([uploads]);
    // Percent-encoding does not step around the fixed route's limit, nor into the other's.
    expect(countedBy(rules, { method: 'GET', path: '/api/verify/%75ploads' })).toEqual([uploads]);
    expect(countedBy(rules, { method: 'GET', path: '/api/verify/AB12' })).toEqual([code]);
    expect(countedBy(rules, { method: 'GET', path: '/api/verify/AB12/extra' })).toEqual([]);
    expect(countedBy(rules, { method: 'POST', path: '/api/verify/AB12' })).toEqual([]);
  });

  it(`refuses a limit below WAF's minimum of ${WAF_MIN_RATE_LIMIT} with the route named`, () => {
    expect(() => rateRules([route('POST', '/api/x', 5)], 1, 'T')).toThrow(/POST \/api\/x: rateLimitPerMinute 5 .*at least 10/);
    expect(() => rateRules([route('POST', '/api/x', 10)], 1, 'T')).not.toThrow();
  });
});

describe('Stack: the CloudFront web ACL from the route table', () => {
  let built: ReturnType<typeof synthWithoutBundling>;
  let acl: Json;
  let wafTemplate: Json;
  const limited = deployedRoutes().filter((r) => r.rateLimitPerMinute !== undefined);

  beforeAll(() => {
    built = synthWithoutBundling({ context: { account: '111111111111', region: 'ap-southeast-1' } });
    wafTemplate = Template.fromStack(built.waf!).toJSON();
    const acls = Object.values(wafTemplate.Resources as Json).filter((r: Json) => r.Type === 'AWS::WAFv2::WebACL');
    expect(acls).toHaveLength(1);
    acl = acls[0].Properties;
  }, SYNTH_TIMEOUT_MS);

  it('lives in its own us-east-1 stack with scope CLOUDFRONT', () => {
    expect(built.waf!.stackName).toBe('BanSao-Waf');
    expect(built.waf!.region).toBe('us-east-1');
    expect(built.waf!.account).toBe('111111111111');
    expect(acl.Scope).toBe('CLOUDFRONT');
    expect(acl.DefaultAction).toEqual({ Allow: {} });
  });

  it('has one rate-based rule per table route with a limit: its limit, a 60 s window, its method and path, its key', () => {
    const rateRulesOf = (acl.Rules as Json[]).filter((r) => r.Statement.RateBasedStatement);
    expect(limited.length).toBeGreaterThan(0);
    expect(rateRulesOf.map((r) => r.Name).sort()).toEqual(limited.map(rateRuleName).sort());
    for (const r of limited) {
      const rule = rateRulesOf.find((x) => x.Name === rateRuleName(r))!;
      const rate = rule.Statement.RateBasedStatement;
      expect(rate.Limit, routeKey(r)).toBe(r.rateLimitPerMinute);
      expect(rate.EvaluationWindowSec, routeKey(r)).toBe(60);
      const [method, path] = rate.ScopeDownStatement.AndStatement.Statements;
      expect(method.ByteMatchStatement, routeKey(r)).toMatchObject({ FieldToMatch: { Method: {} }, PositionalConstraint: 'EXACTLY', SearchString: r.method });
      const m = pathMatch(r.path);
      if (m.kind === 'exact') expect(path.ByteMatchStatement, routeKey(r)).toMatchObject({ FieldToMatch: { UriPath: {} }, SearchString: r.path });
      else expect(path.RegexMatchStatement, routeKey(r)).toMatchObject({ FieldToMatch: { UriPath: {} }, RegexString: m.regex });
      if (r.access === 'public') {
        expect(rate.AggregateKeyType, routeKey(r)).toBe('IP');
      } else {
        expect(rate.AggregateKeyType, routeKey(r)).toBe('CUSTOM_KEYS');
        expect(rate.CustomKeys, routeKey(r)).toEqual([{ Header: { Name: 'authorization', TextTransformations: [{ Priority: 0, Type: 'LOWERCASE' }] } }]);
      }
    }
    // Both kinds of caller are in today's table.
    expect(limited.some((r) => r.access === 'public')).toBe(true);
    expect(limited.some((r) => r.access !== 'public')).toBe(true);
  });

  it('counts every deployed route\'s request against its own limit only, never another route\'s', () => {
    for (const r of deployedRoutes()) {
      expect(countedBy(acl.Rules, sampleRequest(r)), routeKey(r)).toEqual(r.rateLimitPerMinute === undefined ? [] : [rateRuleName(r)]);
    }
    // The fixed and the parameterised verify routes: each request is counted once.
    expect(countedBy(acl.Rules, { method: 'POST', path: '/api/verify/uploads' })).toEqual(['rate-verify-uploads']);
    expect(countedBy(acl.Rules, { method: 'GET', path: '/api/verify/uploads' })).toEqual(['rate-verify-code']);
    expect(countedBy(acl.Rules, { method: 'GET', path: '/api/verify/ABCD1234' })).toEqual(['rate-verify-code']);
  });

  it('answers 429 problem+json in Vietnamese with Retry-After, like the local gateway', () => {
    for (const r of limited) {
      const rule = (acl.Rules as Json[]).find((x) => x.Name === rateRuleName(r))!;
      expect(rule.Action.Block.CustomResponse).toEqual({
        ResponseCode: 429,
        CustomResponseBodyKey: rateRuleName(r),
        ResponseHeaders: [{ Name: 'Retry-After', Value: '60' }],
      });
      const body = acl.CustomResponseBodies[rateRuleName(r)];
      expect(body.ContentType).toBe('APPLICATION_JSON');
      expect(JSON.parse(body.Content)).toEqual({
        type: 'about:blank',
        title: 'Quá nhiều yêu cầu',
        status: 429,
        detail: `Quá ${r.rateLimitPerMinute} yêu cầu mỗi phút cho thao tác này; vui lòng thử lại sau 60 giây.`,
        code: 'http-429',
      });
    }
  });

  it('blocks with the AWS IP reputation list and counts with the common rule set, every rule with metrics and samples', () => {
    const byName = new Map((acl.Rules as Json[]).map((r) => [r.Name, r]));
    expect(byName.get('AWSManagedRulesAmazonIpReputationList')).toMatchObject({
      Priority: 0,
      OverrideAction: { None: {} },
      Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesAmazonIpReputationList' } },
    });
    expect(byName.get('AWSManagedRulesCommonRuleSet')).toMatchObject({
      OverrideAction: { Count: {} },
      Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' } },
    });
    const priorities = (acl.Rules as Json[]).map((r) => r.Priority);
    expect(new Set(priorities).size).toBe(priorities.length);
    for (const v of [acl.VisibilityConfig, ...(acl.Rules as Json[]).map((r) => r.VisibilityConfig)]) {
      expect(v).toMatchObject({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true });
    }
  });

  it('logs every request the ACL sees to an aws-waf-logs- group in its own stack, the Authorization header redacted, with the service\'s retention', () => {
    const byType = (type: string) => Object.entries(wafTemplate.Resources as Json).filter(([, r]: [string, Json]) => r.Type === type);
    const groups = byType('AWS::Logs::LogGroup');
    expect(groups).toHaveLength(1);
    const [groupId, group] = groups[0];
    expect(group.Properties).toMatchObject({ LogGroupName: 'aws-waf-logs-BanSao', RetentionInDays: 365 });
    expect(group.DeletionPolicy).toBe('Retain');
    const configs = byType('AWS::WAFv2::LoggingConfiguration');
    expect(configs).toHaveLength(1);
    const [, config] = configs[0];
    expect(config.Properties.ResourceArn).toEqual({ 'Fn::GetAtt': [logicalId(built.waf!.webAcl), 'Arn'] });
    // WAF refuses the `:*` ending of the log group's Arn attribute: the ARN names the group exactly.
    expect(JSON.stringify(config.Properties.LogDestinationConfigs)).toMatch(/:logs:us-east-1:111111111111:log-group:aws-waf-logs-BanSao"/);
    expect(config.Properties.RedactedFields).toEqual([{ SingleHeader: { Name: 'authorization' } }]);
    expect(config.DependsOn).toContain(groupId);
  });

  it('gives the ACL to the distribution of the service stack, read across regions from the WAF stack', () => {
    const dist = Object.values(built.resources).find((r) => r.Type === 'AWS::CloudFront::Distribution')!;
    const ref = dist.Properties.DistributionConfig.WebACLId['Fn::GetStackOutput'];
    expect(ref).toMatchObject({ StackName: 'BanSao-Waf', Region: 'us-east-1' });
    expect(wafTemplate.Outputs[ref.OutputName].Value).toEqual({ 'Fn::GetAtt': [logicalId(built.waf!.webAcl), 'Arn'] });
    expect(built.stack.dependencies).toContain(built.waf);
  });
});

describe('Stack: when there is no WAF stack', () => {
  it('synthesizes environment-agnostic (offline) with no WAF stack and no ACL on the distribution', () => {
    const { app, waf, resources } = synthWithoutBundling();
    expect(waf).toBeUndefined();
    expect(app.node.children.filter((c) => c.node.id.endsWith('-Waf'))).toEqual([]);
    const dist = Object.values(resources).find((r) => r.Type === 'AWS::CloudFront::Distribution')!;
    expect(dist.Properties.DistributionConfig.WebACLId).toBeUndefined();
  }, SYNTH_TIMEOUT_MS);

  it('uses the webAclArn of the context instead of building one, even with a concrete environment', () => {
    const arn = 'arn:aws:wafv2:us-east-1:111111111111:global/webacl/managed-elsewhere/00000000-0000-0000-0000-000000000000';
    const { waf, resources } = synthWithoutBundling({ context: { account: '111111111111', region: 'ap-southeast-1', webAclArn: arn } });
    expect(waf).toBeUndefined();
    const dist = Object.values(resources).find((r) => r.Type === 'AWS::CloudFront::Distribution')!;
    expect(dist.Properties.DistributionConfig.WebACLId).toBe(arn);
  }, SYNTH_TIMEOUT_MS);
});
