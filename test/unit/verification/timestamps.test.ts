import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OID } from '../../../shared/asn1';
import { verifyPdf, type VerificationReport } from '../../../shared/verification';
import { MemoryRegistry, createTestPki, issueCopy, type IssuedCopy, type TestPki } from './support/issued-copy';
import { localTimestamper, tsaIdentity } from './support/timestamps';

const failing = (report: VerificationReport) => report.checks.filter((c) => !c.passed).map((c) => c.id);

/**
 * Signature time-stamps (PAdES B-T, ETSI EN 319 142-1 §6.3): the verifier validates each token
 * (RFC 3161) and takes the earliest valid one as the proof of time; /M is only the signer's claim.
 */
describe('Function: verifyPdf and signature time-stamps', () => {
  let env: TestPki;
  let stamped: IssuedCopy;
  const verify = (copy: IssuedCopy) => verifyPdf(copy.pdf, { trust: env.trust, registry: new MemoryRegistry().add(copy.record), now: new Date() });

  beforeAll(async () => {
    env = await createTestPki();
    stamped = await issueCopy(env.pki, { timestamper: await localTimestamper(env.pki.tsa), signingTime: new Date(Date.now() - 3_600_000) });
  });
  afterAll(() => env.cleanup());

  it('proves each signing time with its time-stamp: authentic at level B-T, /M reported as a claim', async () => {
    // Act
    const report = await verify(stamped);

    // Assess
    expect(report.verdict, JSON.stringify(report.checks.filter((c) => !c.passed))).toBe('authentic');
    expect(report.level).toBe('B-T');
    for (const signature of report.signatures) {
      expect(signature.timeStamps).toEqual([expect.objectContaining({ valid: true })]);
      expect(signature.bestSignatureTime).toBe(signature.timeStamps[0].genTime);
      // The token was made now, an hour after the claimed /M.
      expect(Date.parse(signature.bestSignatureTime!)).toBeGreaterThan(Date.parse(signature.signedAt!));
    }
    expect(report.bestSignatureTime).toBe(report.signatures[1].bestSignatureTime);
    expect(report.checks.find((c) => c.id === 'timestamps')!.detail).toMatch(/có dấu thời gian hợp lệ: chắc chắn đã được ký trước/);
    expect(report.checks.find((c) => c.id === 'pades-level')!.detail).toMatch(/B-T/);
  });

  it('says of a copy without time-stamps that /M is only a claim, level B-B, and keeps it authentic', async () => {
    // Prepare
    const plain = await issueCopy(env.pki);

    // Act
    const report = await verify(plain);

    // Assess
    expect(report.verdict).toBe('authentic');
    expect(report.level).toBe('B-B');
    expect(report.bestSignatureTime).toBeUndefined();
    expect(report.checks.find((c) => c.id === 'timestamps')!.detail).toMatch(/chỉ là thời điểm người ký tự ghi/);
  });

  it('judges validity at the proven time, not at /M: a /M before the certificates existed is refused alone, proven by a time-stamp it is not', async () => {
    // Prepare: /M claims ten days ago, before the test PKI's certificates were issued.
    const signingTime = new Date(Date.now() - 10 * 24 * 3_600_000);
    const claimOnly = await issueCopy(env.pki, { signingTime });
    const proven = await issueCopy(env.pki, { signingTime, timestamper: await localTimestamper(env.pki.tsa) });

    // Act
    const claimed = await verify(claimOnly);
    const stampedNow = await verify(proven);

    // Assess
    expect(claimed).toMatchObject({ verdict: 'untrusted', subIndication: 'OUT_OF_BOUNDS_NO_POE' });
    expect(stampedNow.verdict, JSON.stringify(stampedNow.checks.filter((c) => !c.passed))).toBe('authentic');
    expect(stampedNow.checks.find((c) => c.id === 'validity-at-signing-time')!.detail).toContain('thời điểm ký');
  });

  it('refuses a time-stamp whose TSA certificate lacks the critical timeStamping purpose (RFC 3161 §2.3): untrusted', async () => {
    // Prepare
    const loose = await tsaIdentity(env.pkiDir, { purposes: [OID.timeStamping], critical: false });
    const copy = await issueCopy(env.pki, { timestamper: await localTimestamper(loose, { unchecked: true }) });

    // Act
    const report = await verify(copy);

    // Assess
    expect(report).toMatchObject({ verdict: 'untrusted', subIndication: 'CHAIN_CONSTRAINTS_FAILURE' });
    expect(failing(report)).toEqual(['timestamps']);
    expect(report.checks.find((c) => c.id === 'timestamps')!.detail).toMatch(/timeStamping/);
    expect(report.signatures.every((s) => s.bestSignatureTime === undefined)).toBe(true);
  });
});
