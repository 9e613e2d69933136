import {
  TAG, children, expectUniversal, integerBytes, isContext, isUniversal, octets, oid, parseSingle, primitiveContent, rawBytes, sequence, smallInteger, time,
  type Node,
} from './der-reader';
import { Asn1Error } from './errors';
import { OID } from './oids';
import { nameAttributes, type NameAttribute } from './certificate';

/** CRLReason (RFC 5280 §5.3.1); 7 is not used. */
export const CRL_REASONS = {
  0: 'unspecified',
  1: 'keyCompromise',
  2: 'cACompromise',
  3: 'affiliationChanged',
  4: 'superseded',
  5: 'cessationOfOperation',
  6: 'certificateHold',
  8: 'removeFromCRL',
  9: 'privilegeWithdrawn',
  10: 'aACompromise',
} as const;
export type CrlReason = (typeof CRL_REASONS)[keyof typeof CRL_REASONS];

/** One revokedCertificates entry. */
export interface RevokedEntry {
  /** Content octets of the userCertificate INTEGER, compared with Certificate.serial. */
  serial: Buffer;
  revokedAt: number;
  /** The reasonCode entry extension; absent means unspecified (§5.3.1). */
  reason?: CrlReason;
}

/** A CRL's fields as encoded; byte fields are views into the input. */
export interface Crl {
  der: Buffer;
  /** 1 or 2. */
  version: number;
  /** DER of the issuer Name, compared byte for byte with the issuer certificate's subject. */
  issuerDer: Buffer;
  issuer: NameAttribute[];
  thisUpdate: number;
  nextUpdate?: number;
  revoked: RevokedEntry[];
  /** The cRLNumber extension's content octets (§5.2.3). */
  crlNumber?: Buffer;
  /** The authorityKeyIdentifier's keyIdentifier (§5.2.1). */
  authorityKeyId?: Buffer;
  /** The whole tbsCertList element as encoded: what the signature covers. */
  tbs: Buffer;
  signatureAlgorithm: string;
  /** The AlgorithmIdentifier's DER (parameters included, e.g. RSASSA-PSS). */
  signatureAlgorithmDer: Buffer;
  /** The signature bits (the BIT STRING's unused-bits octet removed). */
  signature: Buffer;
}

/**
 * Reads a DER CertificateList (RFC 5280 §5.1): SEQUENCE { tbsCertList, signatureAlgorithm,
 * signatureValue BIT STRING }, TBSCertList ::= SEQUENCE { version INTEGER OPTIONAL (v2), signature,
 * issuer, thisUpdate, nextUpdate OPTIONAL, revokedCertificates SEQUENCE OF SEQUENCE
 * { userCertificate, revocationDate, crlEntryExtensions OPTIONAL } OPTIONAL, crlExtensions [0]
 * EXPLICIT OPTIONAL }. Only the structure is read; the signature is checked by the caller against
 * the issuer's key. Throws Asn1Error when it is not a CRL, and on a critical extension it does not
 * know (§5.2: such a CRL must not be used).
 */
