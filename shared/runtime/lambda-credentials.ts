import { fromEnv } from '@aws-sdk/credential-provider-env';
import { fromHttp } from '@aws-sdk/credential-provider-http';
import { chain, memoize } from '@smithy/core/config';

/**
 * The credential chain of the deployed Lambdas. The esbuild options of the bundles
 * (infra/lambda-esbuild.ts) put this module in place of @aws-sdk/credential-provider-node, whose
 * `defaultProvider` every SDK client imports: that chain also carries SSO, shared ini files,
 * credential processes, web identity and instance metadata — ~116 KiB (with the STS/SSO clients
 * of @aws-sdk/nested-clients) parsed at every cold start of every function, for sources a Lambda
 * never has. A Lambda's role credentials are in its environment (AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN); where the platform serves them from a container
 * endpoint instead (AWS_CONTAINER_CREDENTIALS_FULL_URI), fromHttp reads them from there.
 * The local stack and the tests run the sources, not bundles, and keep the SDK's own chain.
 */
type ProviderInit = Parameters<typeof fromEnv>[0] & Parameters<typeof fromHttp>[0];
type CredentialsProvider = ReturnType<typeof fromEnv>;
type Credentials = Awaited<ReturnType<CredentialsProvider>>;

/** Refreshed five minutes before they expire, as the SDK's default chain does. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

export const defaultProvider = (init: ProviderInit = {}): CredentialsProvider =>
  memoize(
    // fromHttp checks its variables when made, so it is made only when the environment has no keys.
    chain(fromEnv(init), (options?: Parameters<CredentialsProvider>[0]) => fromHttp(init)(options)),
    (credentials: Credentials) => credentials.expiration !== undefined && credentials.expiration.getTime() - Date.now() < EXPIRY_MARGIN_MS,
    (credentials: Credentials) => credentials.expiration !== undefined,
  );
