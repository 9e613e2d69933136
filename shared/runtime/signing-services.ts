import { ENV, intEnv } from './config';
import { getServices, type Services } from './services';
import { signerProviderFromEnv } from './signer-provider';
import { timeStampAuthorityFromEnv } from './timestamp-authority';
import { HttpRevocationSource, type RevocationSource } from '../signing';

let services: Services | undefined;

/**
 * The services of a function that signs (its route declares `touches.signing`): the common ones
 * plus the signer provider and the time-stamp authority chosen by configuration. Kept apart from shared/runtime/services.ts so that
 * the functions that never sign do not bundle the KMS, SSM and X.509 code.
 */
export function getSigningServices(): Services {
  services ??= { ...getServices(), signers: signerProviderFromEnv(), timestamps: timeStampAuthorityFromEnv(), revocation: revocationSourceFromEnv() };
  return services;
}

/**
 * CRLs fetched from the distribution points the certificates name (docs/long-term-validation.md):
 * the same in AWS (the production CA's URLs) and locally (the dev CA's, served by the local gateway).
 */
export function revocationSourceFromEnv(): RevocationSource {
  return new HttpRevocationSource({
    timeoutMs: intEnv(ENV.revocationTimeoutMs, 3_000),
    maxCacheMs: intEnv(ENV.revocationCacheSeconds, 300, 0) * 1000,
  });
}
