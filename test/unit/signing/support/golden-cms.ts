import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import { createDetachedCms } from '../../../../shared/signing/cms';
import { LocalKeySigner } from '../../../../shared/signing/local-key-signer';
import type { SignatureAlgorithm, Signer } from '../../../../shared/signing/signer';
import { fakeTimestampToken } from './fake-timestamp';

/**
 * Golden CMS: fixed keys, certificates and content, and the exact bytes createDetachedCms made
 * from them when the CMS was still assembled by PKI.js. Any change to our DER shows up as a
 * byte difference. The keys are throw-away dev keys from a test PKI, used nowhere else.
 */
export const GOLDEN_DIR = join(import.meta.dirname, '..', 'fixtures', 'golden-cms');

export type GoldenCase = 'rsa-pkcs1' | 'rsa-pkcs1-bt' | 'rsa-pss' | 'ecdsa';

interface CaseSpec {
  identity: 'rsa' | 'ec';
  algorithm: SignatureAlgorithm;
  timestamped: boolean;
  /** PSS salts are random: the fixture holds the CMS with the signature value zeroed. */
  randomSignature: boolean;
}

export const GOLDEN_CASES: Record<GoldenCase, CaseSpec> = {
  'rsa-pkcs1': { identity: 'rsa', algorithm: 'RSASSA_PKCS1_V1_5_SHA_256', timestamped: false, randomSignature: false },
  'rsa-pkcs1-bt': { identity: 'rsa', algorithm: 'RSASSA_PKCS1_V1_5_SHA_256', timestamped: true, randomSignature: false },
  'rsa-pss': { identity: 'rsa', algorithm: 'RSASSA_PSS_SHA_256', timestamped: false, randomSignature: true },
  // Deterministic: LocalKeySigner signs ECDSA with RFC 6979 nonces (@noble/curves, no extra entropy).
  'ecdsa': { identity: 'ec', algorithm: 'ECDSA_SHA_256', timestamped: false, randomSignature: false },
};

/** 64 KiB of fixed, non-repeating-looking content. */
export function goldenContent(): Uint8Array {
  return Uint8Array.from({ length: 64 * 1024 }, (_, i) => (i * 131 + (i >> 8) * 7 + 13) & 0xff);
}

const file = (name: string) => join(GOLDEN_DIR, name);

/** A Signer over one of the fixture identities. */
export function goldenSigner(identity: 'rsa' | 'ec', algorithm: SignatureAlgorithm): Signer {
  return new LocalKeySigner({
    keyPem: readFileSync(file(`${identity}.key.pem`), 'utf8'),
    chainPem: readFileSync(file(`${identity}.chain.pem`), 'utf8'),
    algorithm,
  });
}

/** What createDetachedCms makes now from a golden case's inputs. */
export function createGoldenCms(name: GoldenCase): Promise<Uint8Array> {
  const spec = GOLDEN_CASES[name];
  return createDetachedCms({
    signer: goldenSigner(spec.identity, spec.algorithm),
    content: goldenContent(),
    timestamper: spec.timestamped ? async (signatureValue) => fakeTimestampToken(signatureValue) : undefined,
  });
}

/** The comparable form of a golden case's current output (signature zeroed where it is random). */
export async function produceGoldenCms(name: GoldenCase): Promise<Uint8Array> {
  const cms = await createGoldenCms(name);
  return GOLDEN_CASES[name].randomSignature ? withZeroedSignature(cms) : cms;
}

/** The recorded bytes of a golden case. */
export function readGoldenCms(name: GoldenCase): Uint8Array {
  return Buffer.from(readFileSync(file(`${name}.cms.b64`), 'utf8').trim(), 'base64');
}

/** Records the current output of every case (and, when missing, throw-away identities). */
export async function writeGoldenFixtures(makeIdentity: (kind: 'rsa' | 'ec') => Promise<{ keyPem: string; chainPem: string }>): Promise<void> {
  for (const kind of ['rsa', 'ec'] as const) {
    if (existsSync(file(`${kind}.key.pem`))) continue;
    const { keyPem, chainPem } = await makeIdentity(kind);
    writeFileSync(file(`${kind}.key.pem`), keyPem);
    writeFileSync(file(`${kind}.chain.pem`), chainPem);
  }
  for (const name of Object.keys(GOLDEN_CASES) as GoldenCase[]) {
    const base64 = Buffer.from(await produceGoldenCms(name)).toString('base64').replace(/(.{76})/g, '$1\n');
    writeFileSync(file(`${name}.cms.b64`), `${base64}\n`);
  }
}

/**
 * A copy of a CMS with the SignerInfo signature value's octets set to zero, its length kept:
 * everything but the randomized part stays comparable byte for byte.
 */
export function withZeroedSignature(cms: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(cms);
  const parsed = asn1js.fromBER(copy, { copyInput: false });
  if (parsed.offset !== copy.length) throw new Error('not a single BER element');
  const contentInfo = parsed.result as asn1js.Sequence;
  const signedData = (contentInfo.valueBlock.value[1] as asn1js.Constructed).valueBlock.value[0] as asn1js.Sequence;
  const signerInfo = (signedData.valueBlock.value.at(-1) as asn1js.Set).valueBlock.value[0] as asn1js.Sequence;
  const signature = signerInfo.valueBlock.value[5] as asn1js.OctetString;
  if (!(signature instanceof asn1js.OctetString)) throw new Error('SignerInfo element 5 is not the signature OCTET STRING');
  signature.valueBlock.valueHexView.fill(0);
  return copy;
}
