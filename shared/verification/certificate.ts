import { X509Certificate, createHash, type KeyObject } from 'node:crypto';
import {
  TAG, children, directoryString, integerBytes, isContext, isUniversal, octets, oid, parseSingle, primitiveContent,
  rawBytes, sequence, smallInteger, time, type Node,
} from './asn1';
import { MalformedFileError } from './errors';

/** Key usage bits (RFC 5280 §4.2.1.3), bit i as 1 << i. */
export const KEY_USAGE = {
  digitalSignature: 1 << 0,
  nonRepudiation: 1 << 1,
  keyCertSign: 1 << 5,
} as const;

/** What the verifier needs from one X.509 certificate, read once and cached by fingerprint. */
export interface CertInfo {
  der: Buffer;
  /** SHA-256 of the DER, hex: the cache key and the ESS certHash for SHA-256. */
  fingerprint: string;
  x509: X509Certificate;
  publicKey: KeyObject;
  /** DER of the issuer and subject Names, compared byte for byte when chaining. */
  issuerDer: Buffer;
  subjectDer: Buffer;
  /** Content octets of the serial number INTEGER. */
  serial: Buffer;
  notBefore: number;
  notAfter: number;
  /** Key usage bits, undefined when the extension is absent. */
  keyUsage?: number;
  isCa: boolean;
  pathLen?: number;
  subjectKeyId?: Buffer;
  authorityKeyId?: Buffer;
  /** Critical extensions this verifier does not understand: such a certificate must be refused. */
  unknownCritical: string[];
  commonName?: string;
  organization?: string;
}

const EXT = {
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  subjectKeyId: '2.5.29.14',
  authorityKeyId: '2.5.29.35',
} as const;
/** Extensions that may be critical without changing what this verifier decides. */
const UNDERSTOOD = new Set<string>([
  EXT.keyUsage, EXT.basicConstraints, EXT.subjectKeyId, EXT.authorityKeyId,
  '2.5.29.37', // extended key usage
  '2.5.29.32', // certificate policies
  '2.5.29.17', // subject alternative name
  '2.5.29.18', // issuer alternative name
  '2.5.29.31', // CRL distribution points
  '1.3.6.1.5.5.7.1.1', // authority information access
]);
const CN = '2.5.4.3';
const O = '2.5.4.10';

/** Parses a DER certificate; throws (MalformedFileError or node's error) when it is not one. */
export function parseCertificate(der: Uint8Array): CertInfo {
  const bytes = Buffer.from(der.buffer, der.byteOffset, der.length);
  const cert = sequence(parseSingle(bytes, 'certificate'), 'certificate');
  if (cert.length !== 3) throw new MalformedFileError('a certificate has three parts');
  const tbs = sequence(cert[0], 'TBSCertificate');
  let i = 0;
  if (tbs[i] && isContext(tbs[i], 0)) i++; // [0] EXPLICIT version
  const serial = Buffer.from(integerBytes(tbs[i++], 'serial number'));
  i++; // signature algorithm (the outer one is what is verified)
  const issuer = tbs[i++];
  const validity = sequence(tbs[i++], 'validity');
  const subject = tbs[i++];
  i++; // subject public key info (node reads it)
  sequence(issuer, 'issuer');
  sequence(subject, 'subject');
  const x509 = new X509Certificate(bytes);
  const info: CertInfo = {
    der: bytes,
    fingerprint: createHash('sha256').update(bytes).digest('hex'),
    x509,
    publicKey: x509.publicKey,
    issuerDer: Buffer.from(rawBytes(issuer)),
    subjectDer: Buffer.from(rawBytes(subject)),
    serial,
    notBefore: time(validity[0], 'notBefore'),
    notAfter: time(validity[1], 'notAfter'),
    isCa: false,
    unknownCritical: [],
    commonName: nameAttribute(subject, CN),
    organization: nameAttribute(subject, O),
  };
  for (; i < tbs.length; i++) {
    if (isContext(tbs[i], 3)) readExtensions(sequence(children(tbs[i], 'extensions')[0], 'extensions'), info);
  }
  return info;
}

function readExtensions(extensions: Node[], info: CertInfo): void {
  const seen = new Set<string>();
  for (const extension of extensions) {
    const parts = sequence(extension, 'extension');
    const id = oid(parts[0], 'extension id');
    if (seen.has(id)) throw new MalformedFileError(`extension ${id} appears twice`);
    seen.add(id);
    const critical = parts.length === 3 && isUniversal(parts[1], TAG.BOOLEAN) && primitiveContent(parts[1])[0] !== 0;
    const value = parseSingle(octets(parts[parts.length - 1], 'extension value'), `extension ${id}`);
    if (critical && !UNDERSTOOD.has(id)) info.unknownCritical.push(id);
    switch (id) {
      case EXT.keyUsage:
        info.keyUsage = keyUsageBits(value);
        break;
      case EXT.basicConstraints: {
        const fields = sequence(value, 'basic constraints');
        let k = 0;
        if (fields[k] && isUniversal(fields[k], TAG.BOOLEAN)) info.isCa = primitiveContent(fields[k++])[0] !== 0;
        if (fields[k]) info.pathLen = smallInteger(fields[k], 'path length');
        break;
      }
      case EXT.subjectKeyId:
        info.subjectKeyId = Buffer.from(octets(value, 'subject key identifier'));
        break;
      case EXT.authorityKeyId: {
        const keyId = sequence(value, 'authority key identifier').find((field) => isContext(field, 0));
        if (keyId) info.authorityKeyId = Buffer.from(primitiveContent(keyId));
        break;
      }
    }
  }
}

function keyUsageBits(value: Node): number {
  if (!isUniversal(value, TAG.BIT_STRING)) throw new MalformedFileError('key usage is not a BIT STRING');
  const content = primitiveContent(value);
  if (content.length < 1 || content[0] > 7) throw new MalformedFileError('malformed key usage');
  let bits = 0;
  for (let bit = 0; bit < 9 && 1 + (bit >> 3) < content.length; bit++) {
    if ((content[1 + (bit >> 3)] >> (7 - (bit & 7))) & 1) bits |= 1 << bit;
  }
  return bits;
}

/** The first value of an attribute (CN, O) in a Name, decoded. */
function nameAttribute(name: Node, type: string): string | undefined {
  for (const rdn of sequence(name, 'name')) {
    for (const atv of sequence(rdn, 'relative distinguished name', TAG.SET)) {
      const [attrType, value] = sequence(atv, 'attribute');
      if (oid(attrType, 'attribute type') === type && value) return directoryString(value);
    }
  }
  return undefined;
}
