import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPageRef, PdfObjectEditor } from '../../../shared/pdf-syntax';
import { verifyPdf, type VerificationReport } from '../../../shared/verification';
import { createNssDb, pdfsig } from '../signing/support/tools';
import { appendUnsignedRevision, latin1, offsetInImage, overwrite, signatureSpots, withByteRange, type SignatureSpot } from './support/forge';
import { MemoryRegistry, createTestPki, issueCopy, recordFor, type IssuedCopy, type TestPki } from './support/issued-copy';

const failing = (report: VerificationReport) => report.checks.filter((c) => !c.passed).map((c) => c.id);

/**
 * Byte-level attacks on an issued copy (official + agency signatures). Each forgery keeps the
 * genuine registry record, as an attacker holding a real copy would: the verdict and the check
 * that names the attack are both asserted.
 */
describe('Function: verifyPdf against forged files', () => {
  let env: TestPki;
  let copy: IssuedCopy;
  let official: SignatureSpot;
  let agency: SignatureSpot;
  const verify = (bytes: Uint8Array, registry = new MemoryRegistry().add(copy.record)) =>
    verifyPdf(bytes, { trust: env.trust, registry, now: new Date() });

  beforeAll(async () => {
    env = await createTestPki();
    copy = await issueCopy(env.pki);
    [official, agency] = signatureSpots(copy.pdf);
  });
  afterAll(() => env.cleanup());

  it('finds both signatures in the genuine file (the forgeries below start from it)', () => {
    expect(official.byteRange[0]).toBe(0);
    expect(agency.byteRange[2] + agency.byteRange[3]).toBe(copy.pdf.length);
  });

  it('calls a byte changed inside the signed ranges tampered (HASH_FAILURE, cms-digest)', async () => {
    // Prepare
    const at = offsetInImage(copy.pdf);
    const forged = overwrite(copy.pdf, at, String.fromCharCode(copy.pdf[at] ^ 0x01));

    // Act
    const report = await verify(forged);

    // Assess
    expect(report).toMatchObject({ verdict: 'tampered', indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' });
    expect(failing(report)).toEqual(['cms-digest', 'file-hash']);
    expect(report.signatures.map((s) => s.digestMatches)).toEqual([false, false]);
    expect(report.verifyCodeSigned).toBe(false);
  });

  it('calls an appended revision adding an annotation tampered (whole-file-coverage, revisions)', async () => {
    // Prepare: an incremental update that puts a text annotation on page 1.
    const forged = appendUnsignedRevision(copy.pdf, (reader, size) => {
      const catalog = reader.dict(reader.xref.trailer.entries.get('Root') as never, 'catalog');
      const pageRef = findPageRef(reader, catalog, 0);
      const editor = new PdfObjectEditor(reader.object(pageRef));
      const page = reader.dict(pageRef, 'page');
      const annots = page.entries.get('Annots');
      if (annots?.kind === 'array') editor.appendToArray(annots, `${size} 0 R`);
      else editor.addEntry(page, 'Annots', `[${size} 0 R]`);
      return [
        { num: pageRef.num, gen: 0, body: editor.body() },
        { num: size, gen: 0, body: Buffer.from('<< /Type /Annot /Subtype /FreeText /Rect [50 50 400 120] /Contents (DA HUY) /DA (/Helv 24 Tf 1 0 0 rg) >>') },
      ];
    });

    // Act
    const report = await verify(forged);

    // Assess
    expect(report).toMatchObject({ verdict: 'tampered', indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
    expect(failing(report)).toEqual(expect.arrayContaining(['whole-file-coverage', 'revisions', 'file-hash']));
    expect(report.signatures.every((s) => s.signatureValid && s.digestMatches)).toBe(true);
    expect(report.signatures.map((s) => s.coversWholeFile)).toEqual([false, false]);
  });

  it('calls an appended revision replacing the page content tampered, even with the registry hash updated', async () => {
    // Prepare: a new content stream for page 1; the registry (by some insider error) holds the new hash.
    const forged = appendUnsignedRevision(copy.pdf, (reader, size) => {
      const catalog = reader.dict(reader.xref.trailer.entries.get('Root') as never, 'catalog');
      const pageRef = findPageRef(reader, catalog, 0);
      const page = reader.dict(pageRef, 'page');
      const editor = new PdfObjectEditor(reader.object(pageRef));
      editor.replace(page.entries.get('Contents')!, `[${size} 0 R]`);
      const content = 'BT /F1 48 Tf 100 400 Td (GIA MAO) Tj ET';
      return [
        { num: pageRef.num, gen: 0, body: editor.body() },
        { num: size, gen: 0, body: Buffer.from(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`) },
      ];
    });

    // Act
    const report = await verify(forged, new MemoryRegistry().add(recordFor(forged, copy.verifyCode)));

    // Assess
    expect(report).toMatchObject({ verdict: 'tampered', subIndication: 'FORMAT_FAILURE' });
    expect(failing(report)).toEqual(['whole-file-coverage', 'revisions']);
  });

  it('calls a zeroed /Contents tampered (FORMAT_FAILURE, cms checks)', async () => {
    // Prepare
    const forged = overwrite(copy.pdf, agency.contentsStart + 1, '0'.repeat(agency.contentsEnd - agency.contentsStart - 2));

    // Act
    const report = await verify(forged);

    // Assess
    expect(report).toMatchObject({ verdict: 'tampered', subIndication: 'FORMAT_FAILURE' });
    expect(failing(report)).toEqual(expect.arrayContaining(['cms-digest', 'cms-signature', 'signing-certificate', 'file-hash']));
    expect(report.signatures[1].checks.find((c) => c.id === 'cms-signature')!.detail).toMatch(/CMS/);
  });

  it('calls an emptied /Contents tampered (byterange): the gap no longer is the /Contents token', async () => {
    // Prepare: `<>` followed by spaces keeps every offset.
    const width = agency.contentsEnd - agency.contentsStart;
    const forged = overwrite(copy.pdf, agency.contentsStart, '<>'.padEnd(width, ' '));

    // Act
    const report = await verify(forged);

    // Assess
    expect(report).toMatchObject({ verdict: 'tampered', subIndication: 'FORMAT_FAILURE' });
    expect(failing(report)).toContain('byterange');
  });

  it('calls a wrapping /ByteRange (gap wider than /Contents) tampered (byterange)', async () => {
    // Prepare: the gap starts 40 bytes before the "<", hiding part of the dictionary from the signature.
    const [, a, b, c] = agency.byteRange;
    const forged = withByteRange(copy.pdf, agency, [0, a - 40, b, c]);

    // Act
    const report = await verify(forged);

    // Assess
    expect(report).toMatchObject({ verdict: 'tampered', subIndication: 'FORMAT_FAILURE' });
    expect(failing(report)).toContain('byterange');
    expect(report.checks.find((c) => c.id === 'byterange')!.detail).toMatch(/bao gói/);
  });

  it('calls a moved second range tampered (byterange)', async () => {
    // Prepare
    const [, a, b, c] = official.byteRange;
    const forged = withByteRange(copy.pdf, official, [0, a, b + 8, c - 8]);

    // Act
    const report = await verify(forged);

    // Assess
    expect(report.verdict).toBe('tampered');
    expect(failing(report)).toContain('byterange');
    const moved = report.signatures.find((s) => s.field === 'sig-official')!;
    expect(moved.checks.find((c) => c.id === 'byterange')!.passed).toBe(false);
  });

  it('calls a second range that stops short of the revision tampered', async () => {
    // Prepare: the official's range ends 30 bytes before its revision's %%EOF.
    const [, a, b, c] = official.byteRange;
    const forged = withByteRange(copy.pdf, official, [0, a, b, c - 30]);

    // Act
    const report = await verify(forged);

    // Assess
    expect(report.verdict).toBe('tampered');
    expect(failing(report)).toEqual(expect.arrayContaining(['revisions', 'cms-digest']));
  });

  it.each([
    ['the last 100 bytes', (pdf: Uint8Array) => pdf.subarray(0, pdf.length - 100)],
    ['the final %%EOF', (pdf: Uint8Array) => pdf.subarray(0, pdf.length - 3)],
    ['everything after the official signature', (pdf: Uint8Array) => pdf.subarray(0, official.byteRange[2] + official.byteRange[3])],
  ])('calls a copy truncated by %s tampered', async (_label, cut) => {
    // Act
    const report = await verify(cut(copy.pdf));

    // Assess
    expect(report).toMatchObject({ verdict: 'tampered', indication: 'TOTAL_FAILED' });
    expect(failing(report)).toContain('file-hash');
  });

  it('calls a copy cut in the middle of its scan unknown (FORMAT_FAILURE): nothing identifies it any more', async () => {
    // Act
    const report = await verify(copy.pdf.subarray(0, offsetInImage(copy.pdf)));

    // Assess
    expect(report).toMatchObject({ verdict: 'unknown', indication: 'INDETERMINATE', subIndication: 'FORMAT_FAILURE', signatures: [] });
    expect(failing(report)).toEqual(expect.arrayContaining(['pdf-structure', 'signatures-present']));
  });

  it('reads the verify code inside the official signature: one swapped in a later revision is only a hint', async () => {
    // Prepare: a new Info dictionary with another code, in an appended revision.
    const forged = appendUnsignedRevision(copy.pdf, (_reader, size) => [
      { num: size, gen: 0, body: Buffer.from('<< /VerifyCode (0000-0000-0000-0000-0000-0000) >>') },
    ], (size) => ({ Info: `${size} 0 R` }));

    // Act
    const report = await verify(forged, new MemoryRegistry().add(copy.record).add(recordFor(forged, '0000-0000-0000-0000-0000-0000')));

    // Assess
    expect(report.verifyCode).toBe(copy.verifyCode);
    expect(report.verifyCodeSigned).toBe(true);
    expect(report.verdict).toBe('tampered');
    expect(failing(report)).toEqual(expect.arrayContaining(['whole-file-coverage', 'revisions', 'file-hash']));
  });

  it('refuses a signature dictionary redefined by a later revision (dictionary spoofing)', async () => {
    // Prepare: the official's signature object written again, byte for byte, in an appended revision.
    const match = /(\d+) 0 obj\n(<< \/Type \/Sig[\s\S]*?>>)\nendobj/.exec(latin1(copy.pdf))!;
    const forged = appendUnsignedRevision(copy.pdf, () => [{ num: Number(match[1]), gen: 0, body: Buffer.from(match[2], 'latin1') }]);

    // Act
    const report = await verify(forged);

    // Assess
    expect(report.verdict).toBe('tampered');
    const spoofed = report.signatures.find((s) => s.field === 'sig-official')!;
    expect(spoofed.checks.find((c) => c.id === 'byterange')!.passed).toBe(false);
    expect(failing(report)).toEqual(expect.arrayContaining(['byterange', 'whole-file-coverage', 'revisions']));
  });

  it('notices a hidden signature dictionary no field leads to (signatures-present)', async () => {
    // Prepare
    const forged = appendUnsignedRevision(copy.pdf, (_reader, size) => [{
      num: size, gen: 0,
      body: Buffer.from(`<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 10 20 30] /Contents <${'00'.repeat(64)}> >>`),
    }]);

    // Act
    const report = await verify(forged);

    // Assess
    expect(report.verdict).toBe('tampered');
    expect(report.signatures).toHaveLength(2);
    expect(report.checks.find((c) => c.id === 'signatures-present')).toMatchObject({ passed: false, detail: expect.stringMatching(/ẩn/) });
  });

  it('calls a universal-forgery signature dictionary (no /ByteRange) tampered', async () => {
    // Prepare: "/ByteRange" renamed so the dictionary has no byte range at all.
    const at = latin1(copy.pdf).lastIndexOf('/ByteRange');
    const forged = overwrite(copy.pdf, at, '/ByteRangX');

    // Act
    const report = await verify(forged);

    // Assess
    expect(report.verdict).toBe('tampered');
    expect(failing(report)).toEqual(expect.arrayContaining(['byterange', 'whole-file-coverage']));
  });

  it('agrees with poppler pdfsig on the genuine file and on a byte flip', () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'verification-pdfsig-'));
    const nss = createNssDb(dir, env.pki.rootCertPem);
    const at = offsetInImage(copy.pdf);
    writeFileSync(join(dir, 'genuine.pdf'), copy.pdf);
    writeFileSync(join(dir, 'flipped.pdf'), overwrite(copy.pdf, at, String.fromCharCode(copy.pdf[at] ^ 0x01)));

    // Act
    const genuine = pdfsig(join(dir, 'genuine.pdf'), nss);
    const flipped = pdfsig(join(dir, 'flipped.pdf'), nss);

    // Assess
    expect(genuine.map((s) => s.valid && s.trusted)).toEqual([true, true]);
    expect(genuine.map((s) => s.totalDocumentSigned)).toEqual([false, true]);
    expect(flipped.map((s) => s.valid)).toEqual([false, false]);
  });
});
