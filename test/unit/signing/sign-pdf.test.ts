import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFObject,
} from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevSigner } from '../../../shared/signing/dev/dev-pki';
import { SigningError } from '../../../shared/signing/errors';
import { signPdf, type SignPdfOptions } from '../../../shared/signing/sign-pdf';
import { buildPdf } from './support/pdf-fixtures';
import { AGENCY, OFFICIAL, createTestPki, type TestPki } from './support/test-pki';
import { createNssDb, pdfsig, qpdfCheck, runTool } from './support/tools';

const OFFICIAL_RECT: [number, number, number, number] = [60, 120, 280, 200];
const AGENCY_RECT: [number, number, number, number] = [320, 120, 540, 200];
const SIGNING_TIME = new Date('2025-03-14T02:30:00Z');

describe('Function: signPdf', () => {
  let env: TestPki;
  let nssDb: string;
  let original: Uint8Array;
  let once: Uint8Array;
  let twice: Uint8Array;
  const officialOptions = (): SignPdfOptions => ({
    signer: createDevSigner(env.pki.officials[OFFICIAL.id]),
    signingTime: SIGNING_TIME,
    field: { name: 'official', pageIndex: 1, rect: OFFICIAL_RECT },
    signerName: OFFICIAL.fullName,
    reason: 'Chứng thực bản sao đúng với bản chính',
    location: 'Phường Ba Đình, Hà Nội',
    contactInfo: 'ubnd@badinh.gov.vn',
  });
  const agencyOptions = (): SignPdfOptions => ({
    signer: createDevSigner(env.pki.agencies[AGENCY.id]),
    signingTime: new Date(SIGNING_TIME.getTime() + 60_000),
    field: { name: 'agency', pageIndex: 1, rect: AGENCY_RECT },
    signerName: AGENCY.name,
    reason: 'Đóng dấu cơ quan',
  });

  beforeAll(async () => {
    env = await createTestPki();
    mkdirSync(join(env.dir, 'nss'));
    nssDb = createNssDb(join(env.dir, 'nss'), env.pki.rootCertPem);
    original = await buildPdf({ pages: 2 });
    once = await signPdf(original, officialOptions());
    twice = await signPdf(once, agencyOptions());
    writeFileSync(join(env.dir, 'once.pdf'), once);
    writeFileSync(join(env.dir, 'twice.pdf'), twice);
  });
  afterAll(() => env.cleanup());

  describe('signing twice on the last page (official, then agency)', () => {
    it('makes pdfsig report both signatures valid and trusted, the last covering the whole file', () => {
      // Act
      const signatures = pdfsig(join(env.dir, 'twice.pdf'), nssDb);

      // Assess
      expect(signatures.map((s) => s.fieldName)).toEqual(['official', 'agency']);
      for (const signature of signatures) {
        expect(signature.valid, signature.text).toBe(true);
        expect(signature.trusted, signature.text).toBe(true);
        expect(signature.signatureType).toBe('ETSI.CAdES.detached');
      }
      expect(signatures[0].commonName).toBe(OFFICIAL.fullName);
      expect(signatures[1].commonName).toBe(AGENCY.name);
      expect(signatures[0].totalDocumentSigned).toBe(false);
      expect(signatures[1].totalDocumentSigned).toBe(true);
    });

    it('makes the once-signed file a totally signed document on its own', () => {
      // Act
      const [signature] = pdfsig(join(env.dir, 'once.pdf'), nssDb);

      // Assess
      expect(signature.valid && signature.trusted && signature.totalDocumentSigned, signature.text).toBe(true);
    });

    it('produces files that qpdf --check finds clean', () => {
      // Act
      const results = ['once.pdf', 'twice.pdf'].map((file) => qpdfCheck(join(env.dir, file)));

      // Assess
      for (const result of results) expect(result.status, result.stdout + result.stderr).toBe(0);
    });

    it('leaves every earlier byte untouched and appends one revision per signature', () => {
      // Assess
      expect(Buffer.from(once.subarray(0, original.length)).equals(Buffer.from(original))).toBe(true);
      expect(Buffer.from(twice.subarray(0, once.length)).equals(Buffer.from(once))).toBe(true);
      const tail = (from: Uint8Array, to: Uint8Array) => Buffer.from(to.subarray(from.length)).toString('latin1');
      expect(tail(original, once).match(/%%EOF/g)).toHaveLength(1);
      expect(tail(once, twice).match(/%%EOF/g)).toHaveLength(1);
      expect(tail(once, twice)).toMatch(/\/Prev \d+ >>\nstartxref\n\d+\n%%EOF$/);
    });

    it('rewrites in the second revision only the page and the AcroForm, adding only the agency field objects', async () => {
      // Prepare
      const doc = await PDFDocument.load(once, { updateMetadata: false });
      const acroFormRef = doc.catalog.get(PDFName.of('AcroForm')) as PDFRef;
      const pageRef = doc.getPage(1).ref;
      const size = Number([...Buffer.from(once).toString('latin1').matchAll(/\/Size (\d+)/g)].at(-1)![1]);

      // Act
      const secondRevision = Buffer.from(twice.subarray(once.length)).toString('latin1');
      const written = [...secondRevision.matchAll(/^(\d+) 0 obj$/gm)].map((m) => Number(m[1])).sort((a, b) => a - b);

      // Assess
      const expected = [acroFormRef.objectNumber, pageRef.objectNumber, size, size + 1, size + 2].sort((a, b) => a - b);
      expect(written).toEqual(expected);
      expect(secondRevision).not.toMatch(/\/Type \/Catalog/);
    });

    it('sets /SigFlags 3 in the AcroForm from the first signature on', async () => {
      for (const [file, fieldCount] of [[once, 1], [twice, 2]] as const) {
        // Act
        const doc = await PDFDocument.load(file, { updateMetadata: false });
        const acroForm = doc.context.lookup(doc.catalog.get(PDFName.of('AcroForm'))) as PDFDict;

        // Assess
        expect((acroForm.get(PDFName.of('SigFlags')) as PDFNumber).asNumber()).toBe(3);
        expect((acroForm.get(PDFName.of('Fields')) as PDFArray).size()).toBe(fieldCount);
      }
    });

    it('puts both widgets on the last page with the requested rectangles, in AcroForm /Fields', async () => {
      // Act
      const doc = await PDFDocument.load(twice, { updateMetadata: false });

      // Assess
      const lookup = <T extends PDFObject>(obj: PDFObject | undefined) => (obj instanceof PDFRef ? doc.context.lookup(obj) : obj) as T;
      const acroForm = lookup<PDFDict>(doc.catalog.get(PDFName.of('AcroForm')));
      const fields = lookup<PDFArray>(acroForm.get(PDFName.of('Fields'))).asArray().map((f) => lookup<PDFDict>(f));
      expect(fields).toHaveLength(2);
      expect(doc.getPage(0).node.Annots()?.size() ?? 0).toBe(0);
      const annots = doc.getPage(1).node.Annots()!.asArray().map((a) => lookup<PDFDict>(a));
      expect(annots).toEqual(fields);
      const rects = annots.map((a) => lookup<PDFArray>(a.get(PDFName.of('Rect'))).asArray().map((n) => (n as PDFNumber).asNumber()));
      expect(rects).toEqual([OFFICIAL_RECT, AGENCY_RECT]);
      for (const widget of annots) {
        expect(widget.get(PDFName.of('FT'))).toBe(PDFName.of('Sig'));
        expect(widget.get(PDFName.of('Subtype'))).toBe(PDFName.of('Widget'));
        expect(widget.get(PDFName.of('P'))).toBe(doc.getPage(1).ref);
        const sig = lookup<PDFDict>(widget.get(PDFName.of('V')));
        expect(sig.get(PDFName.of('Filter'))).toBe(PDFName.of('Adobe.PPKLite'));
        expect(sig.get(PDFName.of('SubFilter'))).toBe(PDFName.of('ETSI.CAdES.detached'));
        expect(sig.has(PDFName.of('Cert'))).toBe(false);
      }
    });

    it('writes /M from signingTime and Vietnamese /Name, /Reason, /Location as UTF-16BE text strings', async () => {
      // Act
      const doc = await PDFDocument.load(twice, { updateMetadata: false });
      const widget = doc.context.lookup(doc.getPage(1).node.Annots()!.get(0)) as PDFDict;
      const sig = doc.context.lookup(widget.get(PDFName.of('V'))) as PDFDict;
      const text = (key: string) => (sig.get(PDFName.of(key)) as PDFHexString | PDFString).decodeText();
      const raw = Buffer.from(once).toString('latin1');

      // Assess
      expect((sig.get(PDFName.of('M')) as PDFString).asString()).toBe('D:20250314023000Z');
      expect(text('Name')).toBe(OFFICIAL.fullName);
      expect(text('Reason')).toBe('Chứng thực bản sao đúng với bản chính');
      expect(text('Location')).toBe('Phường Ba Đình, Hà Nội');
      expect(text('ContactInfo')).toBe('ubnd@badinh.gov.vn');
      expect(raw).toContain('/Name <FEFF005400721EA7006E');
    });
  });

  describe('documents with existing forms and annotations', () => {
    it('extends an existing AcroForm and indirect /Annots array, keeping both signatures valid', async () => {
      // Prepare
      const doc = await PDFDocument.load(await buildPdf({ pages: 1 }));
      doc.getForm().createTextField('ghi_chu').addToPage(doc.getPage(0), { x: 50, y: 500, width: 200, height: 20 });
      const page = doc.getPage(0).node;
      page.set(PDFName.of('Annots'), doc.context.register(page.Annots()!));
      const withForm = await doc.save({ useObjectStreams: false });

      // Act
      const signed = await signPdf(await signPdf(withForm, { ...officialOptions(), field: { name: 'official', pageIndex: 0, rect: OFFICIAL_RECT } }),
        { ...agencyOptions(), field: { name: 'agency', pageIndex: 0, rect: AGENCY_RECT } });
      const file = join(env.dir, 'with-form.pdf');
      writeFileSync(file, signed);

      // Assess
      const signatures = pdfsig(file, nssDb);
      expect(signatures.map((s) => s.valid && s.trusted)).toEqual([true, true]);
      expect(qpdfCheck(file).status).toBe(0);
      const reloaded = await PDFDocument.load(signed);
      expect(reloaded.getForm().getFields().map((f) => f.getName())).toEqual(['ghi_chu', 'official', 'agency']);
      expect(reloaded.getPage(0).node.Annots()!.size()).toBe(3);
    });
  });

  describe('documents saved with object streams (cross-reference streams)', () => {
    const signBoth = async (input: Uint8Array) => signPdf(await signPdf(input, { ...officialOptions(), field: { name: 'official', pageIndex: 0, rect: OFFICIAL_RECT } }),
      { ...agencyOptions(), field: { name: 'agency', pageIndex: 0, rect: AGENCY_RECT } });

    it.each([
      ['pdf-lib useObjectStreams', async () => buildPdf({ pages: 1, useObjectStreams: true })],
      ['qpdf --object-streams=generate', async () => {
        const plain = join(env.dir, 'plain-for-qpdf.pdf');
        const packed = join(env.dir, 'packed-by-qpdf.pdf');
        writeFileSync(plain, await buildPdf({ pages: 1 }));
        const result = runTool('qpdf', ['--object-streams=generate', plain, packed]);
        if (result.status !== 0) throw new Error(result.stderr);
        return readFileSync(packed);
      }],
    ])('signs twice a PDF from %s with xref-stream updates that pdfsig and qpdf accept', async (name, build) => {
      // Prepare
      const input = await build();
      expect(Buffer.from(input).toString('latin1')).toContain('/ObjStm');

      // Act
      const signed = await signBoth(input);
      const file = join(env.dir, `${name.replace(/\W+/g, '-')}.pdf`);
      writeFileSync(file, signed);

      // Assess
      const tail = Buffer.from(signed).toString('latin1', signed.length - 600);
      expect(tail).toMatch(/\/Type \/XRef/);
      expect(tail).not.toMatch(/\ntrailer\n/);
      const signatures = pdfsig(file, nssDb);
      expect(signatures.map((s) => [s.fieldName, s.valid, s.trusted])).toEqual([['official', true, true], ['agency', true, true]]);
      expect(signatures[1].totalDocumentSigned).toBe(true);
      expect(qpdfCheck(file).status).toBe(0);
    });
  });

  describe('refusing input it cannot handle', () => {
    const expectSigningError = async (promise: Promise<unknown>, code: string, message: RegExp) => {
      const error = await promise.then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(SigningError);
      expect((error as SigningError).code).toBe(code);
      expect((error as SigningError).message).toMatch(message);
    };

    it('refuses a PDF whose cross-reference stream is cut short, as unsupported-pdf', async () => {
      // Prepare
      const compressed = Buffer.from(await buildPdf({ pages: 1, useObjectStreams: true }));
      const xref = compressed.lastIndexOf('/Type /XRef');
      const broken = Buffer.concat([compressed.subarray(0, xref), Buffer.from('/Type /XRef /W [1 2 1] /Size 9999 /Index [0 9999]'), compressed.subarray(xref + 11)]);

      // Act / Assess
      await expectSigningError(signPdf(broken, { ...officialOptions(), field: { name: 'x', pageIndex: 0, rect: [0, 0, 1, 1] } }),
        'unsupported-pdf', /./);
    });

    it('refuses an encrypted PDF', async () => {
      // Prepare
      const plain = join(env.dir, 'plain.pdf');
      const encrypted = join(env.dir, 'encrypted.pdf');
      writeFileSync(plain, original);
      const result = runTool('qpdf', ['--object-streams=disable', '--encrypt', 'user', 'owner', '256', '--', plain, encrypted]);
      expect(result.status, result.stderr).toBe(0);

      // Act / Assess
      await expectSigningError(signPdf(readFileSync(encrypted), officialOptions()), 'unsupported-pdf', /encrypted/);
    });

    it('refuses a page index outside the document', async () => {
      await expectSigningError(signPdf(original, { ...officialOptions(), field: { name: 'x', pageIndex: 2, rect: OFFICIAL_RECT } }),
        'invalid-options', /Page index 2 is outside the document \(2 pages\)/);
    });

    it('refuses a second field with a name already in the document', async () => {
      await expectSigningError(signPdf(once, officialOptions()), 'invalid-options', /already has a form field named "official"/);
    });

    it('refuses field names with a period and empty rectangles', async () => {
      await expectSigningError(signPdf(original, { ...officialOptions(), field: { name: 'a.b', pageIndex: 0, rect: OFFICIAL_RECT } }),
        'invalid-options', /not a valid signature field name/);
      await expectSigningError(signPdf(original, { ...officialOptions(), field: { name: 'a', pageIndex: 0, rect: [10, 10, 10, 50] } }),
        'invalid-options', /rectangle/);
    });

    it('refuses an appearance that is not a Form XObject of the file (the catalog, a number past the end)', async () => {
      await expectSigningError(signPdf(original, { ...officialOptions(), field: { name: 'a', pageIndex: 0, rect: OFFICIAL_RECT, appearance: 1 } }),
        'invalid-options', /not a Form XObject/);
      await expectSigningError(signPdf(original, { ...officialOptions(), field: { name: 'a', pageIndex: 0, rect: OFFICIAL_RECT, appearance: 0 } }),
        'invalid-options', /positive object number/);
    });

    it('fails with signature-too-large when the reserved /Contents cannot hold the CMS', async () => {
      await expectSigningError(signPdf(original, { ...officialOptions(), signatureLength: 1024 }), 'signature-too-large', /does not fit/);
    });

    it('refuses bytes that are not a PDF and a truncated PDF', async () => {
      await expectSigningError(signPdf(Buffer.from('hello, world'), officialOptions()), 'unsupported-pdf', /startxref/);
      await expectSigningError(signPdf(original.subarray(0, original.length - 200), officialOptions()), 'unsupported-pdf', /startxref/);
    });

    it('refuses a PDF whose xref table points at the wrong bytes', async () => {
      // Prepare: drop one byte of the binary comment, shifting every object without fixing the table
      const text = Buffer.from(original).toString('latin1');
      const broken = Buffer.from(text.replace(/^(%PDF-1\.7\n%.)./, '$1'), 'latin1');
      expect(broken.length).toBe(original.length - 1);

      // Act / Assess
      await expectSigningError(signPdf(broken, officialOptions()), 'unsupported-pdf', /Cannot parse the PDF|points object/);
    });
  });
});
