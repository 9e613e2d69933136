import { webcrypto } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevCertificateAuthorities, issueDevSigningCertificate, type IssuedCertificate } from '../../../shared/signing/dev/dev-certificates';
import { createDevSigner, devPkiPaths } from '../../../shared/signing/dev/dev-pki';
import { LocalKeySigner } from '../../../shared/signing/local-key-signer';
import { derToPem, pemToDerList } from '../../../shared/asn1';
import * as x509 from '../../../shared/signing/dev/peculiar-x509';
import { verifyPdf, type VerificationReport } from '../../../shared/verification';
import { runTool } from '../signing/support/tools';
import { ATTRIBUTE_VALUE_PATH, CERTIFICATES_PATH, NonPadesCmsSigner, cmsOf, signRevision, signatureSpots, toIndefiniteBer, withContents } from './support/forge';
import { AGENCY, MemoryRegistry, OFFICIAL, createTestPki, issueCopy, recordFor, type IssuedCopy, type TestPki } from './support/issued-copy';

const failing = (report: VerificationReport) => report.checks.filter((c) => !c.passed).map((c) => c.id);
const SEAL = { kind: 'organization' as const, commonName: AGENCY.name, organization: AGENCY.name };
const YEAR_MS = 365.25 * 24 * 3600 * 1000;

/**
 * Attacks and mistakes on the signer's side: certificates from elsewhere, out of their validity,
 * for another purpose, and CMS shapes (BER, missing ESS). Each document is registered with its
 * own hash, so the signature checks alone decide.
 */
