import { CognitoIdentityProviderClient, CreateUserPoolClientCommand, DeleteUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { scopeName } from '../domain/machine-client';
import { providedClientIdentity, type ClientIdentity } from './client-identity';
import { cognitoAccessTokenVerifier } from './cognito-tokens';
import { ENV, requireEnv } from './config';

/**
 * Cognito as the machine clients' identity provider: one confidential app client per registered
 * system, allowed only the client-credentials grant and the resource server's scopes
 * (infra/auth.ts). Its access tokens have no `aud` and each client its own id, so API Gateway's
 * JWT authorizer (which checks the audience against the web client) cannot admit them: the
 * handler verifies them against the pool's JWKS here.
 */
export function cognitoClientIdentity(): ClientIdentity {
  return {
    register: async (name, scopes) => {
      const cognito = new CognitoIdentityProviderClient({});
      const r = await cognito.send(
        new CreateUserPoolClientCommand({
          UserPoolId: requireEnv(ENV.userPoolId),
          ClientName: name.slice(0, 128),
          GenerateSecret: true,
          AllowedOAuthFlows: ['client_credentials'],
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthScopes: scopes.map(scopeName),
          SupportedIdentityProviders: ['COGNITO'],
          AccessTokenValidity: 60,
          TokenValidityUnits: { AccessToken: 'minutes' },
          EnableTokenRevocation: true,
          PreventUserExistenceErrors: 'ENABLED',
        }),
      );
      const clientId = r.UserPoolClient?.ClientId;
      const clientSecret = r.UserPoolClient?.ClientSecret;
      if (!clientId || !clientSecret) throw new Error('Cognito returned no client id or secret');
      return { clientId, clientSecret };
    },
    remove: async (clientId) => {
      try {
        await new CognitoIdentityProviderClient({}).send(new DeleteUserPoolClientCommand({ UserPoolId: requireEnv(ENV.userPoolId), ClientId: clientId }));
      } catch (error) {
        // Deleted by an earlier attempt whose table write then failed: the retry goes on.
        if ((error as { name?: string }).name !== 'ResourceNotFoundException') throw error;
      }
    },
    verifyAccessToken: cognitoAccessTokenVerifier(),
  };
}

let cognito: ClientIdentity | undefined;

/**
 * The identity provider that registers and removes clients (clients-create, clients-disable): the
 * local one when handed in (useClientIdentity), else Cognito's. Here, not in client-identity.ts,
 * so that only these two bundles carry the Cognito SDK client.
 */
export async function clientIdentity(): Promise<ClientIdentity> {
  const provided = providedClientIdentity();
  if (provided) return provided;
  cognito ??= cognitoClientIdentity();
  return cognito;
}
