import { Annotations, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Construct } from 'constructs';
import { type RouteDef, WORKERS, deployedRoutes } from '../shared/contracts/routes';
import { HttpApi } from './api';
import { Auth, cognitoDomainPrefix, cognitoDomainUrl } from './auth';
import { type DeployConfig, identitySlug } from './config';
import { ServiceFunctions } from './functions';
import { DataKey, SigningKeys } from './keys';
import { Monitoring } from './monitoring';
import { type FunctionRegistry, RouteStack, routeGroups } from './route-stacks';
import { WEB_DIST } from './paths';
import { Storage } from './storage';
import { Web } from './web';
import { Workers, workerSpecs } from './workers';

export interface BanSaoStackProps extends StackProps {
  config: DeployConfig;
  /** The routes to deploy; the route table's deployed routes unless a test passes others. */
  routes?: readonly RouteDef[];
  /** The built web page; `web/dist` unless a test passes another directory. */
  webDist?: string;
}

/**
 * The AWS deployment of Bản sao điện tử (docs/architecture.md, "The layers"). Everything per-route —
 * functions, their grants and environment, API routes, alarms — comes from the route table;
 * nothing here names a route.
 *
 * Dependency order (no cycles): keys → storage → API (no routes yet) → CloudFront (origin = the
 * API; its CSP names the Cognito domain by its predictable URL, not by reference) → auth (the web
 * client's callback/logout URLs = the site) → the page + config.json (client id, domain) →
 * functions (PUBLIC_BASE_URL = the distribution) → API routes → alarms.
 *
 * The route functions, their API routes and alarms are in nested stacks (infra/route-stacks.ts),
 * which only read from this stack; the stage depends on the nested stacks of throttled routes.
 */
export class BanSaoStack extends Stack {
  readonly storage: Storage;
  /** Every function, route or worker, whichever (nested) stack holds it. */
  readonly functions: FunctionRegistry;
  /** The nested stacks of the routes (infra/route-stacks.ts), by group name. */
  readonly routeStacks = new Map<string, RouteStack>();
  readonly api: HttpApi;
  readonly auth: Auth;
  readonly web: Web;
  readonly signing: SigningKeys;
  readonly dataKey: DataKey;
  readonly monitoring: Monitoring;
  readonly workers: Workers;

