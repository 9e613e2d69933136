import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { SIGNING_KEY_SPECS, identitySlug, type SigningIdentity } from './config';

/** Value of a chain parameter until the operator stores the CA's PEM chain (README "Deploying to AWS", §5). */
export const CHAIN_PLACEHOLDER = 'PLACEHOLDER: replace with the PEM certificate chain (signer certificate first)';

/**
 * Lambda allows 4 KB for all environment variables together; KMS_SIGNING_KEYS grows by ~120
 * bytes per identity. Past this budget the map belongs in SSM or the table (a shared/ change).
 */
const SIGNING_ENV_BUDGET_BYTES = 2_500;

/**
 * The symmetric data key (table, buckets, log groups) with yearly rotation. CloudWatch Logs may
 * use it only for this account's log groups in this region (encryption-context condition).
 */
export class DataKey extends Construct {
  readonly key: kms.Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const stack = Stack.of(this);
    this.key = new kms.Key(this, 'Key', {
      description: `${stack.stackName}: data at rest (DynamoDB table, S3 originals/issued, log groups)`,
      alias: `alias/${stack.stackName}/data`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchLogsOfThisAccount',
        principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:*`,
          },
        },
      }),
    );
  }
}

export interface SigningKey {
  identity: SigningIdentity;
  key: kms.Key;
  chain: ssm.StringParameter;
}

/**
 * One asymmetric SIGN_VERIFY KMS key per signing identity (the private key never leaves KMS) and,
 * beside it, the SSM parameter that holds its certificate chain once a CA has certified the key.
 */
export class SigningKeys extends Construct {
  readonly keys: SigningKey[];

  constructor(scope: Construct, id: string, props: { identities: SigningIdentity[]; ssmPrefix: string }) {
    super(scope, id);
    const stack = Stack.of(this);
    this.keys = props.identities.map((identity) => {
      const slug = identitySlug(identity.id);
      const key = new kms.Key(this, `Key-${slug}`, {
        description: `${stack.stackName}: PAdES signing key of "${identity.id}" (${identity.keySpec})`,
        alias: `alias/${stack.stackName}/signing/${slug}`,
        keySpec: kms.KeySpec[identity.keySpec],
        keyUsage: kms.KeyUsage.SIGN_VERIFY,
        pendingWindow: Duration.days(30),
        // A deleted signing key cannot be recreated with the same public key: keep it.
        removalPolicy: RemovalPolicy.RETAIN,
      });
      const chain = new ssm.StringParameter(this, `Chain-${slug}`, {
        parameterName: `${props.ssmPrefix}/signing/${slug}/chain`,
        description: `PEM certificate chain for KMS signing key "${identity.id}" (operator-maintained; see README.md ("Deploying to AWS"))`,
        stringValue: CHAIN_PLACEHOLDER,
        // A chain of 2–3 RSA certificates passes the 4 KB limit of the standard tier.
        tier: ssm.ParameterTier.ADVANCED,
      });
      return { identity, key, chain };
    });
  }

  /** The KMS_SIGNING_KEYS value: {"<id>": {keyId, algorithm, chainParameter}} (tokens resolved by CloudFormation). */
  envValue(): string {
    this.env ??= this.renderEnv();
    return this.env;
  }

  private env?: string;

  private renderEnv(): string {
    const map = Object.fromEntries(
      this.keys.map(({ identity, key, chain }) => [
        identity.id,
        { keyId: key.keyId, algorithm: SIGNING_KEY_SPECS[identity.keySpec], chainParameter: chain.parameterName },
      ]),
    );
    const estimate = JSON.stringify(
      Object.fromEntries(
        this.keys.map(({ identity, chain }) => [
          identity.id,
          { keyId: '00000000-0000-0000-0000-000000000000', algorithm: SIGNING_KEY_SPECS[identity.keySpec], chainParameter: chain.parameterName },
        ]),
      ),
    ).length;
    if (estimate > SIGNING_ENV_BUDGET_BYTES) {
      throw new Error(
        `KMS_SIGNING_KEYS would take ~${estimate} bytes of the 4 KB Lambda environment: move the identity map to SSM (see README.md ("Deploying to AWS"))`,
      );
    }
    return Stack.of(this).toJsonString(map);
  }

  /** kms:Sign/GetPublicKey on the signing keys only, and read access to their chain parameters. */
  grantSign(grantee: iam.IGrantable): void {
    for (const { key, chain } of this.keys) {
      key.grant(grantee, 'kms:Sign', 'kms:GetPublicKey');
      chain.grantRead(grantee);
    }
  }
}