export function readCrl(der: Uint8Array): Crl {
  const bytes = Buffer.from(der.buffer, der.byteOffset, der.length);
  const parts = sequence(parseSingle(bytes, 'the CRL'), 'CertificateList');
  if (parts.length !== 3) throw new Asn1Error('unexpected-type', 'a CertificateList has three elements');
  const [tbsNode, algorithmNode, signatureNode] = parts;
  const algorithm = oid(sequence(algorithmNode, 'CertificateList.signatureAlgorithm')[0], 'CertificateList.signatureAlgorithm');
  const bits = primitiveContent(expectUniversal(signatureNode, TAG.BIT_STRING, 'CertificateList.signatureValue'));
  if (bits.length < 2 || bits[0] !== 0) throw new Asn1Error('bad-value', 'the CRL signature is not whole octets');
  const tbs = sequence(tbsNode, 'TBSCertList');
  let i = 0;
  const version = isUniversal(tbs[0], TAG.INTEGER) ? smallInteger(tbs[i++], 'TBSCertList.version') + 1 : 1;
  const innerAlgorithm = oid(sequence(tbs[i++], 'TBSCertList.signature')[0], 'TBSCertList.signature');
  // §5.1.1.2: the two must be the same, or the outer one could be swapped for a weaker one.
  if (innerAlgorithm !== algorithm) throw new Asn1Error('bad-value', 'the CRL names two different signature algorithms');
  const issuerNode = tbs[i++];
  const thisUpdate = time(tbs[i++], 'TBSCertList.thisUpdate');
  const crl: Crl = {
    der: bytes,
    version,
    issuerDer: view(rawBytes(issuerNode)),
    issuer: nameAttributes(issuerNode, 'CRL issuer'),
    thisUpdate,
    revoked: [],
    tbs: view(rawBytes(tbsNode)),
    signatureAlgorithm: algorithm,
    signatureAlgorithmDer: view(rawBytes(algorithmNode)),
    signature: view(bits.subarray(1)),
  };
  if (isUniversal(tbs[i], TAG.UTC_TIME) || isUniversal(tbs[i], TAG.GENERALIZED_TIME)) crl.nextUpdate = time(tbs[i++], 'TBSCertList.nextUpdate');
  if (isUniversal(tbs[i], TAG.SEQUENCE)) crl.revoked = sequence(tbs[i++], 'revokedCertificates').map(revokedEntry);
  if (isContext(tbs[i], 0)) readCrlExtensions(sequence(children(tbs[i++], 'crlExtensions')[0], 'crlExtensions'), crl);
  if (i !== tbs.length) throw new Asn1Error('unexpected-type', 'TBSCertList has unexpected elements');
  return crl;
}

/** Whether `serial` (content octets of a certificate's serialNumber) is on the CRL, and how. */
export function findRevoked(crl: Crl, serial: Uint8Array): RevokedEntry | undefined {
  return crl.revoked.find((entry) => Buffer.compare(entry.serial, serial) === 0);
}

function revokedEntry(node: Node): RevokedEntry {
  const fields = sequence(node, 'revoked certificate');
  const entry: RevokedEntry = { serial: view(integerBytes(fields[0], 'userCertificate')), revokedAt: time(fields[1], 'revocationDate') };
  if (fields[2]) {
    for (const { id, critical, value } of extensions(sequence(fields[2], 'crlEntryExtensions'))) {
      if (id === OID.crlReason) {
        const content = primitiveContent(expectUniversal(parseSingle(value, 'reasonCode'), TAG.ENUMERATED, 'reasonCode'));
        const code = content.length === 1 ? content[0] : -1;
        const reason = (CRL_REASONS as Record<number, CrlReason | undefined>)[code];
        if (!reason) throw new Asn1Error('bad-value', `unknown CRL reason ${code}`);
        entry.reason = reason;
      } else if (critical) {
        // §5.3: an unrecognised critical entry extension (e.g. certificateIssuer of an indirect CRL) makes the CRL unusable.
        throw new Asn1Error('bad-value', `the CRL entry has an unknown critical extension ${id}`);
      }
    }
  }
  return entry;
}

function readCrlExtensions(nodes: Node[], crl: Crl): void {
  for (const { id, critical, value } of extensions(nodes)) {
    switch (id) {
      case OID.crlNumber: // §5.2.3
        crl.crlNumber = view(integerBytes(parseSingle(value, 'cRLNumber'), 'cRLNumber'));
        break;
      case OID.authorityKeyIdentifier: { // §5.2.1
        const keyId = sequence(parseSingle(value, 'authority key identifier'), 'authority key identifier').find((field) => isContext(field, 0));
        if (keyId) crl.authorityKeyId = view(octets(keyId, 'authority key identifier', 0));
        break;
      }
      default:
        // §5.2: delta CRLs, issuing distribution points and the like are not used here; refusing
        // them keeps a partial CRL from passing for a complete one.
        if (critical) throw new Asn1Error('bad-value', `the CRL has an unknown critical extension ${id}`);
    }
  }
}

function extensions(nodes: Node[]): { id: string; critical: boolean; value: Uint8Array }[] {
  const seen = new Set<string>();
  return nodes.map((node) => {
    const parts = sequence(node, 'extension');
    const id = oid(parts[0], 'extension id');
    if (seen.has(id)) throw new Asn1Error('bad-value', `extension ${id} appears twice`);
    seen.add(id);
    const critical = parts.length === 3 && isUniversal(parts[1], TAG.BOOLEAN) && primitiveContent(parts[1])[0] !== 0;
    return { id, critical, value: octets(parts[parts.length - 1], 'extension value') };
  });
}

function view(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}
