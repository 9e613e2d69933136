import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID } from './cms-algorithms';

export interface SignedAttributesInput {
  /** SHA-256 of the signed content (the PDF byte ranges). */
  messageDigest: Uint8Array;
  /** SHA-256 of the signer certificate's DER. */
  signerCertificateHash: Uint8Array;
}

export interface EncodedSignedAttributes {
  attributes: pkijs.SignedAndUnsignedAttributes;
  /** DER of the attributes as a SET OF (first byte 0x31): the bytes the signature covers. */
  der: Uint8Array;
}

/**
 * The PAdES B-B signed attributes: content-type, message-digest and ESS signing-certificate-v2,
 * and deliberately no signing-time (the claimed time is the signature dictionary's /M).
 * They are sorted in DER order because BouncyCastle-based validators re-encode the SET before
 * checking the signature, and an unsorted SET then no longer matches what was signed.
 */
export function encodeSignedAttributes(input: SignedAttributesInput): EncodedSignedAttributes {
  const unsorted = [
    new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
    new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: input.messageDigest })] }),
    new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2(input.signerCertificateHash)] }),
  ];
  const attributes = derSorted(unsorted);
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes });
  // The SignerInfo carries them as [0] IMPLICIT; the signature is over the SET OF tag (RFC 5652 §5.4).
  const der = new Uint8Array(signedAttrs.toSchema().toBER());
  der[0] = 0x31;
  return { attributes: signedAttrs, der };
}

/**
 * SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 } with one ESSCertIDv2
 * holding only certHash: SHA-256 is the DEFAULT hashAlgorithm, so DER omits it, and ETSI EN
 * 319 122-1 says issuerSerial should not be included.
 */
function signingCertificateV2(certHash: Uint8Array): asn1js.Sequence {
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: certHash })] });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

/** Orders SET OF elements by their DER encodings (X.690 §11.6). */
export function derSorted<T extends { toSchema(): asn1js.AsnType }>(items: T[]): T[] {
  const encoded = items.map((item) => ({ item, der: new Uint8Array(item.toSchema().toBER()) }));
  encoded.sort((a, b) => compareDer(a.der, b.der));
  return encoded.map(({ item }) => item);
}

/** Compares two encodings as octet strings, the shorter one padded with trailing zeros. */
export function compareDer(a: Uint8Array, b: Uint8Array): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}
