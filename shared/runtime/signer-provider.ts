import { KMSClient } from '@aws-sdk/client-kms';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import * as z from 'zod';
import { ENV, optionalEnv, requireEnv } from './config';
import { ConflictError } from '../domain/errors';
import { pemToDerList } from '../asn1';
import { KmsSigner, type Signer } from '../signing';
import { boundedRequestHandler } from '../store/clients';

/**
 * Which key signs for whom, chosen by configuration (SIGNER_MODE): asymmetric KMS keys in AWS
 * whose certificate chains live in SSM parameters, or — only inside the local stack — the dev
 * PKI's keys, which the stack hands in with `useLocalSigners` (infra/local/dev-signers.ts).
 * Officials sign with their personal identity; agencies with their seal (`agency:<agencyId>`).
 */
export interface SignerProvider {
  official(identityId: string): Promise<Signer>;
  agency(agencyId: string): Promise<Signer>;
}

const KmsKeysSchema = z.record(
  z.string(),
  z.object({
    keyId: z.string(),
    algorithm: z.enum(['RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PSS_SHA_256', 'ECDSA_SHA_256']),
    chainParameter: z.string(),
  }),
);

/** Signers are cached per process: keys parsed and chains fetched once per cold start. */
export function cachedSignerProvider(load: (kind: 'official' | 'agency', id: string) => Promise<Signer>): SignerProvider {
  const cache = new Map<string, Promise<Signer>>();
  const get = (kind: 'official' | 'agency', id: string) => {
    const key = `${kind}:${id}`;
    let hit = cache.get(key);
    if (!hit) {
      hit = load(kind, id).catch((e: unknown) => {
        cache.delete(key);
        throw new ConflictError(`Chưa cấu hình chữ ký số cho ${kind === 'official' ? 'cán bộ' : 'cơ quan'} "${id}".`, { cause: e });
      });
      cache.set(key, hit);
    }
    return hit;
  };
  return { official: (id) => get('official', id), agency: (id) => get('agency', id) };
}

let localSigners: (() => SignerProvider) | undefined;

/**
 * The local stack's way in for its DEV ONLY signers. The dev PKI code (key generation, X.509
 * building, PEM keys) is never imported from here, so it stays out of every Lambda bundle.
 */
export function useLocalSigners(factory: () => SignerProvider): void {
  localSigners = factory;
}

/** The provider the configuration asks for. */
export function signerProviderFromEnv(): SignerProvider {
  const mode = optionalEnv(ENV.signerMode, 'local');
  if (mode === 'local') {
    if (!localSigners) {
      throw new Error(`${ENV.signerMode}=local needs the dev PKI, which only the local stack provides (npm start); set it to "kms" in AWS`);
    }
    return localSigners();
  }
  if (mode === 'kms') {
    const keys = KmsKeysSchema.parse(JSON.parse(requireEnv(ENV.kmsSigningKeys)));
    const kms = new KMSClient({ requestHandler: boundedRequestHandler(5_000) });
    const ssm = new SSMClient({ requestHandler: boundedRequestHandler(5_000) });
    return cachedSignerProvider(async (kind, id) => {
      const entry = keys[kind === 'agency' ? `agency:${id}` : id];
      if (!entry) throw new Error(`No KMS signing key configured for ${kind} ${id}`);
      const param = await ssm.send(new GetParameterCommand({ Name: entry.chainParameter }));
      const chain = pemToDerList(param.Parameter?.Value ?? '', 'CERTIFICATE');
      return new KmsSigner({ client: kms, keyId: entry.keyId, certificateChain: chain, algorithm: entry.algorithm });
    });
  }
  throw new Error(`${ENV.signerMode} must be "local" or "kms", got "${mode}"`);
}
