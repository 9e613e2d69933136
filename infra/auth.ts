import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLES, type Role } from '../shared/domain/roles';
import type { DeployConfig } from './config';
import { suppress } from './nag';

/** Lower precedence wins when a user is in several groups (`cognito:groups` is ordered by it). */
const GROUP_PRECEDENCE: Record<Role, number> = { admin: 0, official: 10, verifier: 20, citizen: 30 };

/**
 * Who may call the private routes: a Cognito user pool whose groups are the four roles of the
 * route table, the custom attributes the handlers read (`custom:agencyId`, `custom:citizenId`),
 * one public app client for the web page, and the HTTP API JWT authorizer that trusts it.
 *
 * Accounts are created by administrators (no self sign-up): an agency id or a CCCD number in a
 * token must have been checked by a person, never typed in by the user. For the same reason the
 * app client cannot write any attribute.
 */
export class Auth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly webClient: cognito.UserPoolClient;
  readonly authorizer: HttpJwtAuthorizer;

  constructor(scope: Construct, id: string, props: { featurePlan: DeployConfig['cognitoFeaturePlan'] }) {
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
        description: `Role "${role}" of the route table (shared/routes.ts), carried in cognito:groups`,
      });
    }

    this.webClient = this.userPool.addClient('Web', {
      authFlows: { userSrp: true },
      disableOAuth: true,
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

    // The handlers need the `custom:*`, `name` and `cognito:groups` claims, which Cognito puts in
    // the ID token: the web page sends the ID token as the bearer (its `aud` is this client).
    this.authorizer = new HttpJwtAuthorizer('CognitoJwt', this.userPool.userPoolProviderUrl, {
      jwtAudience: [this.webClient.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });
  }
}
