import { RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type RouteDef, routeKey } from '../shared/contracts/routes';
import { admitsClients } from '../shared/http/client-auth';
import type { DeployConfig } from './config';
import { suppress } from './nag';

/**
 * Access-log line: who called which route, the verdict of the authorizer and of the integration.
 * HTTP API context variables only ($context.authorizer.claims.sub is the caller's stable id).
 */
const ACCESS_LOG = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    time: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    route: '$context.routeKey',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    latencyMs: '$context.responseLatency',
    integrationLatencyMs: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
    sub: '$context.authorizer.claims.sub',
  }),
);

export interface HttpApiProps {
  dataKey: kms.IKey;
  config: Pick<DeployConfig, 'apiThrottle' | 'logRetentionDays' | 'apiDomainName' | 'apiCertificateArn'>;
}

/**
 * The HTTP API and its `$default` stage (throttled, access-logged). Routes are added later with
 * `addRoutes`, once the functions exist: the distribution (and so PUBLIC_BASE_URL) only needs the
 * API itself, which keeps the dependency graph one-way — functions → distribution → API.
 */
export class HttpApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly routes: apigw.HttpRoute[] = [];
  /** Each API route by its route key, whichever stack holds it. */
  private readonly routeByKey = new Map<string, apigw.HttpRoute>();
  /** The API's custom domain, when the deployer gave one (its DNS record points at `regionalDomainName`). */
  readonly domainName?: apigw.DomainName;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    const { apiDomainName, apiCertificateArn } = props.config;
    this.api = new apigw.HttpApi(this, 'Api', {
      description: 'Bản sao điện tử — API (shared/contracts/routes.ts)',
      createDefaultStage: false,
      // With its own domain, the API has no other door: CloudFront (and its web ACL) is the only
      // way in. Without one, the origin guard (shared/http/origin-guard.ts) closes the bypass.
      disableExecuteApiEndpoint: Boolean(apiDomainName),
    });
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.config.logRetentionDays as logs.RetentionDays,
      encryptionKey: props.dataKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.config.apiThrottle,
      accessLogSettings: { destination: new apigw.LogGroupLogDestination(accessLogs), format: ACCESS_LOG },
    });
    if (apiDomainName && apiCertificateArn) {
      this.domainName = new apigw.DomainName(this, 'Domain', {
        domainName: apiDomainName,
        certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', apiCertificateArn),
        securityPolicy: apigw.SecurityPolicy.TLS_1_2,
      });
      new apigw.ApiMapping(this, 'Mapping', { api: this.api, domainName: this.domainName, stage: this.stage });
    }
  }

  /**
   * One API route per route-table entry: private routes carry the JWT authorizer (the handler
   * then checks the role from `access`), public ones explicitly none. The routes, their
   * integrations and Lambda permissions are created under `scope` — a nested stack of
   * infra/route-stacks.ts — while the API itself stays in the parent.
   */
  addRoutes(scope: Construct, routes: readonly RouteDef[], functionOf: (fn: string) => lambda.IFunction, authorizer: apigw.IHttpRouteAuthorizer): void {
    const integrations = new Map<string, HttpLambdaIntegration>();
    for (const route of routes) {
      let integration = integrations.get(route.fn);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${route.fn}-integration`, functionOf(route.fn));
        integrations.set(route.fn, integration);
      }
      const httpRoute = new apigw.HttpRoute(scope, routeConstructId(route), {
        httpApi: this.api,
        routeKey: apigw.HttpRouteKey.with(route.path, apigw.HttpMethod[route.method]),
        integration,
        authorizer: route.access === 'public' || admitsClients(route.access) ? new apigw.HttpNoneAuthorizer() : authorizer,
      });
      if (admitsClients(route.access)) {
        suppress(httpRoute, [
          {
            id: 'AwsSolutions-APIG4',
            reason: `${routeKey(route)} admits machine clients (client-credentials access tokens: no audience, one client id per registered system), which the JWT authorizer's static audience list cannot admit; the handler verifies every token itself against the user pool's JWKS, requires a registered active client with the route's scope or a person's ID token of an allowed role (shared/http/client-auth.ts), and answers 401/403 otherwise.`,
          },
        ]);
      } else if (route.access === 'public') {
        suppress(httpRoute, [
          {
            id: 'AwsSolutions-APIG4',
            reason: `${routeKey(route)} is public by design (access 'public' in shared/contracts/routes.ts): receivers of a copy (bank or school clerks, foreign offices, offline validators) verify it, open a share link, read revocations and trust anchors without any account; the handler applies its own checks (verify code, share token, size limits) and stage throttling bounds abuse.`,
          },
        ]);
      }
      this.routes.push(httpRoute);
      this.routeByKey.set(routeKey(route), httpRoute);
    }
  }

  /**
   * The route table's `throttle` entries as the stage's route settings: a ceiling per route for
   * all callers together (API Gateway has no per-caller limit; the per-caller one is the WAF rate
   * rules of infra/waf.ts, on CloudFront). Called once, after every route was added.
   */
  applyRouteThrottles(routes: readonly RouteDef[]): void {
    const limited = routes.filter((r) => r.throttle);
    if (limited.length === 0) return;
    const cfn = this.stage.node.defaultChild as apigw.CfnStage;
    // `RouteSettings` is a JSON map in CloudFormation: CDK passes it through as is, so its members
    // must be spelled as CloudFormation spells them (lower-case ones would be silently ignored).
    cfn.routeSettings = Object.fromEntries(
      limited.map((r) => [routeKey(r), { ThrottlingRateLimit: r.throttle!.rateLimit, ThrottlingBurstLimit: r.throttle!.burstLimit }]),
    );
    // Route settings name routes by key: CloudFormation must create those routes first, or the
    // stage update fails ("Unable to find Route by key"). A route in a nested stack makes the
    // stage depend on that nested stack (CDK lifts the dependency to the stack resource).
    for (const route of limited) {
      const httpRoute = this.routeByKey.get(routeKey(route));
      if (!httpRoute) throw new Error(`${routeKey(route)} has a throttle but no API route was added for it`);
      cfn.addResourceDependency(httpRoute.node.defaultChild as apigw.CfnRoute);
    }
  }

  /** The CloudFront origin: the API's custom domain, else `<api-id>.execute-api.<region>.amazonaws.com`. */
  get originDomain(): string {
    if (this.domainName) return this.domainName.name;
    return `${this.api.apiId}.execute-api.${this.api.stack.region}.${this.api.stack.urlSuffix}`;
  }
}

/** `GET /api/requests/{id}` → `Route-GET-api-requests-id` (construct ids cannot hold `/`). */
export const routeConstructId = (r: Pick<RouteDef, 'method' | 'path'>): string =>
  `Route-${r.method}-${r.path.replace(/[{}]/g, '').split('/').filter(Boolean).join('-')}`;
