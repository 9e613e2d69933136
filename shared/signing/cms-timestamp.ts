import { createHash } from 'node:crypto';
import type * as asn1js from 'asn1js';
import { Asn1Error, DIGEST_NAMES, EncodedElement, OID, contextTagged, messageImprintOf, type MessageImprint } from '../asn1';
import { attribute } from './cms-attributes';
import { SigningError, signingErrorFromAsn1 } from './errors';

/** Returns an RFC 3161 TimeStampToken (DER ContentInfo) over the given SignerInfo signature value. */
export type Timestamper = (signatureValue: Uint8Array) => Promise<Uint8Array>;

/**
 * Wraps a timestamp token as the SignerInfo's unsignedAttrs, `[1] IMPLICIT SET OF Attribute`
 * (RFC 5652 §5.3) holding id-aa-signatureTimeStampToken (RFC 3161 Appendix A; PAdES B-T), after
 * checking that its message imprint is the hash of this signature value: a token over anything
 * else would make a B-T signature that every validator rejects. The token goes in exactly as the
 * TSA encoded it, since its own signature covers those bytes.
 */
export function timestampAttributes(token: Uint8Array, signatureValue: Uint8Array): asn1js.Constructed {
  let imprint: MessageImprint;
  try {
    imprint = messageImprintOf(token);
  } catch (error) {
    if (error instanceof Asn1Error) throw signingErrorFromAsn1(error, 'timestamp', 'The timestamp token is unusable');
    throw error;
  }
  const hashName = DIGEST_NAMES[imprint.hashAlgorithm];
  if (!hashName) throw new SigningError('timestamp-invalid', `The timestamp token is unusable: unsupported imprint hash ${imprint.hashAlgorithm}.`);
  if (!createHash(hashName).update(signatureValue).digest().equals(imprint.hashedMessage)) {
    throw new SigningError('timestamp-invalid', 'The timestamp token is unusable: its message imprint is not the hash of this signature.');
  }
  return contextTagged(1, [attribute(OID.signatureTimeStampToken, new EncodedElement(token))]);
}
