import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID, sha256AlgorithmId, signatureAlgorithmId } from './cms-algorithms';
import { encodeSignedAttributes } from './cms-attributes';
import { timestampAttributes, type Timestamper } from './cms-timestamp';
import { SigningError } from './errors';
import { verifiesWithCertificate } from './signature-check';
import type { Signer } from './signer';

export type { Timestamper } from './cms-timestamp';

export interface DetachedCmsOptions {
  signer: Signer;
  /** The signed content itself (for a PDF: both byte ranges joined), not its hash. */
  content: Uint8Array;
  /** When given, the CMS becomes B-T: the token lands in id-aa-signatureTimeStampToken. */
  timestamper?: Timestamper;
}

/**
 * Builds a detached CMS ContentInfo(SignedData) for PAdES B-B (B-T with a timestamper). The
 * signature is made by hashing the DER signed attributes and handing the digest to the Signer
 * port, never with PKI.js `SignedData.sign()` (SHA-1 default, and it re-wraps ECDSA values).
 * PKI.js only shapes ASN.1 here and never reaches for its global crypto engine: hashing uses
 * node:crypto, which reads the 20–50 MB content in place where WebCrypto would first copy it.
 */
export async function createDetachedCms(options: DetachedCmsOptions): Promise<Uint8Array> {
  const { signer, content, timestamper } = options;
  const chain = parseChain(signer.certificateChain);
  const signerCertDer = signer.certificateChain[0];

  const signed = encodeSignedAttributes({
    messageDigest: sha256(content),
    signerCertificateHash: sha256(signerCertDer),
  });
  const signature = await signDigest(signer, sha256(signed.der));
  // A KMS key paired with the wrong certificate would otherwise yield a PDF no one can verify.
  if (!verifiesWithCertificate(signer.algorithm, signerCertDer, signed.der, signature)) {
    throw new SigningError('signer-failed',
      `The ${signer.algorithm} signature does not verify with the signer certificate: key and certificate do not match.`);
  }

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: chain[0].issuer, serialNumber: chain[0].serialNumber }),
    digestAlgorithm: sha256AlgorithmId(),
    signedAttrs: signed.attributes,
    signatureAlgorithm: signatureAlgorithmId(signer.algorithm),
    signature: new asn1js.OctetString({ valueHex: signature }),
  });
  if (timestamper) signerInfo.unsignedAttrs = timestampAttributes(await timestamper(signature), signature);

  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [sha256AlgorithmId()],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: chain,
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER());
}

/**
 * Parsed certificates by their DER array (a Signer's chain is fixed for its lifetime). PKI.js
 * parsing costs ~0.7 ms a certificate, a quarter of a 1 MB signature; reading the cached objects
 * is safe, as building the SignedData only reads them.
 */
const parsedCertificates = new WeakMap<Uint8Array, pkijs.Certificate>();

function parseChain(chain: Uint8Array[]): pkijs.Certificate[] {
  if (chain.length === 0) throw new SigningError('invalid-key', 'The signer has no certificate.');
  return chain.map((der, index) => {
    let certificate = parsedCertificates.get(der);
    if (certificate) return certificate;
    try {
      certificate = pkijs.Certificate.fromBER(der as Uint8Array<ArrayBuffer>);
    } catch (error) {
      throw new SigningError('invalid-key', `Certificate ${index} of the signer chain is not valid DER.`, { cause: error });
    }
    parsedCertificates.set(der, certificate);
    return certificate;
  });
}

function sha256(data: Uint8Array): Uint8Array {
  return createHash('sha256').update(data).digest();
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
