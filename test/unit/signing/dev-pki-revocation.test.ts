import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pemToDerList, readCertificate, readCrl } from '../../../shared/asn1';
import { devCrl, devPkiPaths, ensureDevPki, issueDevCertificate, readDevIdentity, revokeDevIdentity } from '../../../shared/signing/dev/dev-pki';
import { AGENCY, OFFICIAL } from './support/test-pki';
import { runTool } from './support/tools';

/**
 * The dev CA publishes revocation data (RFC 5280 §4.2.1.13, §5): each certificate names its
 * issuer's CRL under the base URL the local stack serves, and a revocation reaches the CRL at once.
 */
const people = { officials: [OFFICIAL], agencies: [AGENCY] };
const BASE = 'http://localhost:4100/pki';
const cert = (pem: string) => readCertificate(pemToDerList(pem, 'CERTIFICATE')[0]);
let dir: string;
let pkiDir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dev-pki-rev-'));
  pkiDir = join(dir, 'pki');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function opensslText(pem: string): string {
  const file = join(dir, 'shown.pem');
  writeFileSync(file, pem);
  const result = runTool('openssl', ['x509', '-in', file, '-noout', '-text']);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

function opensslVerifiesCrl(der: Uint8Array, caPem: string): void {
  const crlFile = join(dir, 'x.crl');
  const caFile = join(dir, 'ca.pem');
  writeFileSync(crlFile, der);
  writeFileSync(caFile, caPem);
  const result = runTool('openssl', ['crl', '-inform', 'DER', '-in', crlFile, '-CAfile', caFile, '-noout', '-verify']);
  expect(result.status, result.stderr).toBe(0);
  expect(result.stdout + result.stderr).toMatch(/verify OK/);
}

describe('Function: ensureDevPki with a publication base URL', () => {
  it('has every certificate name its issuer\'s CRL there, and signs both CRLs', async () => {
    // Act
    const pki = await ensureDevPki(pkiDir, people, new Date(), { publicationBaseUrl: BASE });
    const adhoc = await issueDevCertificate(pkiDir, { kind: 'personal', commonName: 'Thử EC', organization: 'UBND' }, 'ECDSA-P256');

    // Assess
    for (const pem of [pki.officials[OFFICIAL.id].certPem, pki.agencies[AGENCY.id].certPem, adhoc.certPem]) {
      expect(opensslText(pem)).toMatch(/X509v3 CRL Distribution Points:\s*\n\s*Full Name:\s*\n\s*URI:http:\/\/localhost:4100\/pki\/issuing\.crl\n/);
      expect(cert(pem).crlDistributionPoints).toEqual([`${BASE}/issuing.crl`]);
    }
    expect(cert(pki.issuingCertPem).crlDistributionPoints).toEqual([`${BASE}/root.crl`]);
    expect(cert(pki.rootCertPem).crlDistributionPoints).toEqual([]);
    opensslVerifiesCrl((await devCrl(pkiDir, 'issuing'))!, pki.issuingCertPem);
    opensslVerifiesCrl((await devCrl(pkiDir, 'root'))!, pki.rootCertPem);
  });

  it('reissues the identities and recertifies the issuing CA (same key) when the base URL moves', async () => {
    // Prepare
    const before = await ensureDevPki(pkiDir, people, new Date(), { publicationBaseUrl: BASE });

    // Act
    const moved = await ensureDevPki(pkiDir, people, new Date(), { publicationBaseUrl: 'http://localhost:4200/pki' });

    // Assess
    const official = cert(moved.officials[OFFICIAL.id].certPem);
    expect(official.crlDistributionPoints).toEqual(['http://localhost:4200/pki/issuing.crl']);
    expect(cert(moved.agencies[AGENCY.id].certPem).crlDistributionPoints).toEqual(['http://localhost:4200/pki/issuing.crl']);
    expect(cert(moved.issuingCertPem).crlDistributionPoints).toEqual(['http://localhost:4200/pki/root.crl']);
    expect(cert(moved.issuingCertPem).subjectPublicKeyInfo.equals(cert(before.issuingCertPem).subjectPublicKeyInfo)).toBe(true);
    expect(moved.rootCertPem).toBe(before.rootCertPem);
    const chain = join(dir, 'chain.pem');
    writeFileSync(chain, moved.issuingCertPem);
    const root = join(dir, 'root.pem');
    writeFileSync(root, moved.rootCertPem);
    const leaf = join(dir, 'leaf.pem');
    writeFileSync(leaf, moved.officials[OFFICIAL.id].certPem);
    const verified = runTool('openssl', ['verify', '-CAfile', root, '-untrusted', chain, '-purpose', 'any', leaf]);
    expect(verified.stdout + verified.stderr).toMatch(/OK/);
    expect(verified.status).toBe(0);
  });
});

describe('Function: revokeDevIdentity', () => {
  it('lists the certificate on a new CRL at once, keeps it in place for this run, replaces it at the next ensure', async () => {
    // Prepare
    const base = 'http://localhost:4300/pki';
    const pki = await ensureDevPki(pkiDir, people, new Date(), { publicationBaseUrl: base });
    const before = readCrl((await devCrl(pkiDir, 'issuing'))!);
    const revokedCert = cert(pki.officials[OFFICIAL.id].certPem);

    // Act
    const at = new Date(Date.now() + 1000);
    const entry = await revokeDevIdentity(pkiDir, 'official', OFFICIAL.id, 'keyCompromise', at);
    const crlDer = (await devCrl(pkiDir, 'issuing', at))!;
    const stillThere = await readDevIdentity(pkiDir, 'official', OFFICIAL.id);
    const nextStart = await ensureDevPki(pkiDir, people, new Date(), { publicationBaseUrl: base });

    // Assess
    const second = Math.floor(at.getTime() / 1000) * 1000;
    expect(entry).toMatchObject({ serial: revokedCert.serial.toString('hex'), revokedAt: new Date(second).toISOString(), reason: 'keyCompromise' });
    const crl = readCrl(crlDer);
    expect(crl.revoked).toEqual([expect.objectContaining({ revokedAt: second, reason: 'keyCompromise' })]);
    expect(crl.revoked[0].serial.equals(revokedCert.serial)).toBe(true);
    expect(parseInt(crl.crlNumber!.toString('hex'), 16)).toBe(parseInt(before.crlNumber!.toString('hex'), 16) + 1);
    opensslVerifiesCrl(crlDer, pki.issuingCertPem);
    expect(stillThere.certPem).toBe(pki.officials[OFFICIAL.id].certPem);
    const renewed = cert(nextStart.officials[OFFICIAL.id].certPem);
    expect(renewed.serial.equals(revokedCert.serial)).toBe(false);
    expect(nextStart.agencies[AGENCY.id].certPem).toBe(pki.agencies[AGENCY.id].certPem);
    expect(JSON.parse(readFileSync(devPkiPaths(pkiDir).revocations('issuing'), 'utf8')).revoked).toHaveLength(1);
  });
});
