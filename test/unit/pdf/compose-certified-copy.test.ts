import { deflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFStream, PDFString, decodePDFRawStream } from 'pdf-lib';
import QRCode from 'qrcode';
import { OriginalRejectedError, ValidationError } from '../../../shared/domain/errors';
import { composeCertifiedCopy, type CertifiedCopyInput, type OriginalFile } from '../../../shared/pdf/compose-certified-copy';
import { jpegWithOrientation, makePdf, makePng, rawPdf, streamObject } from './support/originals';
import { pdfInfo, pdfPageSizes, pdfToText, qdfText, qpdfCheck, renderPage } from './support/tools';

const CODE = 'ABCD2345EFGH6789JKMNPQRS';
const URL = `https://bansao.example.gov.vn/verify/${CODE}`;

function input(originals: OriginalFile[], extra: Partial<CertifiedCopyInput> = {}): CertifiedCopyInput {
  return {
    originals,
    verifyCode: CODE,
    verifyUrl: URL,
    certificationNo: '123/01-2026-SCT/BS',
    attestationLines: [
      'Chứng thực bản sao đúng với bản chính.',
      'Số chứng thực: 123. Quyển số: 01-2026-SCT/BS',
      'Ngày 27 tháng 11 năm 2026',
      'Người thực hiện chứng thực',
      'Nguyễn Thị Ánh Tuyết',
      'Phó Chủ tịch',
      'Ủy ban nhân dân phường Ba Đình',
    ],
    official: { fullName: 'Nguyễn Thị Ánh Tuyết', title: 'Phó Chủ tịch' },
    agency: { name: 'Ủy ban nhân dân phường Ba Đình' },
    createdAt: new Date('2026-11-27T03:00:00Z'),
    ...extra,
  };
}

const pdfFile = (bytes: Uint8Array, fileName = 'ban-goc.pdf'): OriginalFile => ({ bytes, contentType: 'application/pdf', fileName });
const jpegFile = (bytes: Uint8Array, fileName = 'scan.jpg'): OriginalFile => ({ bytes, contentType: 'image/jpeg', fileName });
const pngFile = (bytes: Uint8Array, fileName = 'scan.png'): OriginalFile => ({ bytes, contentType: 'image/png', fileName });

