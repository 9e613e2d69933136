import {
  TAG, booleanValue, children, directoryString, expectUniversal, integerBytes, isContext, isUniversal, octets, oid, parseSingle,
  primitiveContent, rawBytes, sequence, smallInteger, time, type Node,
} from './der-reader';
import { Asn1Error } from './errors';
import { OID } from './oids';

/** Key usage bits (RFC 5280 §4.2.1.3), bit i as 1 << i. */
export const KEY_USAGE = {
  digitalSignature: 1 << 0,
  nonRepudiation: 1 << 1,
  keyEncipherment: 1 << 2,
  dataEncipherment: 1 << 3,
  keyAgreement: 1 << 4,
  keyCertSign: 1 << 5,
  cRLSign: 1 << 6,
  encipherOnly: 1 << 7,
  decipherOnly: 1 << 8,
} as const;

/** One AttributeTypeAndValue of a Name; `value` is undefined when it is not a string type we decode. */
export interface NameAttribute {
  type: string;
  value?: string;
}

/** One Extension (RFC 5280 §4.1.2.9): its id, criticality and the DER inside extnValue. */
export interface Extension {
  id: string;
  critical: boolean;
  value: Uint8Array;
}

/** An X.509 certificate's fields as encoded; byte fields are views into the input. */
export interface Certificate {
  der: Buffer;
  /** 1, 2 or 3 (the encoded value plus one). */
  version: number;
  /** Content octets of the serialNumber INTEGER, and the whole element as encoded. */
  serial: Buffer;
  serialDer: Buffer;
  /** TBSCertificate.signature's algorithm OID. */
  signatureAlgorithm: string;
  /** DER of the issuer and subject Names, compared byte for byte when chaining. */
  issuerDer: Buffer;
  subjectDer: Buffer;
  /** The Names' attributes in order, RDN by RDN. */
  issuer: NameAttribute[];
  subject: NameAttribute[];
  notBefore: number;
  notAfter: number;
  subjectPublicKeyInfo: Buffer;
  extensions: Extension[];
  /** Key usage bits, undefined when the extension is absent. */
  keyUsage?: number;
  isCa: boolean;
  pathLen?: number;
  subjectKeyId?: Buffer;
  authorityKeyId?: Buffer;
  /** Key purpose OIDs, undefined when the extension is absent. */
  extendedKeyUsage?: string[];
  /** URIs of the CRL distribution points' full names (§4.2.1.13), in order; empty when none. */
  crlDistributionPoints: string[];
  /** OCSP responder URIs from authority information access (§4.2.2.1); empty when none. */
  ocspUrls: string[];
  /** The subject's first CN and O, for people to read. */
  commonName?: string;
  organization?: string;
}

/**
 * Reads a DER certificate: Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm,
 * signatureValue BIT STRING } and TBSCertificate ::= SEQUENCE { version [0] EXPLICIT DEFAULT v1,
 * serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo, issuerUniqueID [1],
 * subjectUniqueID [2], extensions [3] EXPLICIT } (RFC 5280 §4.1). Throws Asn1Error when it is not one.
 */
export function readCertificate(der: Uint8Array): Certificate {
  const bytes = Buffer.from(der.buffer, der.byteOffset, der.length);
  const parts = sequence(parseSingle(bytes, 'the certificate'), 'Certificate');
  if (parts.length !== 3) throw new Asn1Error('unexpected-type', 'a Certificate has three elements');
  const [tbsNode, signatureAlgorithm, signatureValue] = parts;
  sequence(signatureAlgorithm, 'Certificate.signatureAlgorithm');
  expectUniversal(signatureValue, TAG.BIT_STRING, 'Certificate.signatureValue');
  const tbs = sequence(tbsNode, 'TBSCertificate');
  let i = 0;
  const version = isContext(tbs[0], 0) ? smallInteger(children(tbs[i++], 'version')[0], 'version') + 1 : 1;
  const serialNode = tbs[i++];
  const serial = view(integerBytes(serialNode, 'TBSCertificate.serialNumber'));
  const algorithm = oid(sequence(tbs[i++], 'TBSCertificate.signature')[0], 'TBSCertificate.signature');
  const issuer = tbs[i++];
  const validity = sequence(tbs[i++], 'TBSCertificate.validity');
  const subject = tbs[i++];
  const spki = expectUniversal(tbs[i++], TAG.SEQUENCE, 'TBSCertificate.subjectPublicKeyInfo');
  const subjectAttributes = nameAttributes(subject, 'subject');
  const cert: Certificate = {
    der: bytes,
    version,
    serial,
    serialDer: view(rawBytes(serialNode)),
    signatureAlgorithm: algorithm,
    issuerDer: view(rawBytes(issuer)),
    subjectDer: view(rawBytes(subject)),
    issuer: nameAttributes(issuer, 'issuer'),
    subject: subjectAttributes,
    notBefore: time(validity[0], 'notBefore'),
    notAfter: time(validity[1], 'notAfter'),
    subjectPublicKeyInfo: view(rawBytes(spki)),
    extensions: [],
    isCa: false,
    crlDistributionPoints: [],
    ocspUrls: [],
    commonName: subjectAttributes.find((a) => a.type === OID.commonName)?.value,
    organization: subjectAttributes.find((a) => a.type === OID.organization)?.value,
  };
  for (; i < tbs.length; i++) {
    if (isContext(tbs[i], 3)) readExtensions(sequence(children(tbs[i], 'extensions')[0], 'extensions'), cert);
  }
  return cert;
}

