import { X509Certificate, constants, createPrivateKey, createPublicKey, privateEncrypt, randomBytes, type KeyObject } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import { Asn1Error, pemToDerList } from '../asn1';
import { SigningError, signingErrorFromAsn1 } from './errors';
import { emsaPssEncodeSha256 } from './rsa-pss';
import { SHA256_DIGEST_LENGTH, type SignatureAlgorithm, type Signer } from './signer';

export interface LocalKeySignerOptions {
  /** PKCS#8 or traditional PEM private key (RSA or EC P-256). */
  keyPem: string;
  /** PEM certificates: the signer's own first, then its issuers. */
  chainPem: string;
  passphrase?: string;
  /** For RSA keys: PKCS#1 v1.5 (default) or PSS. Must fit the key type. */
  algorithm?: SignatureAlgorithm;
}

/** DigestInfo prefix for SHA-256 (RFC 8017 §9.2 note 1): PKCS#1 v1.5 signs DigestInfo, not the bare hash. */
const SHA256_DIGEST_INFO_PREFIX = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * A Signer over a private key held in process memory (development PKI, tests). The key is parsed
 * once. node:crypto cannot sign a precomputed digest, so RSA uses the raw private operation on
 * a padded block we build, and ECDSA uses @noble/curves (audited, RFC 6979 nonces).
 */
export class LocalKeySigner implements Signer {
  readonly certificateChain: Uint8Array[];
  readonly algorithm: SignatureAlgorithm;
  private readonly key: KeyObject;
  private readonly ecScalar?: Uint8Array;

  constructor(options: LocalKeySignerOptions) {
    this.key = parsePrivateKey(options.keyPem, options.passphrase);
    this.certificateChain = readChainPem(options.chainPem);
    if (this.certificateChain.length === 0) throw new SigningError('invalid-key', 'The chain PEM holds no certificate.');
    this.algorithm = algorithmFor(this.key, options.algorithm);
    assertKeyMatchesCertificate(this.key, this.certificateChain[0]);
    if (this.algorithm === 'ECDSA_SHA_256') {
      this.ecScalar = Buffer.from(this.key.export({ format: 'jwk' }).d!, 'base64url');
    }
  }

  /** Signs a SHA-256 digest with the in-memory key. */
  async signDigest(digest: Uint8Array): Promise<Uint8Array> {
    if (digest.length !== SHA256_DIGEST_LENGTH) throw new SigningError('signer-failed', 'Only SHA-256 digests (32 bytes) can be signed.');
    switch (this.algorithm) {
      case 'RSASSA_PKCS1_V1_5_SHA_256':
        return new Uint8Array(privateEncrypt(
          { key: this.key, padding: constants.RSA_PKCS1_PADDING },
          Buffer.concat([SHA256_DIGEST_INFO_PREFIX, digest]),
        ));
      case 'RSASSA_PSS_SHA_256': {
        const bits = this.key.asymmetricKeyDetails!.modulusLength!;
        const block = emsaPssEncodeSha256(digest, bits, randomBytes(SHA256_DIGEST_LENGTH));
        return new Uint8Array(privateEncrypt({ key: this.key, padding: constants.RSA_NO_PADDING }, block));
      }
      case 'ECDSA_SHA_256':
        return p256.sign(digest, this.ecScalar!, { prehash: false, format: 'der' });
    }
  }
}

function parsePrivateKey(pem: string, passphrase?: string): KeyObject {
  try {
    return createPrivateKey({ key: pem, format: 'pem', passphrase });
  } catch (error) {
    throw new SigningError('invalid-key', 'The private key PEM cannot be read.', { cause: error });
  }
}

function algorithmFor(key: KeyObject, requested?: SignatureAlgorithm): SignatureAlgorithm {
  const type = key.asymmetricKeyType;
  if (type === 'rsa' && (requested === undefined || requested !== 'ECDSA_SHA_256')) {
    return requested ?? 'RSASSA_PKCS1_V1_5_SHA_256';
  }
  if (type === 'ec' && (requested === undefined || requested === 'ECDSA_SHA_256')) {
    // KMS's ECDSA_SHA_256 is P-256 only; other curves would need other hashes and identifiers.
    if (key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
      throw new SigningError('invalid-key', `EC keys must be on P-256, not ${key.asymmetricKeyDetails?.namedCurve}.`);
    }
    return 'ECDSA_SHA_256';
  }
  throw new SigningError('invalid-key', `A ${type} key cannot sign with ${requested ?? 'any supported algorithm'}.`);
}

function assertKeyMatchesCertificate(key: KeyObject, certificateDer: Uint8Array): void {
  let certificateKey: Buffer;
  try {
    certificateKey = new X509Certificate(certificateDer).publicKey.export({ type: 'spki', format: 'der' });
  } catch (error) {
    throw new SigningError('invalid-key', 'The signer certificate cannot be parsed.', { cause: error });
  }
  const ownKey = createPublicKey(key).export({ type: 'spki', format: 'der' });
  if (!ownKey.equals(certificateKey)) {
    throw new SigningError('invalid-key', 'The private key does not belong to the first certificate of the chain.');
  }
}

function readChainPem(chainPem: string): Uint8Array[] {
  try {
    return pemToDerList(chainPem, 'CERTIFICATE');
  } catch (error) {
    throw error instanceof Asn1Error ? signingErrorFromAsn1(error, 'key', 'The chain PEM cannot be read') : error;
  }
}
