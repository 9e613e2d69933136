import { getServices, type Services } from './services';
import { signerProviderFromEnv } from './signer-provider';
import { timeStampAuthorityFromEnv } from './timestamp-authority';

let services: Services | undefined;

/**
 * The services of a function that signs (its route declares `touches.signing`): the common ones
 * plus the signer provider and the time-stamp authority chosen by configuration. Kept apart from shared/runtime/services.ts so that
 * the functions that never sign do not bundle the KMS, SSM and X.509 code.
 */
export function getSigningServices(): Services {
  services ??= { ...getServices(), signers: signerProviderFromEnv(), timestamps: timeStampAuthorityFromEnv() };
  return services;
}
