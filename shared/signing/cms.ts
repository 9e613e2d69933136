/**
 * The detached CMS of our PAdES signatures (docs/signatures.md "One signature, step by step"),
 * written with asn1js alone (cms-signed-data.ts, cms-attributes.ts, cms-algorithms.ts,
 * cms-timestamp.ts, over shared/asn1's DER writer) rather than PKI.js. The structure is fixed, so PKI.js only
 * shaped ASN.1 we can write in a few lines, and it cost ~340 KiB (with bytestreamjs and
 * @noble/hashes) of each signing Lambda bundle, against issue #10's 1.5 MB cap; reading the
 * chain with asn1js also skips PKI.js's ~0.7 ms a certificate. PKI.js stays as a dev dependency,
 * the tests' independent oracle: they parse our output with it (cms-oracle.test.ts) and hold it
 * to the bytes PKI.js itself produced for the same inputs (cms-golden.test.ts).
 */
import { createHash } from 'node:crypto';
import { encodeSignedAttributes } from './cms-attributes';
import { encodeContentInfo, readChain } from './cms-signed-data';
import { timestampAttributes, type Timestamper } from './cms-timestamp';
import { SigningError } from './errors';
import { verifiesWithCertificate } from './signature-check';
import type { Signer } from './signer';

export type { Timestamper } from './cms-timestamp';

export interface DetachedCmsOptions {
  signer: Signer;
  /**
   * The signed content itself, not its hash; for a PDF, its byte ranges in order — hashed one
   * after the other, so a 50 MB copy is never joined into one more buffer.
   */
  content: Uint8Array | readonly Uint8Array[];
  /** When given, the CMS becomes B-T: the token lands in id-aa-signatureTimeStampToken. */
  timestamper?: Timestamper;
}

/**
 * Builds a detached CMS ContentInfo(SignedData) for PAdES B-B (B-T with a timestamper). The
 * signature is made by hashing the DER signed attributes and handing the digest to the Signer
 * port (node:crypto locally, KMS in production); hashing uses node:crypto, which reads the
 * 20–50 MB content in place.
 */
export async function createDetachedCms(options: DetachedCmsOptions): Promise<Uint8Array> {
  const { signer, content, timestamper } = options;
  const [signerIdentity] = readChain(signer.certificateChain);
  const signerCertDer = signer.certificateChain[0];

  const signedAttributes = encodeSignedAttributes({
    messageDigest: sha256(...(content instanceof Uint8Array ? [content] : content)),
    signerCertificateHash: sha256(signerCertDer),
  });
  const signature = await signDigest(signer, sha256(signedAttributes));
  // A KMS key paired with the wrong certificate would otherwise yield a PDF no one can verify.
  if (!verifiesWithCertificate(signer.algorithm, signerCertDer, signedAttributes, signature)) {
    throw new SigningError('signer-failed',
      `The ${signer.algorithm} signature does not verify with the signer certificate: key and certificate do not match.`);
  }

  return encodeContentInfo({
    certificates: signer.certificateChain,
    signer: signerIdentity,
    algorithm: signer.algorithm,
    signedAttributes,
    signature,
    unsignedAttributes: timestamper ? timestampAttributes(await timestamper(signature), signature) : undefined,
  });
}

function sha256(...chunks: Uint8Array[]): Uint8Array {
  const hash = createHash('sha256');
  for (const chunk of chunks) hash.update(chunk);
  return hash.digest();
}

async function signDigest(signer: Signer, digest: Uint8Array): Promise<Uint8Array> {
  let signature: Uint8Array;
  try {
    signature = await signer.signDigest(digest);
  } catch (error) {
    if (error instanceof SigningError) throw error;
    throw new SigningError('signer-failed', `The signer failed: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  }
  if (!(signature instanceof Uint8Array) || signature.length === 0) {
    throw new SigningError('signer-failed', 'The signer returned no signature.');
  }
  return signature;
}
