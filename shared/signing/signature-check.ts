import { X509Certificate, constants, verify, type KeyObject } from 'node:crypto';
import { SigningError } from './errors';
import type { SignatureAlgorithm } from './signer';

/** Public keys by certificate DER array (a Signer's certificate is fixed for its lifetime). */
const publicKeys = new WeakMap<Uint8Array, KeyObject>();

/** Whether `signature` over `message` verifies with the public key of a DER certificate. */
export function verifiesWithCertificate(
  algorithm: SignatureAlgorithm, certificateDer: Uint8Array, message: Uint8Array, signature: Uint8Array,
): boolean {
  let key = publicKeys.get(certificateDer);
  if (!key) {
    try {
      key = new X509Certificate(certificateDer).publicKey;
    } catch (error) {
      // asn1js read its structure, but Node cannot use it (e.g. an unsupported key type).
      throw new SigningError('invalid-key', `The signer certificate cannot be used to check the signature: ${(error as Error).message}`, { cause: error });
    }
    publicKeys.set(certificateDer, key);
  }
  try {
    return verify('sha256', message, verifyKey(algorithm, key), signature);
  } catch {
    return false; // a key of the wrong type for the algorithm
  }
}

function verifyKey(algorithm: SignatureAlgorithm, key: KeyObject) {
  switch (algorithm) {
    case 'RSASSA_PKCS1_V1_5_SHA_256':
      return { key, padding: constants.RSA_PKCS1_PADDING };
    case 'RSASSA_PSS_SHA_256':
      return { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
    case 'ECDSA_SHA_256':
      return { key, dsaEncoding: 'der' as const };
  }
}
