/**
 * The one ASN.1 layer (X.690 BER/DER, RFC 5280 certificates, RFC 7468 PEM) under the signer and
 * the verifier; it imports neither. (@peculiar/x509, which only the dev PKI needs to issue
 * certificates, is loaded by shared/signing/dev/, so no Lambda bundle carries it.)
 */
export { Asn1Error, type Asn1ErrorCode } from './errors';
export { MAX_DEPTH, childSpans, spanAt, type Span } from './ber-spans';
export {
  TAG, booleanValue, children, expectUniversal, integerBytes, isContext, isUniversal, octets, oid, parseSingle, rawBytes, sequence, smallInteger, time,
  type Node,
} from './der-reader';
export { EncodedElement, algorithmIdentifier, compareDer, contextTagged, derSetOf, encode, lengthOctets, retagged, setOfDer, toDer } from './der-writer';
export { DIGEST_NAMES, OID, type DigestName } from './oids';
export { derToPem, pemToDerList } from './pem';
export { KEY_USAGE, readCertificate, type Certificate, type Extension, type NameAttribute } from './certificate';
export {
  PKI_STATUS, messageImprintOf, readTimeStampResponse, readTimeStampToken, readTstInfo,
  type MessageImprint, type TimeStampResponse, type TimeStampToken, type TokenSignerInfo, type TstInfo,
} from './timestamp-token';
export { CRL_REASONS, findRevoked, readCrl, type Crl, type CrlReason, type RevokedEntry } from './crl';
