import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevSigner } from '../../../shared/signing/dev/dev-pki';
import { findPageRef, PdfObjectEditor, type PdfObjectReader, type PdfRef } from '../../../shared/pdf-syntax';
import { signPdf } from '../../../shared/signing/sign-pdf';
import { verifyPdf, type VerificationReport } from '../../../shared/verification';
import { appendUnsignedRevision, signRevision, type ExtraObjects } from './support/forge';
import { AGENCY, MemoryRegistry, createTestPki, issueCopy, recordFor, type IssuedCopy, type TestPki } from './support/issued-copy';

const failing = (report: VerificationReport) => report.checks.filter((c) => !c.passed).map((c) => c.id);
const stream = (content: string, dict = '') => Buffer.from(`<< ${dict}/Length ${content.length} >>\nstream\n${content}\nendstream`, 'latin1');

/**
 * Shadow and incremental-saving attacks where every signature stays cryptographically valid:
 * the agency's revision (signed for real with the trusted agency key) also changes what the
 * official had signed. Each result is registered with its own hash, so only the revision
 * analysis can tell — and must: the verdict is tampered and `revisions` is the one failing check.
 */
describe('Function: verifyPdf and what a later revision may change', () => {
  let env: TestPki;
  let copy: IssuedCopy;
  const agencySigner = () => createDevSigner(env.pki.agencies[AGENCY.id]);
  const sealWith = (extra?: ExtraObjects) => signRevision(copy.once, copy.fields.agency, agencySigner(), new Date(Date.now() - 1000), extra);
  const verifyRegistered = (pdf: Uint8Array) => verifyPdf(pdf, { trust: env.trust, registry: new MemoryRegistry().add(recordFor(pdf, copy.verifyCode)), now: new Date() });
  const page = (reader: PdfObjectReader, index: number): PdfRef => findPageRef(reader, reader.dict(reader.xref.trailer.entries.get('Root') as PdfRef, 'catalog'), index);

  beforeAll(async () => {
    env = await createTestPki();
    copy = await issueCopy(env.pki);
  });
  afterAll(() => env.cleanup());

  it('accepts a seal revision rebuilt with nothing extra (the control for the cases below)', async () => {
    // Act
    const report = await verifyRegistered(await sealWith(() => []));

    // Assess
    expect(report.verdict, JSON.stringify(report.checks.filter((c) => !c.passed))).toBe('authentic');
  });

  it.each<[string, ExtraObjects, RegExp]>([
    ['replaces the scan page content stream', (reader) => {
      const contents = reader.dict(page(reader, 0), 'page').entries.get('Contents')!;
      const ref = (contents.kind === 'array' ? contents.items[0] : contents) as PdfRef;
      return [{ num: ref.num, gen: 0, body: stream('BT /F1 48 Tf 100 400 Td (GIA MAO) Tj ET') }];
    }, /sửa đối tượng \d+ \(luồng dữ liệu/],
    ['adds an /OpenAction to the catalog', (reader) => {
      const root = reader.xref.trailer.entries.get('Root') as PdfRef;
      const editor = new PdfObjectEditor(reader.object(root));
      editor.addEntry(reader.dict(root, 'catalog'), 'OpenAction', '<< /S /JavaScript /JS (app.alert\\(1\\)) >>');
      return [{ num: root.num, gen: 0, body: editor.body() }];
    }, /\/OpenAction/],
    ['adds a text annotation next to the new widget', (reader, objects) => {
      const pageRef = page(reader, 1);
      const num = reader.xref.size + 10;
      const body = objects.get(pageRef.num)!.replace(/\/Annots \[([^\]]*)\]/, `/Annots [$1 ${num} 0 R]`);
      return [
        { num: pageRef.num, gen: 0, body: Buffer.from(body, 'latin1') },
        { num, gen: 0, body: Buffer.from('<< /Type /Annot /Subtype /FreeText /Rect [50 50 400 120] /Contents (DA HUY) >>') },
      ];
    }, /thêm chú thích \d+/],
    ['changes the MediaBox of the scan page', (reader) => {
      const ref = page(reader, 0);
      const dict = reader.dict(ref, 'page');
      const editor = new PdfObjectEditor(reader.object(ref));
      editor.replace(dict.entries.get('MediaBox')!, '[0 0 300 300]');
      return [{ num: ref.num, gen: 0, body: editor.body() }];
    }, /sửa đối tượng \d+/],
    ['adds an object nothing signed refers to', (reader) => [
      { num: reader.xref.size + 10, gen: 0, body: stream('q 1 0 0 1 0 0 cm Q', '/Type /XObject /Subtype /Form /BBox [0 0 10 10] ') },
    ], /thêm đối tượng \d+ \(luồng dữ liệu \/XObject \/Form/],
  ])('calls a trusted seal whose revision also %s tampered (revisions)', async (_label, extra, detail) => {
    // Act
    const report = await verifyRegistered(await sealWith(extra));

    // Assess
    expect(report).toMatchObject({ verdict: 'tampered', indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
    expect(failing(report)).toEqual(['revisions']);
    expect(report.signatures.every((s) => s.digestMatches && s.signatureValid && s.chainTrusted)).toBe(true);
    expect(report.checks.find((c) => c.id === 'revisions')!.detail).toMatch(detail);
  });

  it('calls an unsigned revision slipped in between the two signatures tampered (revisions)', async () => {
    // Prepare: an annotation added after the official signed, then the agency seals everything.
    const edited = appendUnsignedRevision(copy.once, (reader, size) => {
      const ref = page(reader, 0);
      const editor = new PdfObjectEditor(reader.object(ref));
      const annots = reader.dict(ref, 'page').entries.get('Annots');
      if (annots?.kind === 'array') editor.appendToArray(annots, `${size} 0 R`);
      else editor.addEntry(reader.dict(ref, 'page'), 'Annots', `[${size} 0 R]`);
      return [
        { num: ref.num, gen: 0, body: editor.body() },
        { num: size, gen: 0, body: Buffer.from('<< /Type /Annot /Subtype /FreeText /Rect [50 50 400 120] /Contents (DA HUY) >>') },
      ];
    });
    const sealed = await signPdf(edited, { signer: agencySigner(), signingTime: new Date(Date.now() - 1000), field: copy.fields.agency });

    // Act
    const report = await verifyRegistered(sealed);

    // Assess
    expect(report).toMatchObject({ verdict: 'tampered', subIndication: 'FORMAT_FAILURE' });
    expect(failing(report)).toEqual(['revisions']);
    expect(report.checks.find((c) => c.id === 'revisions')!.detail).toMatch(/không kèm chữ ký/);
  });
});