/** Name ::= SEQUENCE OF RelativeDistinguishedName, each a SET OF AttributeTypeAndValue (RFC 5280 §4.1.2.4). */
export function nameAttributes(name: Node | undefined, what: string): NameAttribute[] {
  const attributes: NameAttribute[] = [];
  for (const rdn of sequence(name, what)) {
    for (const atv of sequence(rdn, `${what} RDN`, TAG.SET)) {
      const [type, value] = sequence(atv, `${what} attribute`);
      if (!value) throw new Asn1Error('unexpected-type', `${what} attribute without a value`);
      attributes.push({ type: oid(type, `${what} attribute type`), value: directoryString(value) });
    }
  }
  return attributes;
}

/** Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING } (RFC 5280 §4.1.2.9). */
function readExtensions(extensions: Node[], cert: Certificate): void {
  const seen = new Set<string>();
  for (const extension of extensions) {
    const parts = sequence(extension, 'extension');
    const id = oid(parts[0], 'extension id');
    if (seen.has(id)) throw new Asn1Error('bad-value', `extension ${id} appears twice`);
    seen.add(id);
    const critical = parts.length === 3 && booleanValue(parts[1], `extension ${id} critical`);
    const der = octets(parts[parts.length - 1], 'extension value');
    cert.extensions.push({ id, critical, value: der });
    const value = parseSingle(der, `extension ${id}`);
    switch (id) {
      case OID.keyUsage:
        cert.keyUsage = keyUsageBits(value);
        break;
      case OID.basicConstraints: { // §4.2.1.9: SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL }
        const fields = sequence(value, 'basic constraints');
        let k = 0;
        if (isUniversal(fields[k], TAG.BOOLEAN)) cert.isCa = booleanValue(fields[k++], 'cA');
        if (fields[k]) cert.pathLen = smallInteger(fields[k], 'path length');
        break;
      }
      case OID.subjectKeyIdentifier: // §4.2.1.2
        cert.subjectKeyId = view(octets(value, 'subject key identifier'));
        break;
      case OID.authorityKeyIdentifier: { // §4.2.1.1: SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING OPTIONAL, ... }
        const keyId = sequence(value, 'authority key identifier').find((field) => isContext(field, 0));
        if (keyId) cert.authorityKeyId = view(octets(keyId, 'authority key identifier', 0));
        break;
      }
      case OID.crlDistributionPoints: // §4.2.1.13
        cert.crlDistributionPoints = crlDistributionPointUris(value);
        break;
      case OID.authorityInfoAccess: // §4.2.2.1: SEQUENCE OF AccessDescription { accessMethod, accessLocation GeneralName }
        for (const description of sequence(value, 'authority information access')) {
          const [method, location] = sequence(description, 'access description');
          const uri = uriOf(location);
          if (oid(method, 'access method') === OID.ocsp && uri) cert.ocspUrls.push(uri);
        }
        break;
      case OID.extKeyUsage: // §4.2.1.12: SEQUENCE SIZE (1..MAX) OF KeyPurposeId
        cert.extendedKeyUsage = sequence(value, 'extended key usage').map((purpose) => oid(purpose, 'key purpose'));
        break;
    }
  }
}

/**
 * CRLDistributionPoints ::= SEQUENCE OF DistributionPoint { distributionPoint [0] DistributionPointName
 * OPTIONAL, reasons [1], cRLIssuer [2] }, DistributionPointName ::= CHOICE { fullName [0] GeneralNames, ... }
 * (§4.2.1.13): the URIs of the full names. A point limited to some reasons or naming another CRL issuer
 * is left out: its CRL alone does not say a certificate is good.
 */
function crlDistributionPointUris(value: Node): string[] {
  const uris: string[] = [];
  for (const point of sequence(value, 'CRL distribution points')) {
    const fields = sequence(point, 'distribution point');
    if (fields.some((field) => isContext(field, 1) || isContext(field, 2))) continue;
    const name = fields.find((field) => isContext(field, 0));
    const fullName = name && children(name, 'distribution point name').find((field) => isContext(field, 0));
    if (!fullName) continue;
    for (const general of children(fullName, 'full name')) {
      const uri = uriOf(general);
      if (uri) uris.push(uri);
    }
  }
  return uris;
}

/** GeneralName's uniformResourceIdentifier [6] IMPLICIT IA5String (§4.2.1.6); undefined for other names. */
function uriOf(node: Node | undefined): string | undefined {
  if (!isContext(node, 6, false)) return undefined;
  return Buffer.from(primitiveContent(node!)).toString('latin1');
}

/** KeyUsage ::= BIT STRING (RFC 5280 §4.2.1.3; X.690 §8.6: the first octet counts the unused bits). */
function keyUsageBits(value: Node): number {
  const content = primitiveContent(expectUniversal(value, TAG.BIT_STRING, 'key usage'));
  if (content.length < 1 || content[0] > 7) throw new Asn1Error('bad-value', 'malformed key usage');
  let bits = 0;
  for (let bit = 0; bit < 9 && 1 + (bit >> 3) < content.length; bit++) {
    if ((content[1 + (bit >> 3)] >> (7 - (bit & 7))) & 1) bits |= 1 << bit;
  }
  return bits;
}

function view(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}
