import { ENV, requireEnv } from '../../shared/runtime/config';
import { cachedSignerProvider, useLocalSigners, type SignerProvider } from '../../shared/runtime/signer-provider';
import { createDevSigner, readDevIdentity } from '../../shared/signing/dev';

/** DEV ONLY: signers over the dev PKI's keys in `dir` (generated at start-up by ensureDevPki). */
export function devSignerProvider(dir: string): SignerProvider {
  return cachedSignerProvider(async (kind, id) => createDevSigner(await readDevIdentity(dir, kind, id)));
}

/**
 * Lets SIGNER_MODE=local resolve to the dev PKI in this process (the local stack, and tests that
 * run the use cases against it). The directory is read from LOCAL_PKI_DIR when first needed.
 */
export function installDevSigners(): void {
  useLocalSigners(() => devSignerProvider(requireEnv(ENV.localPkiDir)));
}
