import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pemToDerList, readCertificate } from '../../../shared/asn1';
import { devPkiPaths } from '../../../shared/signing/dev';
import { signDevCrl } from '../../../shared/signing/dev/dev-certificates';
import { verifyPdf } from '../../../shared/verification';
import { appendDssRevision } from './support/forge';
import { AGENCY, MemoryRegistry, createTestPki, issueCopy, recordFor, type IssuedCopy, type TestPki } from './support/issued-copy';
import { localTimestamper } from './support/timestamps';

/**
 * The signer's certificate status from the CRLs embedded in the file (/DSS /CRLs), at the proven
 * time (ETSI EN 319 102-1 §5.2.6, RFC 5280 §6.3).
 */
describe('Function: verifyPdf and embedded revocation data', () => {
  let env: TestPki;
  let copy: IssuedCopy;
  let issuing: { certPem: string; keyPem: string };
  let sealSerial: string;

  beforeAll(async () => {
    env = await createTestPki();
    copy = await issueCopy(env.pki, { timestamper: await localTimestamper(env.pki.tsa) });
    const paths = devPkiPaths(env.pkiDir);
    issuing = { certPem: readFileSync(paths.issuingCert, 'utf8'), keyPem: readFileSync(paths.issuingKey, 'utf8') };
    sealSerial = readCertificate(pemToDerList(env.pki.agencies[AGENCY.id].certPem, 'CERTIFICATE')[0]).serial.toString('hex');
    // A CRL's thisUpdate has whole seconds (RFC 5280 §5.1.2.4): the CRLs below must be issued in a
    // later second than the signing, or they would not cover the proven signing time.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
  });
  afterAll(() => env.cleanup());

  const withCrl = async (revokedAt?: Date) => {
    const crl = await signDevCrl(issuing, revokedAt ? [{ serial: sealSerial, revokedAt: revokedAt.toISOString(), reason: 'keyCompromise' }] : [], 1, new Date(), new Date(Date.now() + 86_400_000));
    const pdf = appendDssRevision(copy.pdf, pemToDerList(issuing.certPem, 'CERTIFICATE')[0], undefined, [crl]);
    return verifyPdf(pdf, { trust: env.trust, registry: new MemoryRegistry().add(recordFor(pdf, copy.verifyCode)), now: new Date() });
  };

  it('keeps a copy whose seal certificate was revoked after the proven signing time authentic, and says so', async () => {
    // Act
    const report = await withCrl(new Date(Date.now() + 1_000));

    // Assess
    expect(report.verdict, JSON.stringify(report.checks.filter((c) => !c.passed))).toBe('authentic');
    expect(report.signatures[1].revocation).toMatchObject({ status: 'revoked', beforeSigning: false });
    expect(report.checks.find((c) => c.id === 'certificate-revocation')!.detail).toMatch(/sau thời điểm ký .* vẫn có giá trị/);
  });

  it('refuses a copy whose seal certificate was revoked before the signing time (TOTAL_FAILED, REVOKED)', async () => {
    // Act
    const report = await withCrl(new Date(Date.now() - 3_600_000));

    // Assess
    expect(report).toMatchObject({ verdict: 'untrusted', indication: 'TOTAL_FAILED', subIndication: 'REVOKED' });
    expect(report.checks.find((c) => c.id === 'certificate-revocation')).toMatchObject({ passed: false, detail: expect.stringMatching(/trước thời điểm ký/) });
  });

  it('reports a CRL that does not list the signer as good', async () => {
    // Act
    const report = await withCrl();

    // Assess
    expect(report.verdict).toBe('authentic');
    expect(report.signatures.map((s) => s.revocation?.status)).toEqual(['good', 'good']);
  });
});