  constructor(scope: Construct, id: string, props: BanSaoStackProps) {
    super(scope, id, props);
    const { config } = props;
    const routes = (props.routes ?? deployedRoutes()).filter((r) => !r.localOnly);

    this.dataKey = new DataKey(this, 'DataKey');
    this.signing = new SigningKeys(this, 'Signing', { identities: config.signingIdentities, ssmPrefix: config.ssmPrefix });
    this.storage = new Storage(this, 'Storage', { dataKey: this.dataKey.key, config });
    this.api = new HttpApi(this, 'Http', { dataKey: this.dataKey.key, config });
    const domainPrefix = cognitoDomainPrefix(this, config.cognitoDomainPrefix);
    this.web = new Web(this, 'Web', {
      apiDomain: this.api.originDomain,
      logBucket: this.storage.logs,
      authOrigin: cognitoDomainUrl(domainPrefix, this.region),
      config,
    });
    this.auth = new Auth(this, 'Auth', { featurePlan: config.cognitoFeaturePlan, domainPrefix, siteUrl: this.web.publicBaseUrl, httpApi: this.api.api });
    // What the page reads at start (web/src/core/auth-config.ts): sign in at the hosted UI.
    this.web.publishPage(props.webDist ?? WEB_DIST, {
      auth: {
        kind: 'cognito',
        domain: this.auth.domainUrl,
        clientId: this.auth.webClient.userPoolClientId,
        redirectUri: this.auth.callbackUrl,
        logoutUri: this.auth.logoutUrl,
      },
    });
    this.storage.allowBrowserUploads(this.web.publicBaseUrl);

    const functionProps = {
      targets: {
        table: this.storage.table,
        originals: this.storage.originals,
        issued: this.storage.issued,
        signing: this.signing,
        userPool: this.auth.userPool,
      },
      dataKey: this.dataKey.key,
      publicBaseUrl: this.web.publicBaseUrl,
      jwt: {
        issuer: this.auth.userPool.userPoolProviderUrl,
        audience: this.auth.webClient.userPoolClientId,
        userPoolId: this.auth.userPool.userPoolId,
        tokenUrl: `${this.auth.domainUrl}/oauth2/token`,
      },
      originSecret: { name: this.web.originSecretName, secret: this.web.originSecret },
      config,
    };
    // The workers (no route) stay here, beside their queues and schedule.
    const workerFunctions = new ServiceFunctions(this, 'Functions', { ...functionProps, specs: workerSpecs(WORKERS) });
    // Before the route stacks: their alarms go to its topic.
    this.monitoring = new Monitoring(this, 'Monitoring', {
      functions: workerFunctions.functions,
      api: this.api.api,
      table: this.storage.table,
      alarmEmail: config.alarmEmail,
    });
    for (const [group, groupRoutes] of routeGroups(routes)) {
      this.routeStacks.set(
        group,
        new RouteStack(this, `Routes${group}`, {
          group,
          routes: groupRoutes,
          functions: functionProps,
          api: this.api,
          authorizer: this.auth.authorizer,
          alarmTopic: this.monitoring.topic,
          description: `Bản sao điện tử — routes of the ${group} group (infra/route-stacks.ts)`,
        }),
      );
    }
    this.api.applyRouteThrottles(routes);
    this.functions = {
      functions: new Map([...[...this.routeStacks.values()].flatMap((s) => [...s.functions.functions]), ...workerFunctions.functions]),
    };
    this.workers = new Workers(this, 'Workers', { workers: WORKERS, functions: workerFunctions.functions, table: this.storage.table, dataKey: this.dataKey.key });

    this.workers.dlqAlarm.addAlarmAction(new SnsAction(this.monitoring.topic));
    if (!config.trustListFile) {
      Annotations.of(this).addWarningV2(
        'bansao:no-trust-list',
        'Context trustListFile is not set: GET /api/trust-list and verification have no trust anchors (TRUST_LIST_FILE unset). See README.md ("Deploying to AWS").',
      );
    }

    new CfnOutput(this, 'SiteUrl', { value: this.web.publicBaseUrl, description: 'The site and PUBLIC_BASE_URL of the functions' });
    new CfnOutput(this, 'DistributionDomain', { value: this.web.distribution.distributionDomainName, description: 'CNAME target for a custom domain' });
    // With an API domain the execute-api endpoint is disabled: there is none to print.
    if (!this.api.domainName) new CfnOutput(this, 'ApiEndpoint', { value: this.api.api.apiEndpoint, description: 'Direct API endpoint: it refuses requests without CloudFront\'s origin header (use the site URL + /api)' });
    if (this.api.domainName) {
      new CfnOutput(this, 'ApiDomainTarget', { value: this.api.domainName.regionalDomainName, description: `CNAME target for ${config.apiDomainName} (the API's only door)` });
    }
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.auth.webClient.userPoolClientId });
    new CfnOutput(this, 'HostedUiDomain', { value: this.auth.domainUrl, description: 'Cognito hosted UI (sign-in of the web page)' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.topic.topicArn });
    new CfnOutput(this, 'CitizenNotificationsTopicArn', { value: this.workers.notifications.topicArn, description: 'Subscribe SMS / e-mail / portal endpoints; filter on the citizenId attribute' });
    new CfnOutput(this, 'IssuedBucketName', { value: this.storage.issued.bucketName });
    for (const { identity, key, chain } of this.signing.keys) {
      new CfnOutput(this, `SigningKey-${identitySlug(identity.id)}`, {
        value: key.keyArn,
        description: `KMS signing key "${identity.id}" (${identity.keySpec}); its chain goes into SSM ${chain.parameterName}`,
      });
    }
  }
}
