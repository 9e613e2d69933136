import * as asn1js from 'asn1js';
import { OID, derSetOf } from '../asn1';

export interface SignedAttributesInput {
  /** SHA-256 of the signed content (the PDF byte ranges). */
  messageDigest: Uint8Array;
  /** SHA-256 of the signer certificate's DER. */
  signerCertificateHash: Uint8Array;
}

/**
 * The PAdES B-B signed attributes: content-type (id-data), message-digest and ESS
 * signing-certificate-v2 (ETSI EN 319 122-1 §6.3), and deliberately no signing-time (PAdES,
 * ETSI EN 319 142-1, takes the claimed time from the signature dictionary's /M). Returns their DER as a SET OF (first octet 0x31):
 * the bytes the signature covers (RFC 5652 §5.4); the SignerInfo carries the same bytes as
 * [0] IMPLICIT. They are sorted in DER order (RFC 5652 §5.3 requires DER for signedAttrs)
 * because BouncyCastle-based validators re-encode the SET before checking the signature, and an
 * unsorted SET then no longer matches what was signed.
 */
export function encodeSignedAttributes(input: SignedAttributesInput): Uint8Array {
  return derSetOf([
    attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: OID.data })),
    attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: input.messageDigest })),
    attribute(OID.signingCertificateV2, signingCertificateV2(input.signerCertificateHash)),
  ]);
}

/** Attribute ::= SEQUENCE { attrType OID, attrValues SET OF AttributeValue } with one value (RFC 5652 §5.3). */
export function attribute(type: string, value: asn1js.BaseBlock): asn1js.Sequence {
  return new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: type }), new asn1js.Set({ value: [value] })] });
}

/**
 * SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 } (RFC 5035 §3) with one
 * ESSCertIDv2 holding only certHash: SHA-256 is the DEFAULT hashAlgorithm, so DER omits it, and
 * ETSI EN 319 122-1 §6.3 says issuerSerial should not be included.
 */
function signingCertificateV2(certHash: Uint8Array): asn1js.Sequence {
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: certHash })] });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}
