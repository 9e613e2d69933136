import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVerifyCode } from '../../../shared/domain/verify-code';
import { appendRevision, PdfObjectEditor, PdfObjectReader, rawBytes, type PdfRef } from '../../../shared/pdf-syntax';
import { composeRegisterCopy } from '../../../shared/pdf/compose-register-copy';
import { createDevSigner, issueDevCertificate } from '../../../shared/signing/dev/dev-pki';
import { signPdf } from '../../../shared/signing/sign-pdf';
import { CHECK_IDS, isPdf, trustListFromPem, verifyPdf, type VerificationReport } from '../../../shared/verification';
import { latin1, signRevision } from './support/forge';
import { AGENCY, MemoryRegistry, OFFICIAL, createTestPki, issueCopy, recordFor, type IssuedCopy, type TestPki } from './support/issued-copy';

/** The failing check ids of a report. */
const failing = (report: VerificationReport) => report.checks.filter((c) => !c.passed).map((c) => c.id);

describe('Function: verifyPdf', () => {
  let env: TestPki;
  let copy: IssuedCopy;
  const verify = (bytes: Uint8Array, registry = new MemoryRegistry().add(copy.record)) =>
    verifyPdf(bytes, { trust: env.trust, registry, now: new Date() });

  beforeAll(async () => {
    env = await createTestPki();
    copy = await issueCopy(env.pki);
  });
  afterAll(() => env.cleanup());

  describe('an untouched issued copy', () => {
    it('is authentic (TOTAL_PASSED) with every check passed and two signature reports', async () => {
      // Act
      const report = await verify(copy.pdf);

      // Assess
      expect(report.verdict, JSON.stringify(report.checks.filter((c) => !c.passed))).toBe('authentic');
      expect(report.indication).toBe('TOTAL_PASSED');
      expect(report.subIndication).toBeUndefined();
      expect(report.checks.map((c) => c.id)).toEqual([...CHECK_IDS]);
      expect(report.checks.filter((c) => c.passed).length).toBeGreaterThanOrEqual(5);
      expect(failing(report)).toEqual([]);
      for (const check of report.checks) expect(check.detail.length).toBeGreaterThan(10);
      expect(report.verifyCode).toBe(copy.verifyCode);
      expect(report.verifyCodeSigned).toBe(true);
      expect(report.document).toEqual(copy.record);
    });

    it('reports the official then the agency, each valid, trusted, the last covering the whole file', async () => {
      // Act
      const { signatures } = await verify(copy.pdf);

      // Assess
      expect(signatures.map((s) => [s.field, s.signer, s.revision, s.coversWholeFile])).toEqual([
        ['sig-official', OFFICIAL.fullName, 2, false],
        ['sig-agency', AGENCY.name, 3, true],
      ]);
      for (const signature of signatures) {
        expect(signature).toMatchObject({
          subFilter: 'ETSI.CAdES.detached', chainTrusted: true, validAtSigningTime: true, digestMatches: true, signatureValid: true,
          organization: AGENCY.name, signedAt: new Date(Math.floor(copy.signingTime.getTime() / 1000) * 1000).toISOString(),
        });
        expect(signature.checks.every((c) => c.passed)).toBe(true);
      }
    });

    it('gives the same verdict when called again with the warm caches', async () => {
      // Act
      const reports = await Promise.all([verify(copy.pdf), verify(copy.pdf)]);

      // Assess
      expect(reports.map((r) => r.verdict)).toEqual(['authentic', 'authentic']);
    });
  });

  describe('the registry', () => {
    it('answers revoked (TOTAL_FAILED, REVOKED) for the intact file of a revoked record', async () => {
      // Prepare
      const registry = new MemoryRegistry().add({ ...copy.record, status: 'revoked', revocation: { at: '2026-02-01T03:00:00Z', reason: 'Cấp nhầm người' } });

      // Act
      const report = await verify(copy.pdf, registry);

      // Assess
      expect(report).toMatchObject({ verdict: 'revoked', indication: 'TOTAL_FAILED', subIndication: 'REVOKED' });
      expect(failing(report)).toEqual(['revocation-status']);
      expect(report.checks.find((c) => c.id === 'revocation-status')!.detail).toContain('Cấp nhầm người');
    });

    it('answers tampered (HASH_FAILURE) when the file is not byte-identical to the recorded one', async () => {
      // Prepare
      const registry = new MemoryRegistry().add({ ...copy.record, sha256: 'ab'.repeat(32) });

      // Act
      const report = await verify(copy.pdf, registry);

      // Assess
      expect(report).toMatchObject({ verdict: 'tampered', indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' });
      expect(failing(report)).toEqual(['file-hash']);
    });

    it('answers unknown (SIGNED_DATA_NOT_FOUND) for a well-signed file whose code is not in the registry', async () => {
      // Act
      const report = await verify(copy.pdf, new MemoryRegistry());

      // Assess
      expect(report).toMatchObject({ verdict: 'unknown', indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND' });
      expect(failing(report)).toEqual(['registry-record', 'file-hash', 'revocation-status']);
      expect(report.document).toBeUndefined();
    });

    it('answers unknown for a trusted signature on a file without any verify code', async () => {
      // Prepare: the official signs some PDF of their own, outside the service.
      const signed = await signRevision(await plainPdf(), { name: 'private', pageIndex: 0, rect: [10, 10, 100, 60] },
        createDevSigner(env.pki.officials[OFFICIAL.id]), new Date(Date.now() - 1000));

      // Act
      const report = await verify(signed);

      // Assess
      expect(report).toMatchObject({ verdict: 'unknown', subIndication: 'SIGNED_DATA_NOT_FOUND' });
      expect(report.verifyCode).toBeUndefined();
      expect(failing(report)).toEqual(['registry-record', 'file-hash', 'revocation-status']);
    });

    it('propagates a failing registry instead of inventing a verdict', async () => {
      // Prepare
      const registry = { byVerifyCode: async () => { throw new Error('DynamoDB is down'); } };

      // Act + Assess
      await expect(verifyPdf(copy.pdf, { trust: env.trust, registry, now: new Date() })).rejects.toThrow('DynamoDB is down');
    });
  });

  describe('files without a signature', () => {
    it('answers unknown (SIGNED_DATA_NOT_FOUND) for a plain PDF', async () => {
      // Act
      const report = await verify(await plainPdf());

      // Assess
      expect(report).toMatchObject({ verdict: 'unknown', indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND', signatures: [] });
      expect(failing(report)).toContain('signatures-present');
      expect(report.checks.find((c) => c.id === 'pdf-structure')!.passed).toBe(true);
    });

    it('answers tampered for the unsigned composition of a known copy (it is not the issued file)', async () => {
      // Act
      const report = await verify(copy.composed);

      // Assess
      expect(report).toMatchObject({ verdict: 'tampered', subIndication: 'HASH_FAILURE', verifyCode: copy.verifyCode, verifyCodeSigned: false });
      expect(failing(report)).toContain('file-hash');
    });
  });

  describe('non-PDF input', () => {
    it.each([
      ['empty', new Uint8Array(0)],
      ['PNG', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')],
      ['text', Buffer.from('hello, this is not a PDF at all')],
      ['a PDF header after 1 KB', Buffer.concat([Buffer.alloc(1100, 0x20), Buffer.from('%PDF-1.7\n')])],
    ])('isPdf is false for %s, and verifyPdf answers unknown without throwing', async (_label, bytes) => {
      // Act
      const report = await verify(bytes);

      // Assess
      expect(isPdf(bytes)).toBe(false);
      expect(report).toMatchObject({ verdict: 'unknown', indication: 'INDETERMINATE', signatures: [] });
      expect(failing(report)).toContain('pdf-structure');
    });

    it('isPdf is true for a copy and for a header a little after the start', () => {
      expect(isPdf(copy.pdf)).toBe(true);
      expect(isPdf(Buffer.concat([Buffer.from('garbage\n'), Buffer.from(copy.pdf)]))).toBe(true);
    });
  });

  describe('other signing algorithms and shapes', () => {
    it.each([
      ['ECDSA P-256', 'ECDSA-P256' as const, undefined],
      ['RSA-PSS', 'RSA-2048' as const, 'RSASSA_PSS_SHA_256' as const],
    ])('accepts an agency seal made with %s', async (_label, keyAlgorithm, algorithm) => {
      // Prepare
      const identity = await issueDevCertificate(env.pkiDir, { kind: 'organization', commonName: AGENCY.name, organization: AGENCY.name }, keyAlgorithm);
      const other = await issueCopy(env.pki, { agencySigner: createDevSigner(identity, algorithm) });

      // Act
      const report = await verify(other.pdf, new MemoryRegistry().add(other.record));

      // Assess
      expect(report.verdict, JSON.stringify(report.checks.filter((c) => !c.passed))).toBe('authentic');
    });

    it('accepts a copy from a master register, sealed by the agency alone', async () => {
      // Prepare
      const code = newVerifyCode(randomBytes);
      const composed = await composeRegisterCopy({
        agency: { name: AGENCY.name }, copyTitle: 'TRÍCH LỤC KHAI SINH', fields: [{ label: 'Họ và tên', value: 'Nguyễn Văn An' }],
        entryNo: 17, registerTitle: 'Sổ đăng ký khai sinh', verifyCode: code, verifyUrl: `https://bansao.example.vn/verify/${code}`,
        number: 5, book: '01/2026-TLKS/BS', issuedAtText: 'Hà Nội, ngày 10 tháng 01 năm 2026', issuerStatement: ['Sao từ Sổ đăng ký khai sinh.'],
      });
      const sealed = await signPdf(composed.pdf, { signer: createDevSigner(env.pki.agencies[AGENCY.id]), signingTime: new Date(Date.now() - 1000), field: composed.fields.agency });
      const registry = new MemoryRegistry().add(recordFor(sealed, code, { kind: 'register-copy' }));

      // Act
      const report = await verify(sealed, registry);

      // Assess
      expect(report.verdict, JSON.stringify(report.checks.filter((c) => !c.passed))).toBe('authentic');
      expect(report.signatures.map((s) => [s.signer, s.coversWholeFile, s.revision])).toEqual([[AGENCY.name, true, 2]]);
      expect(report.verifyCodeSigned).toBe(true);
    });

    it('answers unknown (FORMAT_FAILURE, pades-profile) for a valid adbe.pkcs7.detached signature', async () => {
      // Prepare: the same CMS under the pre-PAdES sub-filter (same length, so offsets stay).
      const patch = (pdf: Buffer) => Buffer.from(latin1(pdf).replace(/\/SubFilter \/ETSI\.CAdES\.detached(?![\s\S]*\/SubFilter)/, '/SubFilter /adbe.pkcs7.detached'), 'latin1');
      const pdf = await signRevision(copy.once, copy.fields.agency, createDevSigner(env.pki.agencies[AGENCY.id]), new Date(Date.now() - 1000), undefined, patch);

      // Act
      const report = await verify(pdf, new MemoryRegistry().add(recordFor(pdf, copy.verifyCode)));

      // Assess
      expect(report).toMatchObject({ verdict: 'unknown', indication: 'INDETERMINATE', subIndication: 'FORMAT_FAILURE' });
      expect(failing(report)).toEqual(['pades-profile']);
      expect(report.signatures[1]).toMatchObject({ subFilter: 'adbe.pkcs7.detached', signatureValid: true });
    });

    it('reads an unsigned PDF with a cross-reference stream: unknown for want of a signature, not for its structure', async () => {
      // Prepare
      const { PDFDocument } = await import('pdf-lib');
      const doc = await PDFDocument.create();
      doc.addPage([300, 300]);
      const pdf = await doc.save({ useObjectStreams: true });

      // Act
      const report = await verify(pdf);

      // Assess
      expect(report).toMatchObject({ verdict: 'unknown', indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND' });
      expect(report.checks.find((c) => c.id === 'pdf-structure')).toMatchObject({ passed: true });
    });

    it('judges a copy saved with object streams and signed twice on its merits: signatures and revisions checked, authentic once registered', async () => {
      // Prepare
      const { PDFDocument } = await import('pdf-lib');
      const doc = await PDFDocument.create();
      doc.addPage([595, 842]);
      const code = newVerifyCode(randomBytes);
      doc.setKeywords([`verify-code: ${code}`]);
      const packed = await doc.save({ useObjectStreams: true });
      const field = (name: string, x: number) => ({ name, pageIndex: 0, rect: [x, 100, x + 200, 160] as [number, number, number, number] });
      const once = await signPdf(packed, { signer: createDevSigner(env.pki.officials[OFFICIAL.id]), signingTime: new Date(Date.now() - 60_000), field: field('official', 50) });
      const twice = await signPdf(once, { signer: createDevSigner(env.pki.agencies[AGENCY.id]), signingTime: new Date(Date.now() - 30_000), field: field('agency', 300) });

      // Act
      const unknownFile = await verify(twice, new MemoryRegistry());
      const registered = await verify(twice, new MemoryRegistry().add(recordFor(twice, code)));

      // Assess
      expect(unknownFile.subIndication).toBe('SIGNED_DATA_NOT_FOUND');
      for (const report of [unknownFile, registered]) {
        expect(report.checks.filter((c) => ['pdf-structure', 'revisions', 'byterange', 'whole-file-coverage'].includes(c.id)).every((c) => c.passed), JSON.stringify(report.checks)).toBe(true);
        expect(report.signatures.map((s) => s.signatureValid)).toEqual([true, true]);
      }
      expect(registered.verdict, JSON.stringify(registered.checks.filter((c) => !c.passed))).toBe('authentic');
    });

    it('finds an unsigned revision appended in cross-reference-stream form after the signatures of such a copy', async () => {
      // Prepare
      const { PDFDocument } = await import('pdf-lib');
      const doc = await PDFDocument.create();
      doc.addPage([595, 842]);
      const field = { name: 'official', pageIndex: 0, rect: [50, 100, 250, 160] as [number, number, number, number] };
      const signed = await signPdf(await doc.save({ useObjectStreams: true }), { signer: createDevSigner(env.pki.officials[OFFICIAL.id]), signingTime: new Date(Date.now() - 60_000), field });
      const reader = new PdfObjectReader(signed);
      const root = reader.xref.trailer.entries.get('Root') as PdfRef;
      const editor = new PdfObjectEditor(reader.object(root));
      editor.addEntry(reader.dict(root, 'catalog'), 'OpenAction', '<< /S /JavaScript /JS (app.alert\\(1\\)) >>');
      const { size, startxref, format } = reader.xref;
      const tampered = appendRevision(signed, [{ num: root.num, gen: root.gen, body: editor.body() }], { size, prev: startxref, carried: { Root: rawBytes(signed, root) }, format }).pdf;

      // Act
      const report = await verify(tampered, new MemoryRegistry());

      // Assess
      expect(format).toBe('stream');
      expect(report.checks.find((c) => c.id === 'pdf-structure')?.passed).toBe(true);
      expect(failing(report)).toEqual(expect.arrayContaining(['whole-file-coverage', 'revisions']));
      expect(report.checks.find((c) => c.id === 'revisions')?.detail).toMatch(/không kèm chữ ký/);
    });

    it('refuses a trust list without any certificate', () => {
      expect(() => trustListFromPem('no certificates here')).toThrow(/no certificate/);
    });
  });
});

/** A one-page PDF with a classic xref table and no verify code. */
async function plainPdf(): Promise<Uint8Array> {
  const { PDFDocument } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  doc.addPage([300, 300]);
  return doc.save({ useObjectStreams: false });
}
