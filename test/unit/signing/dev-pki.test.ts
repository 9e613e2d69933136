import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevSigner, devPkiPaths, ensureDevPki, readDevIdentity, type DevPki } from '../../../shared/signing/dev/dev-pki';
import { SigningError } from '../../../shared/signing/errors';
import { pemToDerList } from '../../../shared/asn1';
import { AGENCY, OFFICIAL, createTestPki, type TestPki } from './support/test-pki';
import { runTool } from './support/tools';

const EKU = '2.5.29.37';
const KEY_USAGE = '2.5.29.15';
const UTF8_STRING_TAG = 12;

function parse(pem: string) {
  return pkijs.Certificate.fromBER(pemToDerList(pem, 'CERTIFICATE')[0] as Uint8Array<ArrayBuffer>);
}

function nameValue(name: pkijs.RelativeDistinguishedNames, oid: string) {
  return name.typesAndValues.find((t) => t.type === oid)?.value as asn1js.BaseStringBlock | undefined;
}

function filesWithMtimes(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else out[path] = statSync(path).mtimeMs;
    }
  };
  walk(dir);
  return out;
}

describe('Function: ensureDevPki', () => {
  let env: TestPki;
  let pki: DevPki;
  beforeAll(async () => {
    env = await createTestPki();
    pki = env.pki;
  });
  afterAll(() => env.cleanup());

  it('reads the PKI back on a second call instead of regenerating it', async () => {
    // Prepare
    const before = filesWithMtimes(env.pkiDir);

    // Act
    const again = await ensureDevPki(env.pkiDir, { officials: [OFFICIAL], agencies: [AGENCY] });

    // Assess
    expect(again).toEqual(pki);
    expect(filesWithMtimes(env.pkiDir)).toEqual(before);
  });

  it('adds a missing identity without touching the existing ones', async () => {
    // Prepare
    const before = filesWithMtimes(env.pkiDir);
    const newcomer = { id: 'dev-official-2', fullName: 'Hoàng Văn Em', agencyName: OFFICIAL.agencyName };

    // Act
    const grown = await ensureDevPki(env.pkiDir, { officials: [OFFICIAL, newcomer], agencies: [AGENCY] });

    // Assess
    expect(grown.officials[OFFICIAL.id]).toEqual(pki.officials[OFFICIAL.id]);
    expect(grown.officials[newcomer.id].certPem).not.toEqual(pki.officials[OFFICIAL.id].certPem);
    const after = filesWithMtimes(env.pkiDir);
    for (const [file, mtime] of Object.entries(before)) expect(after[file]).toBe(mtime);
  });

  it('reissues an identity whose name changed, keeping the CAs', async () => {
    // Act
    const renamed = await ensureDevPki(env.pkiDir, { officials: [{ ...OFFICIAL, id: 'dev-official-2', fullName: 'Hoàng Văn Em Mới' }], agencies: [] });

    // Assess
    expect(new X509Certificate(renamed.officials['dev-official-2'].certPem).subject).toContain('CN=Hoàng Văn Em Mới');
    expect(renamed.rootCertPem).toBe(pki.rootCertPem);
  });

  it('marks root and issuing CA as DEV ONLY — NOT FOR PRODUCTION in CN and O', () => {
    for (const pem of [pki.rootCertPem, pki.issuingCertPem]) {
      // Act
      const cert = parse(pem);

      // Assess
      expect(nameValue(cert.subject, '2.5.4.3')?.valueBlock.value).toMatch(/^DEV ONLY — NOT FOR PRODUCTION (Root|Issuing) CA$/);
      expect(nameValue(cert.subject, '2.5.4.10')?.valueBlock.value).toBe('DEV ONLY — NOT FOR PRODUCTION');
    }
  });

  it('issues the official a personal certificate: CN full name and O agency, both UTF8String', () => {
    // Act
    const cert = parse(pki.officials[OFFICIAL.id].certPem);

    // Assess
    const cn = nameValue(cert.subject, '2.5.4.3')!;
    const o = nameValue(cert.subject, '2.5.4.10')!;
    expect([cn.valueBlock.value, o.valueBlock.value]).toEqual([OFFICIAL.fullName, OFFICIAL.agencyName]);
    expect([cn.idBlock.tagNumber, o.idBlock.tagNumber]).toEqual([UTF8_STRING_TAG, UTF8_STRING_TAG]);
  });

  it('issues the agency a seal certificate named after the agency', () => {
    // Act
    const cert = parse(pki.agencies[AGENCY.id].certPem);

    // Assess
    expect(nameValue(cert.subject, '2.5.4.3')?.valueBlock.value).toBe(AGENCY.name);
    expect(nameValue(cert.subject, '2.5.4.10')?.valueBlock.value).toBe(AGENCY.name);
  });

  it('gives signing certificates digitalSignature + nonRepudiation, document-signing EKU, years of validity and random serials', () => {
    // Prepare
    const certs = [pki.officials[OFFICIAL.id].certPem, pki.agencies[AGENCY.id].certPem].map((pem) => new X509Certificate(pem));

    for (const cert of certs) {
      // Act
      const ext = (oid: string) => parse(cert.toString()).extensions!.find((e) => e.extnID === oid)!;
      const keyUsage = ext(KEY_USAGE).parsedValue as asn1js.BitString;

      // Assess
      expect(ext(KEY_USAGE).critical).toBe(true);
      expect(keyUsage.valueBlock.valueHexView[0] & 0xc0).toBe(0xc0); // bit 0 digitalSignature, bit 1 nonRepudiation
      expect(keyUsage.valueBlock.valueHexView[0] & 0x3f).toBe(0);
      expect((ext(EKU).parsedValue as pkijs.ExtKeyUsage).keyPurposes).toEqual(['1.3.6.1.5.5.7.3.36', '1.3.6.1.5.5.7.3.4']);
      expect(cert.ca).toBe(false);
      const years = (Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / (365 * 24 * 3600 * 1000);
      expect(years).toBeGreaterThan(4);
    }
    expect(certs[0].serialNumber).not.toBe(certs[1].serialNumber);
    expect(certs[0].serialNumber).toMatch(/^[0-7][0-9A-F]{31}$/);
  });

  it('gives the TSA a certificate with the one critical timeStamping EKU (RFC 3161 §2.3) and digitalSignature + nonRepudiation', () => {
    // Prepare
    const cert = parse(pki.tsa.certPem);

    // Act
    const ext = (oid: string) => cert.extensions!.find((e) => e.extnID === oid)!;
    const keyUsage = ext(KEY_USAGE).parsedValue as asn1js.BitString;

    // Assess
    expect(ext(EKU).critical).toBe(true);
    expect((ext(EKU).parsedValue as pkijs.ExtKeyUsage).keyPurposes).toEqual(['1.3.6.1.5.5.7.3.8']);
    expect(ext(KEY_USAGE).critical).toBe(true);
    expect(keyUsage.valueBlock.valueHexView[0] & 0xff).toBe(0xc0);
    expect(new X509Certificate(pki.tsa.certPem).checkIssued(new X509Certificate(pki.issuingCertPem))).toBe(true);
  });

  it('adds the TSA identity to a data directory made before the TSA existed, leaving the others', async () => {
    // Prepare
    rmSync(devPkiPaths(env.pkiDir).tsa, { recursive: true, force: true });
    const before = filesWithMtimes(env.pkiDir);

    // Act
    const grown = await ensureDevPki(env.pkiDir, { officials: [OFFICIAL], agencies: [AGENCY] });

    // Assess
    expect(grown.tsa.certPem).toMatch(/BEGIN CERTIFICATE/);
    expect(grown.officials[OFFICIAL.id]).toEqual(pki.officials[OFFICIAL.id]);
    const after = filesWithMtimes(env.pkiDir);
    for (const [file, mtime] of Object.entries(before)) expect(after[file]).toBe(mtime);
    pki = grown;
  });

  it('chains every identity to the root, as openssl verify confirms', () => {
    // Prepare
    writeFileSync(join(env.dir, 'root.pem'), pki.rootCertPem);
    writeFileSync(join(env.dir, 'issuing.pem'), pki.issuingCertPem);

    for (const identity of [pki.officials[OFFICIAL.id], pki.agencies[AGENCY.id]]) {
      // Act
      writeFileSync(join(env.dir, 'leaf.pem'), identity.certPem);
      const result = runTool('openssl', ['verify', '-CAfile', join(env.dir, 'root.pem'), '-untrusted', join(env.dir, 'issuing.pem'), join(env.dir, 'leaf.pem')]);

      // Assess
      expect(result.status, result.stderr).toBe(0);
      expect(identity.chainPem).toBe(identity.certPem + pki.issuingCertPem);
    }
  });

  // The root key is kept since the dev CAs publish CRLs: the root signs its own CRL (RFC 5280 §5)
  // and recertifies the issuing CA when the stack's URL moves (docs/long-term-validation.md).
  it('keeps private keys readable by the owner only (0600), the root key included', () => {
    // Prepare
    const paths = devPkiPaths(env.pkiDir);
    const keyFiles = Object.keys(filesWithMtimes(env.pkiDir)).filter((f) => f.endsWith('key.pem'));

    // Assess
    expect(keyFiles).toContain(paths.issuingKey);
    expect(keyFiles).toContain(paths.rootKey);
    expect(keyFiles).toContain(join(paths.identity('official', OFFICIAL.id), 'key.pem'));
    for (const file of keyFiles) expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(execFileSync('ls', [paths.ca]).toString().split('\n').filter(Boolean)).toEqual([
      'issuing.cert.pem', 'issuing.crl', 'issuing.key.pem', 'issuing.revocations.json', 'root.cert.pem', 'root.crl', 'root.key.pem', 'root.revocations.json',
    ]);
  });

  it('reads an identity back by id, and builds a working Signer from it', async () => {
    // Act
    const identity = await readDevIdentity(env.pkiDir, 'agency', AGENCY.id);
    const signer = createDevSigner(identity);

    // Assess
    expect(identity).toEqual(pki.agencies[AGENCY.id]);
    expect(signer.algorithm).toBe('RSASSA_PKCS1_V1_5_SHA_256');
    expect(await signer.signDigest(new Uint8Array(32))).toHaveLength(256);
  });

  it('refuses identity ids that could escape the PKI directory', async () => {
    // Act
    const error = await ensureDevPki(env.pkiDir, { officials: [{ ...OFFICIAL, id: '../evil' }], agencies: [] }).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(SigningError);
    expect((error as SigningError).code).toBe('invalid-options');
  });
});
