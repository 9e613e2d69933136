import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import { afterAll, describe, expect, it } from 'vitest';
import { KEY_USAGE, OID, pemToDerList, readCertificate, type Certificate } from '../../../shared/asn1';
import * as x509 from '../../../shared/signing/dev/peculiar-x509';
import { runTool } from '../signing/support/tools';
import { asn1ErrorCode } from './support/thrown';

/** The dev PKI's chains kept as fixtures: signer (personal, RSA / organization, EC) then issuing CA. */
const FIXTURES = join(import.meta.dirname, '..', 'signing', 'fixtures', 'golden-cms');
const chain = (name: string) => pemToDerList(readFileSync(join(FIXTURES, `${name}.chain.pem`), 'utf8'), 'CERTIFICATE');
const CERTIFICATES = [
  ['the RSA signer', chain('rsa')[0]], ['the RSA chain issuing CA', chain('rsa')[1]], ['the EC signer', chain('ec')[0]],
] as const;
const dir = mkdtempSync(join(tmpdir(), 'asn1-cert-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The fields openssl prints, read back into our terms. */
function opensslView(der: Uint8Array) {
  const file = join(dir, 'cert.der');
  writeFileSync(file, der);
  const result = runTool('openssl', ['x509', '-inform', 'DER', '-in', file, '-noout', '-serial', '-dates', '-subject', '-issuer',
    '-nameopt', 'RFC2253,-esc_msb', '-dateopt', 'iso_8601', '-ext', 'keyUsage,extendedKeyUsage,subjectKeyIdentifier,authorityKeyIdentifier,basicConstraints']);
  expect(result.status, result.stderr).toBe(0);
  const line = (prefix: string) => result.stdout.split('\n').find((l) => l.startsWith(prefix))?.slice(prefix.length);
  const after = (heading: string) => {
    const lines = result.stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith(heading));
    return at === -1 ? undefined : lines[at + 1].trim();
  };
  return {
    serial: BigInt(`0x${line('serial=')}`),
    notBefore: Date.parse(line('notBefore=')!.replace(' ', 'T')),
    notAfter: Date.parse(line('notAfter=')!.replace(' ', 'T')),
    subject: line('subject='),
    issuer: line('issuer='),
    keyUsage: after('X509v3 Key Usage'),
    extendedKeyUsage: after('X509v3 Extended Key Usage'),
    subjectKeyId: after('X509v3 Subject Key Identifier'),
    authorityKeyId: after('X509v3 Authority Key Identifier')?.replace(/^keyid:/, ''),
    basicConstraints: after('X509v3 Basic Constraints'),
  };
}

const SHORT_NAMES: Record<string, string> = { [OID.commonName]: 'CN', [OID.organization]: 'O', '2.5.4.11': 'OU', '2.5.4.6': 'C' };
/** RFC 2253 order: the last RDN first (our fixtures have one attribute per RDN). */
const rfc2253 = (attributes: Certificate['subject']) => [...attributes].reverse().map((a) => `${SHORT_NAMES[a.type]}=${a.value}`).join(',');
const OPENSSL_USAGES: Record<string, number> = {
  'Digital Signature': KEY_USAGE.digitalSignature, 'Non Repudiation': KEY_USAGE.nonRepudiation, 'Key Encipherment': KEY_USAGE.keyEncipherment,
  'Certificate Sign': KEY_USAGE.keyCertSign, 'CRL Sign': KEY_USAGE.cRLSign,
};
const OPENSSL_PURPOSES: Record<string, string> = { 'E-mail Protection': '1.3.6.1.5.5.7.3.4' };
const colonHex = (bytes: Uint8Array | undefined) => bytes && Buffer.from(bytes).toString('hex').toUpperCase().match(/../g)!.join(':');

describe('Function: readCertificate', () => {
  it.each(CERTIFICATES)('reads %s as openssl x509 does', (_label, der) => {
    // Act
    const cert = readCertificate(der);
    const openssl = opensslView(der);

    // Assess
    expect(BigInt(`0x${cert.serial.toString('hex')}`)).toBe(openssl.serial);
    expect([cert.notBefore, cert.notAfter]).toEqual([openssl.notBefore, openssl.notAfter]);
    expect(rfc2253(cert.subject)).toBe(openssl.subject);
    expect(rfc2253(cert.issuer)).toBe(openssl.issuer);
    const usages = openssl.keyUsage!.split(', ').reduce((bits, name) => bits | OPENSSL_USAGES[name], 0);
    expect(cert.keyUsage).toBe(usages);
    expect(cert.extendedKeyUsage).toEqual(openssl.extendedKeyUsage?.split(', ').map((p) => OPENSSL_PURPOSES[p] ?? p));
    expect(colonHex(cert.subjectKeyId)).toBe(openssl.subjectKeyId);
    expect(colonHex(cert.authorityKeyId)).toBe(openssl.authorityKeyId);
    const [ca, pathLen] = openssl.basicConstraints!.split(', ');
    expect(cert.isCa).toBe(ca === 'CA:TRUE');
    expect(cert.pathLen).toBe(pathLen ? Number(pathLen.replace('pathlen:', '')) : undefined);
  });

  it.each(CERTIFICATES)('reads %s as @peculiar/x509 does', (_label, der) => {
    // Act
    const cert = readCertificate(der);
    const theirs = new x509.X509Certificate(der as Uint8Array<ArrayBuffer>);

    // Assess
    expect(cert.version).toBe(3);
    expect(cert.serial.toString('hex').replace(/^00/, '')).toBe(theirs.serialNumber.toLowerCase().replace(/^00/, ''));
    expect([cert.notBefore, cert.notAfter]).toEqual([theirs.notBefore.getTime(), theirs.notAfter.getTime()]);
    expect(cert.commonName).toBe(theirs.subjectName.getField('CN')[0]);
    expect(cert.organization).toBe(theirs.subjectName.getField('O')[0]);
    expect(Buffer.from(cert.subjectDer).equals(Buffer.from(theirs.subjectName.toArrayBuffer()))).toBe(true);
    expect(Buffer.from(cert.issuerDer).equals(Buffer.from(theirs.issuerName.toArrayBuffer()))).toBe(true);
    expect(cert.keyUsage).toBe(theirs.getExtension(x509.KeyUsagesExtension)?.usages);
    expect(cert.extendedKeyUsage).toEqual(theirs.getExtension(x509.ExtendedKeyUsageExtension)?.usages);
    expect(cert.subjectKeyId?.toString('hex')).toBe(theirs.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId);
    expect(cert.authorityKeyId?.toString('hex')).toBe(theirs.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId);
    expect(cert.isCa).toBe(theirs.getExtension(x509.BasicConstraintsExtension)?.ca ?? false);
    expect(cert.extensions.map((e) => [e.id, e.critical])).toEqual(theirs.extensions.map((e) => [e.type, e.critical]));
    expect(Buffer.from(cert.subjectPublicKeyInfo).equals(Buffer.from(theirs.publicKey.rawData))).toBe(true);
  });

  it('keeps the serialNumber element as encoded, for IssuerAndSerialNumber', () => {
    // Prepare
    const [der] = chain('rsa');
    const tbs = (asn1js.fromBER(der as Uint8Array<ArrayBuffer>).result as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;

    // Act
    const cert = readCertificate(der);

    // Assess
    expect(Buffer.from(cert.serialDer).equals(Buffer.from(tbs.valueBlock.value[1].toBER()))).toBe(true);
  });

  it.each<[string, (der: Uint8Array) => Uint8Array, string]>([
    ['a truncated certificate', (der) => der.subarray(0, der.length - 10), 'truncated'],
    ['bytes after the certificate', (der) => Uint8Array.of(...der, 0x05, 0x00), 'trailing-data'],
    ['a SEQUENCE that is not a certificate', () => new Uint8Array(new asn1js.Sequence({ value: [new asn1js.Integer({ value: 1 })] }).toBER()), 'unexpected-type'],
    ['an extension that appears twice', withDuplicateExtension, 'bad-value'],
  ])('refuses %s with an Asn1Error %s', (_label, corrupt, code) => {
    // Act / Assess
    expect(asn1ErrorCode(() => readCertificate(corrupt(chain('rsa')[0])))).toBe(code);
  });
});

/** The certificate with its first extension repeated (re-encoded with asn1js; the signature no longer matters). */
function withDuplicateExtension(der: Uint8Array): Uint8Array {
  const certificate = asn1js.fromBER(der as Uint8Array<ArrayBuffer>).result as asn1js.Sequence;
  const tbs = certificate.valueBlock.value[0] as asn1js.Sequence;
  const explicit = tbs.valueBlock.value.at(-1) as asn1js.Constructed;
  const extensions = explicit.valueBlock.value[0] as asn1js.Sequence;
  extensions.valueBlock.value.push(extensions.valueBlock.value[0]);
  return new Uint8Array(certificate.toBER());
}