/** Every image XObject of a loaded copy. */
function images(doc: PDFDocument): PDFRawStream[] {
  return doc.context
    .enumerateIndirectObjects()
    .map(([, o]) => o)
    .filter((o): o is PDFRawStream => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'));
}

const sizeOf = (doc: PDFDocument, i: number) => {
  const { width, height } = doc.getPage(i).getSize();
  return [Math.round(width), Math.round(height)];
};

describe('Function: composeCertifiedCopy', () => {
  let original: Uint8Array;
  let hostile: Uint8Array;
  let jpeg: Uint8Array;

  beforeAll(async () => {
    original = await makePdf([{ text: 'TRANG MOT' }, { size: [841.89, 595.28], text: 'TRANG HAI' }, { rotate: 90, text: 'TRANG BA' }]);
    hostile = await makePdf([{ text: 'NOI DUNG THAT' }], { hostile: true });
    jpeg = renderPage(original, 'jpeg', 100);
  });

  it('copies every page of a PDF and adds an attestation page with the lời chứng', async () => {
    // Act
    const copy = await composeCertifiedCopy(input([pdfFile(original)]));

    // Assess
    expect(copy.pages).toBe(4);
    const text = pdfToText(copy.pdf);
    expect(text).toContain('TRANG MOT');
    expect(text).toContain('TRANG HAI');
    expect(text).toContain('Chứng thực bản sao đúng với bản chính.');
    expect(text).toContain('Số chứng thực: 123. Quyển số: 01-2026-SCT/BS');
    expect(text).toContain('Nguyễn Thị Ánh Tuyết');
    expect(text).toContain('Phó Chủ tịch');
    expect(text).toContain('Ủy ban nhân dân phường Ba Đình');
    // The signatures show themselves (test/unit/pdf/signature-appearance.test.ts): no captioned empty boxes.
    expect(text).not.toContain('Chữ ký số của');
    expect(text.match(/Nguyễn Thị Ánh Tuyết/g)).toHaveLength(1);
  });

  it('prints a footer with the number, "Trang i/n" and the verify code on every page', async () => {
    // Act
    const copy = await composeCertifiedCopy(input([pdfFile(original)]));

    // Assess
    const text = pdfToText(copy.pdf);
    for (let i = 1; i <= 4; i++) expect(text).toContain(`Trang ${i}/4`);
    expect(text.match(/Số chứng thực: 123\/01-2026-SCT\/BS/g)).toHaveLength(4);
    expect(text.match(new RegExp(`Mã kiểm tra: ${CODE}`, 'g'))!.length).toBeGreaterThanOrEqual(4);
  });

  it('prints the verify URL beside the QR code at the top of page 1 only', async () => {
    // Act
    const copy = await composeCertifiedCopy(input([pdfFile(original)]));

    // Assess
    const pages = pdfToText(copy.pdf).split('\f');
    expect(pages[0]).toContain(URL);
    expect(pages[0].indexOf(URL)).toBeLessThan(pages[0].indexOf('TRANG MOT'));
    expect(pages.slice(1).join('')).not.toContain(URL);
  });

  it('draws a QR code whose modules encode the verify URL, top-left of page 1', async () => {
    // Prepare
    const expected = QRCode.create(URL, { errorCorrectionLevel: 'M' }).modules;

    // Act
    const copy = await composeCertifiedCopy(input([pdfFile(original)]));

    // Assess: rebuild the module matrix from the rectangles drawn on the white square.
    const doc = await PDFDocument.load(copy.pdf);
    const page = doc.getPage(0);
    const contents = page.node.Contents()!;
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
    const ops = streams.map((s) => Buffer.from(decodePDFRawStream(s as PDFRawStream).decode()).toString('latin1')).join('\n');
    const rects = [...ops.matchAll(/(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re/g)].map((m) => m.slice(1, 5).map(Number));
    const square = rects.findIndex(([, , w, h]) => Math.abs(w - 68) < 0.01 && Math.abs(h - 68) < 0.01);
    const [x0, y0] = rects[square];
    expect(x0).toBeLessThan(40);
    expect(y0 + 68).toBeGreaterThan(page.getHeight() - 40);
    const n = expected.size;
    const m = 68 / (n + 4);
    const drawn = new Uint8Array(n * n);
    for (const [x, y, w] of rects.slice(square + 1)) {
      if (x < x0 || x > x0 + 68 || y < y0 || y > y0 + 68) break;
      const row = Math.round((y0 + 68 - y) / m) - 1 - 2;
      const col = Math.round((x - x0) / m) - 2;
      for (let c = col; c < col + Math.round(w / m); c++) drawn[row * n + c] = 1;
    }
    expect(Buffer.from(drawn).equals(Buffer.from(expected.data))).toBe(true);
  });

  it('keeps each page at its own size (pdfinfo), landscape and rotated pages upright, QR and footer inside the page', async () => {
    // Prepare: A4 portrait, A4 landscape, a /Rotate 90 portrait page, a small odd-sized page.
    const mixed = await makePdf([{ text: 'TRANG MOT' }, { size: [841.89, 595.28], text: 'TRANG HAI' }, { rotate: 90, text: 'TRANG BA' }, { size: [300, 200], text: 'NHO' }]);

    // Act
    const copy = await composeCertifiedCopy(input([pdfFile(mixed)]));

    // Assess: the sizes an independent reader reports, page by page (the rotated page as shown).
    const sizes = pdfPageSizes(copy.pdf, 5);
    expect(sizes).toEqual(['595.28 x 841.89', '841.89 x 595.28', '841.89 x 595.28', '300 x 200', '595.28 x 841.89']);
    const doc = await PDFDocument.load(copy.pdf);
    expect(doc.getPage(2).getRotation().angle).toBe(0);
    const pages = pdfToText(copy.pdf).split('\f');
    expect(pages[0]).toContain(`Mã kiểm tra: ${CODE}`);
    expect(pages[0]).toContain('TRANG MOT');
    expect(pages[3]).toContain('NHO');
    expect(pages[3]).toContain('Trang 4/5');
  });

  it('carries only page content: no annotation, JavaScript, action, form, attachment, outline or optional content', async () => {
    // Act
    const copy = await composeCertifiedCopy(input([pdfFile(hostile)]));

    // Assess
    expect(pdfToText(copy.pdf)).toContain('NOI DUNG THAT');
    const doc = await PDFDocument.load(copy.pdf);
    for (const key of ['OpenAction', 'AA', 'AcroForm', 'Names', 'Outlines', 'OCProperties']) {
      expect(doc.catalog.has(PDFName.of(key))).toBe(false);
    }
    for (const page of doc.getPages()) {
      const annots = page.node.lookup(PDFName.of('Annots'));
      expect(annots === undefined || (annots instanceof PDFArray && annots.size() === 0)).toBe(true);
      expect(page.node.has(PDFName.of('AA'))).toBe(false);
    }
    for (const [, object] of doc.context.enumerateIndirectObjects()) {
      const dict = object instanceof PDFStream ? object.dict : object;
      if (!(dict instanceof PDFDict)) continue;
      expect(dict.get(PDFName.of('Type'))).not.toBe(PDFName.of('Annot'));
      expect(dict.get(PDFName.of('Type'))).not.toBe(PDFName.of('Filespec'));
      expect(dict.get(PDFName.of('Type'))).not.toBe(PDFName.of('OCG'));
      expect(dict.has(PDFName.of('JS'))).toBe(false);
      expect(dict.has(PDFName.of('S'))).toBe(false);
      expect(dict.has(PDFName.of('OC'))).toBe(false);
    }
    const catalogs = doc.context.enumerateIndirectObjects().filter(([, o]) => o instanceof PDFDict && o.get(PDFName.of('Type')) === PDFName.of('Catalog'));
    expect(catalogs).toHaveLength(1);
    const raw = qdfText(copy.pdf);
    for (const marker of ['EVIL', 'JavaScript', '/OpenAction', '/AcroForm', '/EmbeddedFile', '/OCProperties']) {
      expect(raw).not.toContain(marker);
    }
  });

  it('writes a file that qpdf finds clean, with a classic xref table and no object streams', async () => {
    // Act
    const copy = await composeCertifiedCopy(input([pdfFile(original), jpegFile(jpeg), pngFile(makePng(120, 80, 6))]));

    // Assess
    const check = qpdfCheck(copy.pdf);
    expect(check.status, check.output).toBe(0);
    const raw = Buffer.from(copy.pdf).toString('latin1');
    expect(raw).toMatch(/\nxref\n0 \d+\n/);
    expect(raw).toContain('trailer');
    expect(raw).not.toContain('/ObjStm');
    expect(raw).not.toContain('/XRef');
  });

  it('writes the metadata: title, subject, producer, creator, keywords with the verify code and /VerifyCode', async () => {
    // Act
    const copy = await composeCertifiedCopy(input([pdfFile(original)], { title: 'Bản sao Giấy khai sinh' }));

    // Assess
    const doc = await PDFDocument.load(copy.pdf, { updateMetadata: false });
    expect(doc.getTitle()).toBe('Bản sao Giấy khai sinh');
    expect(doc.getSubject()).toBe('Bản sao điện tử được chứng thực từ bản chính');
    expect(doc.getProducer()).toBe('Bản sao điện tử');
    expect(doc.getCreator()).toBe('Bản sao điện tử');
    expect(doc.getKeywords()).toContain(`verify-code:${CODE}`);
    const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
    const verifyCode = info.lookup(PDFName.of('VerifyCode'));
    expect(verifyCode instanceof PDFString || verifyCode instanceof PDFHexString).toBe(true);
    expect((verifyCode as PDFString).decodeText()).toBe(CODE);
    expect(pdfInfo(copy.pdf).Keywords).toContain(`verify-code:${CODE}`);
  });

  it('returns the two signature spots on the last page, inside it, the seal over the left third of the official\'s signature', async () => {
    // Act
    const copy = await composeCertifiedCopy(input([pdfFile(original)]));

    // Assess
    const { official, agency } = copy.fields;
    expect(official).toMatchObject({ name: 'sig-official', pageIndex: 3 });
    expect(agency).toMatchObject({ name: 'sig-agency', pageIndex: 3 });
    for (const [x0, y0, x1, y1] of [official!.rect, agency.rect]) {
      expect(x0).toBeGreaterThanOrEqual(0);
      expect(y0).toBeGreaterThan(28);
      expect(x1).toBeLessThanOrEqual(595.28);
      expect(y1).toBeLessThanOrEqual(841.89);
      expect(x1 - x0).toBeGreaterThan(100);
      expect(y1 - y0).toBeGreaterThan(40);
    }
    // Decree 30/2020 Annex I: the seal's centre left of the official's signature, its right edge
    // about a third of the way into it; vertically the two overlap.
    const [ox0, oy0, ox1, oy1] = official!.rect;
    const [ax0, ay0, ax1, ay1] = agency.rect;
    expect((ax0 + ax1) / 2).toBeLessThan(ox0 + (ox1 - ox0) / 3);
    expect(ax1).toBeGreaterThan(ox0 + (ox1 - ox0) / 4);
    expect(ax1).toBeLessThan(ox0 + (ox1 - ox0) / 2);
    expect(ay0 < oy1 && ay1 > oy0).toBe(true);
  });

  it('lays each image on A4 and embeds the JPEG bytes unchanged (no re-encoding)', async () => {
    // Act
    const copy = await composeCertifiedCopy(input([jpegFile(jpeg, 'trang-1.jpg'), jpegFile(jpeg, 'trang-2.jpg')]));

    // Assess
    const doc = await PDFDocument.load(copy.pdf);
    expect(copy.pages).toBe(3);
    expect(sizeOf(doc, 0)).toEqual([595, 842]);
    const jpegs = images(doc).filter((s) => s.dict.get(PDFName.of('Filter')) === PDFName.of('DCTDecode'));
    expect(jpegs).toHaveLength(2);
    for (const image of jpegs) expect(Buffer.compare(Buffer.from(image.contents), Buffer.from(jpeg))).toBe(0);
    expect(pdfToText(copy.pdf)).toContain('Trang 3/3');
  });

  it('puts the front and back of an ID card on one A4 page, front above back, at their real size', async () => {
    // Prepare: 1011×638 px at 300 dpi is an ID-1 card (85.6 × 54 mm, 242.6 × 153.1 pt).
    const card = makePng(1011, 638, 2, { dpi: 300 });
    const front: OriginalFile = { ...pngFile(card, 'mat-truoc.png'), side: 'id-card-front' };
    const back: OriginalFile = { ...pngFile(makePng(1011, 638, 0, { dpi: 300 }), 'mat-sau.png'), side: 'id-card-back' };

    // Act: uploaded back first; the copy still shows the front on top.
    const copy = await composeCertifiedCopy(input([back, front]));
    const unpaired = await composeCertifiedCopy(input([pngFile(card), pngFile(card)]));

    // Assess
    expect(pdfPageSizes(copy.pdf, 1)).toEqual(['595.28 x 841.89']);
    const doc = await PDFDocument.load(copy.pdf);
    const page = doc.getPage(0);
    const contents = page.node.Contents()!;
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
    const ops = streams.map((st) => Buffer.from(decodePDFRawStream(st as PDFRawStream).decode()).toString('latin1')).join('\n');
    const placed = [...ops.matchAll(/([\d.]+) 0 0 ([\d.]+) ([\d.]+) ([\d.]+) cm\s+\/(\S+) Do/g)].map((m) => ({
      width: Number(m[1]), height: Number(m[2]), y: Number(m[4]), name: m[5],
    }));
    expect(placed).toHaveLength(2);
    for (const p of placed) {
      expect(p.width).toBeCloseTo(242.6, 0);
      expect(p.height).toBeCloseTo(153.1, 0);
    }
    const xobjects = page.node.Resources()!.lookup(PDFName.of('XObject'), PDFDict);
    const colorSpace = (name: string) => (doc.context.lookup(xobjects.get(PDFName.of(name))) as PDFRawStream).dict.get(PDFName.of('ColorSpace'));
    const [upper, lower] = [...placed].sort((a, b) => b.y - a.y);
    expect(colorSpace(upper.name)).toBe(PDFName.of('DeviceRGB')); // the front (RGB), though uploaded second
    expect(colorSpace(lower.name)).toBe(PDFName.of('DeviceGray'));
    expect(copy.pages).toBeLessThan(unpaired.pages);
  });

  it('puts the lời chứng under a small image on the same page when there is room', async () => {
    // Prepare: 300×200 px at 150 dpi is 144×96 pt.
    const small = makePng(300, 200, 2, { dpi: 150 });

    // Act
    const copy = await composeCertifiedCopy(input([pngFile(small)]));

    // Assess
    expect(copy.pages).toBe(1);
    expect(copy.fields.official!.pageIndex).toBe(0);
    const doc = await PDFDocument.load(copy.pdf);
    expect(sizeOf(doc, 0)).toEqual([842, 595]); // a landscape image gets a landscape page
    expect(pdfToText(copy.pdf)).toContain('Trang 1/1');
  });

  it('reuses the compressed data of an opaque PNG and splits an alpha PNG into image and soft mask', async () => {
    // Act
    const copy = await composeCertifiedCopy(input([pngFile(makePng(64, 48, 2)), pngFile(makePng(64, 48, 6)), pngFile(makePng(10, 10, 4))]));

    // Assess
    const doc = await PDFDocument.load(copy.pdf);
    const all = images(doc);
    const withPredictor = all.filter((s) => s.dict.lookup(PDFName.of('DecodeParms')) instanceof PDFDict);
    expect(withPredictor).toHaveLength(1);
    expect(all.filter((s) => s.dict.has(PDFName.of('SMask')))).toHaveLength(2);
    expect(qpdfCheck(copy.pdf).status).toBe(0);
    expect(renderPage(copy.pdf, 'png', 20, 2).length).toBeGreaterThan(100);
  });

  it('turns a JPEG upright according to its EXIF orientation', async () => {
    // Prepare: a landscape scan stored sideways, flagged "rotate 90° clockwise to display".
    const landscape = renderPage(await makePdf([{ size: [841.89, 595.28] }]), 'jpeg', 40);

    // Act
    const upright = await composeCertifiedCopy(input([jpegFile(landscape)]));
    const turned = await composeCertifiedCopy(input([jpegFile(jpegWithOrientation(landscape, 6))]));

    // Assess
    expect(sizeOf(await PDFDocument.load(upright.pdf), 0)).toEqual([842, 595]);
    expect(sizeOf(await PDFDocument.load(turned.pdf), 0)).toEqual([595, 842]);
  });

  it('shows only the visible area (CropBox) of a cropped page', async () => {
    // Act
    const copy = await composeCertifiedCopy(input([pdfFile(await makePdf([{}, { cropBox: [0, 100, 500, 700] }]))]));

    // Assess
    expect(sizeOf(await PDFDocument.load(copy.pdf), 1)).toEqual([500, 700]);
  });

  it('joins a page whose content is split over several streams (a token may not, a text object may)', async () => {
    // Prepare
    const split = rawPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 300] /Contents [4 0 R 5 0 R] /Resources << /Font << /F1 6 0 R >> >> >>',
      streamObject('/Filter /FlateDecode', deflateSync('BT /F1 20 Tf 30 200 Td')),
      streamObject('', Buffer.from('(SPLIT CONTENT) Tj ET')),
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ]);

    // Act
    const copy = await composeCertifiedCopy(input([pdfFile(split)]));

    // Assess
    expect(pdfToText(copy.pdf)).toContain('SPLIT CONTENT');
  });

  it('keeps the originals in upload order', async () => {
    // Act
    const copy = await composeCertifiedCopy(input([jpegFile(jpeg), pdfFile(await makePdf([{ text: 'SAU ANH' }]))]));

    // Assess
    const pages = pdfToText(copy.pdf).split('\f');
    expect(copy.pages).toBe(3);
    expect(pages[1]).toContain('SAU ANH');
  });

  it('gives the same bytes for the same input (reproducible issuance)', async () => {
    // Act
    const first = await composeCertifiedCopy(input([pdfFile(hostile), jpegFile(jpeg)]));
    const second = await composeCertifiedCopy(input([pdfFile(hostile), jpegFile(jpeg)]));

    // Assess
    expect(Buffer.compare(Buffer.from(first.pdf), Buffer.from(second.pdf))).toBe(0);
  });

  it('refuses an original that is not what it is declared to be, naming the file', async () => {
    // Act
    const error = await composeCertifiedCopy(input([pdfFile(jpeg, 'gia-mao.pdf')])).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(OriginalRejectedError);
    expect((error as OriginalRejectedError).detail).toContain('gia-mao.pdf');
  });

  it('refuses to compose without originals or without a verify code', async () => {
    await expect(composeCertifiedCopy(input([]))).rejects.toBeInstanceOf(ValidationError);
    await expect(composeCertifiedCopy(input([pdfFile(original)], { verifyCode: ' ' }))).rejects.toBeInstanceOf(ValidationError);
  });

  it('composes a 200-page original (the largest request) into 201 pages', async () => {
    // Prepare
    const big = await makePdf(Array.from({ length: 200 }, (_, i) => ({ text: `PAGE ${i + 1}` })));

    // Act
    const copy = await composeCertifiedCopy(input([pdfFile(big)]));

    // Assess (how long it takes is the benchmark's business: bench/sections/certify-200p.ts)
    expect(copy.pages).toBe(201);
    expect(pdfToText(copy.pdf)).toContain('Trang 201/201');
  });
});
