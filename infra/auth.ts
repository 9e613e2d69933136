import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { RESOURCE_SERVER_ID } from '../shared/domain/machine-client';
import { ClientScopeSchema, ROLES, type Role } from '../shared/domain/roles';
import { type DeployConfig, validDomainPrefix } from './config';
import { suppress } from './nag';

/** Lower precedence wins when a user is in several groups (`cognito:groups` is ordered by it). */
const GROUP_PRECEDENCE: Record<Role, number> = { admin: 0, official: 10, verifier: 20, citizen: 30 };

/**
 * The hosted-UI domain prefix: context `cognitoDomainPrefix`, else `<stack name>-<account id>`
 * (the account is a deploy-time token when the stack is environment-agnostic, so it synthesizes
 * offline; reserved words and invalid characters are dropped from the stack name).
 */
export function cognitoDomainPrefix(stack: Stack, configured: string | undefined): string {
  if (configured) return configured;
  const name = stack.stackName
    .toLowerCase()
    .replace(/aws|amazon|cognito/g, '')
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  const prefix = `${name || 'bansao'}-${stack.account}`;
  if (!prefix.includes('${Token') && !validDomainPrefix(prefix)) throw new Error(`Cognito domain prefix "${prefix}" is invalid: set context cognitoDomainPrefix`);
  return prefix;
}

/** `https://<prefix>.auth.<region>.amazoncognito.com`: the hosted UI and its OAuth 2.0 endpoints. */
export const cognitoDomainUrl = (prefix: string, region: string): string => `https://${prefix}.auth.${region}.amazoncognito.com`;

export interface AuthProps {
  featurePlan: DeployConfig['cognitoFeaturePlan'];
  /** Prefix of the hosted-UI domain (see cognitoDomainPrefix). */
  domainPrefix: string;
  /** `https://<site>` (no trailing slash): the page's callback is `<site>/auth/callback`, its logout URL `<site>/`. */
  siteUrl: string;
  /** The HTTP API whose JWT authorizer trusts this pool. */
  httpApi: apigw.IHttpApi;
}

/**
 * Who may call the private routes: a Cognito user pool whose groups are the four roles of the
 * route table, the custom attributes the handlers read (`custom:agencyId`, `custom:citizenId`),
 * its hosted-UI domain, one public app client for the web page (authorization code + PKCE, no
 * secret), and the HTTP API JWT authorizer that trusts it.
 *
 * Accounts are created by administrators (no self sign-up): an agency id or a CCCD number in a
 * token must have been checked by a person, never typed in by the user. For the same reason the
 * app client cannot write any attribute.
 */
export class Auth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly webClient: cognito.UserPoolClient;
  /** The scopes machine clients are granted (`bansao/verify`, `bansao/subscribe`). */
  readonly resourceServer: cognito.UserPoolResourceServer;
  /**
   * The JWT authorizer, for routes to attach. Its resource is created here, in the stack of the
   * API: CDK's HttpJwtAuthorizer would create it beside the first route that binds it, which now
   * lives in a nested stack (infra/route-stacks.ts), and every other nested stack would then read
   * its id through that one.
   */
  readonly authorizer: apigw.IHttpRouteAuthorizer;
  readonly domain: cognito.UserPoolDomain;
  /** `https://<prefix>.auth.<region>.amazoncognito.com`. */
  readonly domainUrl: string;
  readonly callbackUrl: string;
  readonly logoutUrl: string;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    const plus = props.featurePlan === 'plus';

    this.userPool = new cognito.UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      standardAttributes: {
        email: { required: true, mutable: true },
        // The `name` claim (full name as printed on documents and in the audit trail).
        fullname: { required: true, mutable: true },
      },
      customAttributes: {
        agencyId: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
        citizenId: new cognito.StringAttribute({ minLen: 12, maxLen: 12, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { sms: false, otp: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: plus ? cognito.FeaturePlan.PLUS : cognito.FeaturePlan.ESSENTIALS,
      ...(plus ? { standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION } : {}),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    suppress(this.userPool, [
      {
        id: 'AwsSolutions-COG2',
        reason:
          'MFA is OPTIONAL (TOTP only, no SMS) because the pool also serves citizens, who request a copy a few times a year, often from a basic phone: forcing TOTP enrolment would push them back to the paper counter. Officials and admins must enrol TOTP (README "Deploying to AWS", §4 Users), and Plus-tier threat protection challenges risky sign-ins.',
      },
    ]);
    if (!plus) {
      suppress(this.userPool, [
        {
          id: 'AwsSolutions-COG8',
          reason:
            'The operator chose the Essentials feature plan through context cognitoFeaturePlan=essentials (cost, per-MAU pricing for citizen accounts); threat protection is then off. The default deployment uses Plus.',
        },
      ]);
    }

    for (const role of ROLES) {
      new cognito.UserPoolGroup(this, `Group-${role}`, {
        userPool: this.userPool,
        groupName: role,
        precedence: GROUP_PRECEDENCE[role],
        description: `Role "${role}" of the route table (shared/contracts/routes.ts), carried in cognito:groups`,
      });
    }

    // The hosted UI (sign-in, first-login password change, TOTP enrolment) and /oauth2/* endpoints.
    this.domain = this.userPool.addDomain('HostedUi', { cognitoDomain: { domainPrefix: props.domainPrefix } });
    this.domainUrl = this.domain.baseUrl();
    this.callbackUrl = `${props.siteUrl}/auth/callback`;
    this.logoutUrl = `${props.siteUrl}/`;

    this.webClient = this.userPool.addClient('Web', {
      authFlows: { userSrp: true },
      // A public client (no secret: it lives in a web page): authorization code grant, which
      // Cognito binds to the page's PKCE code_challenge (S256). No implicit grant.
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [this.callbackUrl],
        logoutUrls: [this.logoutUrl],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      generateSecret: false,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes('agencyId', 'citizenId'),
      writeAttributes: new cognito.ClientAttributes(),
    });

    // Machine clients (receiving agencies' systems, POST /api/clients) get access tokens with the
    // client-credentials grant; their scopes are this resource server's. The app clients are
    // created at run time by the clients-create function (CreateUserPoolClient), not here.
    this.resourceServer = this.userPool.addResourceServer('Api', {
      identifier: RESOURCE_SERVER_ID,
      userPoolResourceServerName: 'Bản sao điện tử API',
      scopes: ClientScopeSchema.options.map((s) => new cognito.ResourceServerScope({ scopeName: s, scopeDescription: s === 'verify' ? 'Verify copies' : 'Subscribe to revocations' })),
    });

    // The handlers need the `custom:*`, `name` and `cognito:groups` claims, which Cognito puts in
    // the ID token: the web page sends the ID token as the bearer (its `aud` is this client).
    const jwt = new apigw.HttpAuthorizer(this, 'CognitoJwt', {
      httpApi: props.httpApi,
      type: apigw.HttpAuthorizerType.JWT,
      authorizerName: 'CognitoJwt',
      jwtIssuer: this.userPool.userPoolProviderUrl,
      jwtAudience: [this.webClient.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });
    this.authorizer = apigw.HttpAuthorizer.fromHttpAuthorizerAttributes(this, 'CognitoJwtForRoutes', {
      authorizerId: jwt.authorizerId,
      authorizerType: apigw.HttpAuthorizerType.JWT,
    });
  }
}