describe('Function: verifyPdf and the signer certificates', () => {
  let env: TestPki;
  let copy: IssuedCopy;
  let issuing: IssuedCertificate;
  const verify = (bytes: Uint8Array, registry: MemoryRegistry) => verifyPdf(bytes, { trust: env.trust, registry, now: new Date() });
  /** The official's once-signed copy sealed by `signer`, registered as if issued. */
  const sealWith = async (signer: Parameters<typeof signRevision>[2], signingTime = new Date(Date.now() - 1000)) => {
    const pdf = await signRevision(copy.once, copy.fields.agency, signer, signingTime);
    return { pdf, registry: new MemoryRegistry().add(recordFor(pdf, copy.verifyCode)) };
  };

  beforeAll(async () => {
    env = await createTestPki();
    copy = await issueCopy(env.pki);
    const paths = devPkiPaths(env.pkiDir);
    issuing = { certPem: readFileSync(paths.issuingCert, 'utf8'), keyPem: readFileSync(paths.issuingKey, 'utf8') };
  });
  afterAll(() => env.cleanup());

  describe('a look-alike CA (same names as the dev CA, other keys)', () => {
    let outsider: LocalKeySigner;

    beforeAll(async () => {
      const fake = await createDevCertificateAuthorities(new Date());
      const seal = await issueDevSigningCertificate(fake.issuing, SEAL, new Date());
      outsider = new LocalKeySigner({ keyPem: seal.keyPem, chainPem: seal.certPem + fake.issuing.certPem + fake.rootCertPem });
      // The names really are identical: only the signatures can tell them apart.
      expect(new x509.X509Certificate(fake.issuing.certPem).issuer).toBe(new x509.X509Certificate(issuing.certPem).issuer);
    });

    it('makes a seal over a registered copy untrusted (NO_CERTIFICATE_CHAIN_FOUND, chain-trust)', async () => {
      // Prepare
      const { pdf, registry } = await sealWith(outsider);

      // Act
      const report = await verify(pdf, registry);

      // Assess
      expect(report).toMatchObject({ verdict: 'untrusted', indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' });
      expect(failing(report)).toEqual(['chain-trust']);
      expect(report.signatures.map((s) => s.chainTrusted)).toEqual([true, false]);
    });

    it('makes a seal over a genuine copy tampered when the registry holds the genuine file', async () => {
      // Act
      const { pdf } = await sealWith(outsider);
      const report = await verify(pdf, new MemoryRegistry().add(copy.record));

      // Assess
      expect(report.verdict).toBe('tampered');
      expect(failing(report)).toEqual(expect.arrayContaining(['chain-trust', 'file-hash']));
    });

    it('makes a third signature appended to the issued copy tampered', async () => {
      // Act
      const pdf = await signRevision(copy.pdf, { name: 'them', pageIndex: 0, rect: [10, 10, 60, 40] }, outsider, new Date());
      const report = await verify(pdf, new MemoryRegistry().add(copy.record));

      // Assess
      expect(report.verdict).toBe('tampered');
      expect(report.signatures).toHaveLength(3);
      expect(failing(report)).toEqual(expect.arrayContaining(['chain-trust', 'file-hash']));
    });

    it('never makes a copy forged end to end authentic, whatever its code', async () => {
      // Prepare: both signatures by the outsider, with a code of their own or the genuine one.
      const own = await issueCopy(env.pki, { officialSigner: outsider, agencySigner: outsider });

      // Act
      const unknownCode = await verify(own.pdf, new MemoryRegistry());
      const registered = await verify(own.pdf, new MemoryRegistry().add(own.record));

      // Assess
      expect(unknownCode).toMatchObject({ verdict: 'untrusted', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' });
      expect(registered.verdict).toBe('untrusted');
    });
  });

  describe('validity at signing time', () => {
    it('makes a seal by a certificate that expired before /M untrusted (OUT_OF_BOUNDS_NO_POE)', async () => {
      // Prepare: issued six years ago for five years.
      const old = await issueDevSigningCertificate(issuing, SEAL, new Date(Date.now() - 6 * YEAR_MS));
      const signer = new LocalKeySigner({ keyPem: old.keyPem, chainPem: old.certPem + issuing.certPem });
      const { pdf, registry } = await sealWith(signer);

      // Act
      const report = await verify(pdf, registry);

      // Assess
      expect(report).toMatchObject({ verdict: 'untrusted', indication: 'INDETERMINATE', subIndication: 'OUT_OF_BOUNDS_NO_POE' });
      expect(failing(report)).toEqual(['validity-at-signing-time']);
      expect(report.signatures[1].validAtSigningTime).toBe(false);
      expect(report.checks.find((c) => c.id === 'validity-at-signing-time')!.detail).toMatch(/hết hạn/);
    });

    it('refuses a signing time in the future', async () => {
      // Prepare
      const { pdf, registry } = await sealWith(createDevSigner(env.pki.agencies[AGENCY.id]), new Date(Date.now() + 24 * 3600_000));

      // Act
      const report = await verify(pdf, registry);

      // Assess
      expect(report.verdict).toBe('untrusted');
      expect(report.checks.find((c) => c.id === 'validity-at-signing-time')!.detail).toMatch(/tương lai/);
    });
  });

  it('makes a seal by a certificate without digitalSignature/nonRepudiation untrusted (key-usage)', async () => {
    // Prepare
    const signer = await issueWithKeyUsage(issuing, x509.KeyUsageFlags.keyEncipherment);
    const { pdf, registry } = await sealWith(signer);

    // Act
    const report = await verify(pdf, registry);

    // Assess
    expect(report).toMatchObject({ verdict: 'untrusted', subIndication: 'CHAIN_CONSTRAINTS_FAILURE' });
    expect(failing(report)).toEqual(['key-usage']);
  });

  describe('CMS shapes', () => {
    it('accepts the seal re-encoded as BER with indefinite lengths and a chunked signature value, as openssl does', async () => {
      // Prepare: what NSS-based signers write; certificates and attribute values stay DER.
      const agency = signatureSpots(copy.pdf)[1];
      const ber = toIndefiniteBer(cmsOf(copy.pdf, agency), (path) => CERTIFICATES_PATH(path) || ATTRIBUTE_VALUE_PATH(path));
      const pdf = withContents(copy.pdf, agency, ber);
      const [, a, b, c] = agency.byteRange;
      writeFileSync(join(env.dir, 'ber.p7s'), ber);
      writeFileSync(join(env.dir, 'signed.bin'), Buffer.concat([pdf.subarray(0, a), pdf.subarray(b, b + c)]));
      writeFileSync(join(env.dir, 'root.pem'), env.pki.rootCertPem);

      // Act
      const report = await verify(pdf, new MemoryRegistry().add(recordFor(pdf, copy.verifyCode)));
      const openssl = runTool('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(env.dir, 'ber.p7s'),
        '-content', join(env.dir, 'signed.bin'), '-CAfile', join(env.dir, 'root.pem'), '-purpose', 'any', '-out', '/dev/null']);

      // Assess
      expect([ber[0], ber[1]]).toEqual([0x30, 0x80]);
      expect(ber.includes(Buffer.from([0x24, 0x80, 0x04, 0x10]))).toBe(true);
      expect(openssl.status, openssl.stderr).toBe(0);
      expect(report.verdict, JSON.stringify(report.checks.filter((x) => !x.passed))).toBe('authentic');
    });

    it('re-encodes BER signed attributes to DER before checking them (RFC 5652 §5.4), chunked digests included', async () => {
      // Prepare: BER inside the attribute values too. OpenSSL keeps such ANY values as received and
      // fails them; the signature is over the DER of the same values, which is what we rebuild.
      const agency = signatureSpots(copy.pdf)[1];
      const ber = toIndefiniteBer(cmsOf(copy.pdf, agency), CERTIFICATES_PATH);
      const pdf = withContents(copy.pdf, agency, ber);

      // Act
      const report = await verify(pdf, new MemoryRegistry().add(recordFor(pdf, copy.verifyCode)));

      // Assess
      expect(report.verdict, JSON.stringify(report.checks.filter((x) => !x.passed))).toBe('authentic');
    });

    it('fails signing-certificate for a CMS without ESS signing-certificate-v2 (tampered, FORMAT_FAILURE)', async () => {
      // Prepare
      const { pdf, registry } = await sealWith(new NonPadesCmsSigner(createDevSigner(env.pki.agencies[AGENCY.id])));

      // Act
      const report = await verify(pdf, registry);

      // Assess
      expect(report).toMatchObject({ verdict: 'tampered', indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
      expect(failing(report)).toEqual(['signing-certificate']);
      expect(report.signatures[1].signatureValid).toBe(true);
    });

    it('fails signing-certificate when ESS names another certificate', async () => {
      // Prepare
      const [officialCert] = pemToDerList(env.pki.officials[OFFICIAL.id].certPem, 'CERTIFICATE');
      const { pdf, registry } = await sealWith(new NonPadesCmsSigner(createDevSigner(env.pki.agencies[AGENCY.id]), officialCert));

      // Act
      const report = await verify(pdf, registry);

      // Assess
      expect(report.verdict).toBe('tampered');
      expect(failing(report)).toEqual(['signing-certificate']);
      expect(report.checks.find((c) => c.id === 'signing-certificate')!.detail).toMatch(/chứng thư số khác/);
    });
  });
});

/** A signing certificate from the dev issuing CA with the given key usage only. */
async function issueWithKeyUsage(issuer: IssuedCertificate, usage: number): Promise<LocalKeySigner> {
  const crypto = webcrypto as Crypto;
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const [issuerKeyDer] = pemToDerList(issuer.keyPem, 'PRIVATE KEY');
  const signingKey = await crypto.subtle.importKey('pkcs8', issuerKeyDer as Uint8Array<ArrayBuffer>, algorithm, false, ['sign']);
  const keys = await crypto.subtle.generateKey({ ...algorithm, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, ['sign', 'verify']);
  const issuerCert = new x509.X509Certificate(issuer.certPem);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: '0a1b2c3d4e5f',
    subject: new x509.Name([{ C: [{ printableString: 'VN' }] }, { O: [{ utf8String: AGENCY.name }] }, { CN: [{ utf8String: AGENCY.name }] }]),
    issuer: issuerCert.subjectName,
    notBefore: new Date(Date.now() - 3600_000),
    notAfter: new Date(Date.now() + YEAR_MS),
    publicKey: keys.publicKey,
    signingKey,
    signingAlgorithm: algorithm,
    extensions: [new x509.BasicConstraintsExtension(false, undefined, true), new x509.KeyUsagesExtension(usage, true)],
  }, crypto);
  const keyPem = derToPem(new Uint8Array(await crypto.subtle.exportKey('pkcs8', keys.privateKey)), 'PRIVATE KEY');
  return new LocalKeySigner({ keyPem, chainPem: cert.toString('pem') + '\n' + issuer.certPem });
}
