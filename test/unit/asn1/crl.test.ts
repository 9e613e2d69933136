import { createPublicKey, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRevoked, pemToDerList, readCertificate, readCrl } from '../../../shared/asn1';
import { createDevCertificateAuthorities, issueDevSigningCertificate, signDevCrl, type IssuedCertificate } from '../../../shared/signing/dev/dev-certificates';
import * as x509 from '../../../shared/signing/dev/peculiar-x509';
import { runTool } from '../signing/support/tools';
import { asn1ErrorCode } from './support/thrown';

/**
 * readCrl (RFC 5280 §5) against CRLs written by two independent implementations — @peculiar/x509
 * (the dev CA) and `openssl ca -gencrl` — with openssl's own reading as the reference.
 */
const dir = mkdtempSync(join(tmpdir(), 'asn1-crl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

/** What `openssl crl -text` prints: update times, CRL number, and each revoked serial with its reason. */
function opensslCrl(der: Uint8Array) {
  const result = runTool('openssl', ['crl', '-inform', 'DER', '-in', file('view.crl', der), '-noout', '-text', '-dateopt', 'iso_8601']);
  expect(result.status, result.stderr).toBe(0);
  const text = result.stdout;
  const at = (label: string) => Date.parse(/^\s*(?:Last|Next) Update: (.+)$/m.exec(text.slice(text.indexOf(label)))![1].trim().replace(' ', 'T'));
  return {
    thisUpdate: at('Last Update'),
    nextUpdate: at('Next Update'),
    crlNumber: /CRL Number:\s*\n\s*(\S+)/.exec(text)?.[1],
    serials: [...text.matchAll(/Serial Number: ([0-9A-F]+)/g)].map((m) => m[1].toLowerCase()),
    reasons: [...text.matchAll(/CRL Reason Code:\s*\n\s*(.+)/g)].map((m) => m[1].trim()),
  };
}

let ca: { root: IssuedCertificate; issuing: IssuedCertificate };
beforeAll(async () => {
  ca = await createDevCertificateAuthorities(new Date('2026-01-01T00:00:00Z'), { crlUrl: 'http://ca.example/root.crl' });
});

describe('Function: readCrl', () => {
  it('reads a CRL the dev CA signed (@peculiar/x509) as openssl does, and its signature verifies over tbs', async () => {
    // Prepare
    const revoked = [
      { serial: '7f01020304050607', revokedAt: '2026-02-03T04:05:06.000Z', reason: 'keyCompromise' as const },
      { serial: '0a0b0c', revokedAt: '2026-02-04T00:00:00.000Z', reason: 'superseded' as const },
    ];
    const der = await signDevCrl(ca.issuing, revoked, 42, new Date('2026-03-01T00:00:00Z'), new Date('2026-03-02T00:00:00Z'));

    // Act
    const crl = readCrl(der);

    // Assess
    const reference = opensslCrl(der);
    expect(crl.version).toBe(2);
    expect(crl.thisUpdate).toBe(reference.thisUpdate);
    expect(crl.nextUpdate).toBe(reference.nextUpdate);
    expect(parseInt(crl.crlNumber!.toString('hex'), 16)).toBe(Number(reference.crlNumber));
    expect(crl.revoked.map((r) => r.serial.toString('hex'))).toEqual(reference.serials);
    expect(crl.revoked.map((r) => r.reason)).toEqual(['keyCompromise', 'superseded']);
    expect(reference.reasons).toEqual(['Key Compromise', 'Superseded']);
    expect(crl.revoked.map((r) => new Date(r.revokedAt).toISOString())).toEqual(revoked.map((r) => r.revokedAt));
    const issuing = readCertificate(pemToDerList(ca.issuing.certPem, 'CERTIFICATE')[0]);
    expect(crl.issuerDer.equals(issuing.subjectDer)).toBe(true);
    expect(crl.authorityKeyId?.equals(issuing.subjectKeyId!)).toBe(true);
    expect(verify('sha256', crl.tbs, createPublicKey({ key: issuing.subjectPublicKeyInfo, format: 'der', type: 'spki' }), crl.signature)).toBe(true);
    expect(findRevoked(crl, Buffer.from('0a0b0c', 'hex'))?.reason).toBe('superseded');
    expect(findRevoked(crl, Buffer.from('0a0b0d', 'hex'))).toBeUndefined();
  });

  it('reads a CRL written by `openssl ca -gencrl` from a CA database with a revoked entry', () => {
    // Prepare: an openssl CA whose index lists one revoked and one valid certificate
    const key = file('ca.key', ca.issuing.keyPem);
    const cert = file('ca.pem', ca.issuing.certPem);
    file('index.txt', 'R\t360101000000Z\t260203040506Z,keyCompromise\t1234ABCD\tunknown\t/CN=revoked\nV\t360101000000Z\t\t5678\tunknown\t/CN=valid\n');
    file('crlnumber', '1000\n');
    const config = file('ca.cnf', `[ ca ]\ndefault_ca = dev\n[ dev ]\ndatabase = ${join(dir, 'index.txt')}\ncrlnumber = ${join(dir, 'crlnumber')}\ndefault_md = sha256\ndefault_crl_days = 7\ncrl_extensions = crl_ext\n[ crl_ext ]\nauthorityKeyIdentifier = keyid:always\n`);
    const out = join(dir, 'openssl.crl');
    const made = runTool('openssl', ['ca', '-gencrl', '-batch', '-config', config, '-keyfile', key, '-cert', cert, '-out', out]);
    expect(made.status, made.stderr).toBe(0);
    const der = pemToDerList(readFileSync(out, 'utf8'), 'X509 CRL')[0];

    // Act
    const crl = readCrl(der);

    // Assess
    const reference = opensslCrl(der);
    expect(crl.revoked.map((r) => r.serial.toString('hex'))).toEqual(['1234abcd']);
    expect(reference.serials).toEqual(['1234abcd']);
    expect(crl.revoked[0]).toMatchObject({ revokedAt: Date.parse('2026-02-03T04:05:06Z'), reason: 'keyCompromise' });
    expect(crl.crlNumber?.toString('hex')).toBe('1000');
    expect(crl.thisUpdate).toBe(reference.thisUpdate);
    expect(crl.nextUpdate! - crl.thisUpdate).toBe(7 * 24 * 3600 * 1000);
    const issuing = readCertificate(pemToDerList(ca.issuing.certPem, 'CERTIFICATE')[0]);
    expect(verify('sha256', crl.tbs, createPublicKey({ key: issuing.subjectPublicKeyInfo, format: 'der', type: 'spki' }), crl.signature)).toBe(true);
  });

  it('refuses what is not a usable CRL: a truncated one, a certificate, an unknown critical extension', async () => {
    // Prepare
    const der = await signDevCrl(ca.issuing, [], 1, new Date('2026-03-01T00:00:00Z'), new Date('2026-03-02T00:00:00Z'));
    const issuerCert = new x509.X509Certificate(ca.issuing.certPem);
    const key = await crypto.subtle.importKey('pkcs8', pemToDerList(ca.issuing.keyPem, 'PRIVATE KEY')[0] as Uint8Array<ArrayBuffer>,
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
    // issuingDistributionPoint (§5.2.5), critical: a partial CRL must not pass for a complete one.
    const partial = await x509.X509CrlGenerator.create({
      issuer: issuerCert.subjectName, thisUpdate: new Date('2026-03-01T00:00:00Z'), nextUpdate: new Date('2026-03-02T00:00:00Z'),
      signingKey: key, signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5' }, extensions: [new x509.Extension('2.5.29.28', true, new Uint8Array([0x30, 0x03, 0x84, 0x01, 0xff]))],
    }, crypto);

    // Act + Assess
    expect(asn1ErrorCode(() => readCrl(der.subarray(0, der.length - 10)))).toBeDefined();
    expect(asn1ErrorCode(() => readCrl(pemToDerList(ca.issuing.certPem, 'CERTIFICATE')[0]))).toBeDefined();
    expect(asn1ErrorCode(() => readCrl(new Uint8Array(partial.rawData)))).toBe('bad-value');
  });
});

describe('Function: readCertificate (revocation pointers)', () => {
  it('reads the CRL distribution point and the OCSP responder that openssl shows', async () => {
    // Prepare
    const issued = await issueDevSigningCertificate({ ...ca.issuing, publication: { crlUrl: 'http://ca.example/pki/issuing.crl', ocspUrl: 'http://ca.example/pki/ocsp' } },
      { kind: 'personal', commonName: 'Trần Thị Bình', organization: 'UBND' }, new Date('2026-01-02T00:00:00Z'));
    const der = pemToDerList(issued.certPem, 'CERTIFICATE')[0];

    // Act
    const cert = readCertificate(der);

    // Assess
    const shown = runTool('openssl', ['x509', '-in', file('ee.pem', issued.certPem), '-noout', '-text']);
    expect(shown.stdout).toMatch(/X509v3 CRL Distribution Points:\s*\n\s*Full Name:\s*\n\s*URI:http:\/\/ca\.example\/pki\/issuing\.crl/);
    expect(shown.stdout).toMatch(/OCSP - URI:http:\/\/ca\.example\/pki\/ocsp/);
    expect(cert.crlDistributionPoints).toEqual(['http://ca.example/pki/issuing.crl']);
    expect(cert.ocspUrls).toEqual(['http://ca.example/pki/ocsp']);
    const issuing = readCertificate(pemToDerList(ca.issuing.certPem, 'CERTIFICATE')[0]);
    expect(issuing.crlDistributionPoints).toEqual(['http://ca.example/root.crl']);
    expect(readCertificate(pemToDerList(ca.root.certPem, 'CERTIFICATE')[0]).crlDistributionPoints).toEqual([]);
  });
});
