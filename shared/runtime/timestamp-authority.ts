import { ENV, intEnv, optionalEnv, requireEnv } from './config';
import { TSA_DEFAULTS, TsaClient, type TimeStampAuthority } from '../signing';

/**
 * The time-stamp authority the configuration names (TSA_URL; TSA_TIMEOUT_MS, TSA_POLICY_OID):
 * the national TSA or a licensed CA's in AWS, the local stack's dev TSA on this machine. A
 * missing TSA_URL fails at the first stamp with the variable's name (config read once, loudly).
 */
export function timeStampAuthorityFromEnv(): TimeStampAuthority {
  let client: TsaClient | undefined;
  return {
    stamp: (digest) => {
      client ??= new TsaClient({
        url: requireEnv(ENV.tsaUrl),
        timeoutMs: intEnv(ENV.tsaTimeoutMs, TSA_DEFAULTS.timeoutMs),
        policyOid: optionalEnv(ENV.tsaPolicyOid, '') || undefined,
      });
      return client.stamp(digest);
    },
  };
}
