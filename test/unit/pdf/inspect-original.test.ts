import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { OriginalRejectedError } from '../../../shared/domain/errors';
import { DEFAULT_PARSE_BUDGET } from '../../../shared/pdf/guarded-pdf-parser';
import { inspectionWork, inspectOriginal, type InspectionLimits, type InspectionWork, type OriginalContentType } from '../../../shared/pdf/inspect-original';
import { MAX_DECODED_STREAM, MAX_DECODED_TOTAL } from '../../../shared/pdf/stream-guard';
import {
  jpegClaiming,
  jpegWithOrientation,
  makePdf,
  makePng,
  pngHeaderClaiming,
  rawPdf,
  streamObject,
} from './support/originals';
import { qpdfEncrypt, renderPage } from './support/tools';

const LIMITS: InspectionLimits = { maxPages: 10, maxImageSide: 20_000, maxImagePixels: 100e6 };

async function rejection(
  bytes: Uint8Array,
  fileName: string,
  contentType: OriginalContentType,
  limits = LIMITS,
  shownName = fileName,
  work: InspectionWork = inspectionWork(),
): Promise<OriginalRejectedError> {
  const error = await inspectOriginal(bytes, { fileName, contentType }, limits, work).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OriginalRejectedError);
  const rejected = error as OriginalRejectedError;
  expect(rejected.status).toBe(422);
  expect(rejected.detail).toContain(`"${shownName}"`);
  return rejected;
}

describe('Function: inspectOriginal', () => {
  let pdf: Uint8Array;
  let jpeg: Uint8Array;
  let png: Uint8Array;

  beforeAll(async () => {
    pdf = await makePdf([{}, { size: [842, 595] }, { rotate: 90 }]);
    jpeg = renderPage(pdf, 'jpeg', 30);
    png = renderPage(pdf, 'png', 30);
  });

  it('accepts a PDF and reports its pages and SHA-256', async () => {
    // Act
    const result = await inspectOriginal(pdf, { fileName: 'giay-khai-sinh.pdf', contentType: 'application/pdf' }, LIMITS);

    // Assess
    expect(result).toEqual({
      contentType: 'application/pdf',
      pages: 3,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });
  });

  it('accepts a PDF saved with a classic xref table as well as with object streams', async () => {
    // Prepare
    const classic = await makePdf([{}, {}], { objectStreams: false });

    // Act
    const result = await inspectOriginal(classic, { fileName: 'a.pdf', contentType: 'application/pdf' }, LIMITS);

    // Assess
    expect(result.pages).toBe(2);
  });

  it('accepts a JPEG scan and reports its size in pixels', async () => {
    // Act
    const result = await inspectOriginal(jpeg, { fileName: 'scan.jpg', contentType: 'image/jpeg' }, LIMITS);

    // Assess
    expect(result).toMatchObject({ contentType: 'image/jpeg', pages: 1, widthPx: 249, heightPx: 351 });
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports the displayed size of a JPEG whose EXIF orientation turns it sideways', async () => {
    // Act
    const result = await inspectOriginal(jpegWithOrientation(jpeg, 6), { fileName: 'photo.jpg', contentType: 'image/jpeg' }, LIMITS);

    // Assess
    expect(result).toMatchObject({ widthPx: 351, heightPx: 249 });
  });

  it('accepts a PNG scan (from pdftoppm and hand-built)', async () => {
    // Act
    const rendered = await inspectOriginal(png, { fileName: 'scan.png', contentType: 'image/png' }, LIMITS);
    const built = await inspectOriginal(makePng(40, 30, 6), { fileName: 'rgba.png', contentType: 'image/png' }, LIMITS);

    // Assess
    expect(rendered).toMatchObject({ contentType: 'image/png', pages: 1, widthPx: 249, heightPx: 351 });
    expect(built).toMatchObject({ widthPx: 40, heightPx: 30 });
  });

  it('refuses an empty file', async () => {
    const error = await rejection(new Uint8Array(0), 'rong.pdf', 'application/pdf');
    expect(error.detail).toContain('rỗng');
  });

  it('refuses a text file named .pdf', async () => {
    const error = await rejection(Buffer.from('Đây không phải PDF.\n%%EOF\n'), 'bai-viet.pdf', 'application/pdf');
    expect(error.detail).toContain('không phải là tệp PDF');
  });

  it('refuses an encrypted PDF (user password, AES-256)', async () => {
    const error = await rejection(qpdfEncrypt(pdf, 'secret', 'owner', 256), 'mat-khau.pdf', 'application/pdf');
    expect(error.detail).toContain('mã hóa');
  });

  it('refuses a PDF encrypted with an empty user password (owner restrictions only, RC4)', async () => {
    const error = await rejection(qpdfEncrypt(pdf, '', 'owner', 40), 'han-che.pdf', 'application/pdf');
    expect(error.detail).toContain('mã hóa');
  });

  it('refuses a truncated PDF', async () => {
    const error = await rejection(pdf.subarray(0, Math.floor(pdf.length * 0.6)), 'cat-cut.pdf', 'application/pdf');
    expect(error.detail).toContain('cắt cụt');
  });

  it('refuses a PDF over the page limit', async () => {
    // Prepare
    const many = await makePdf(Array.from({ length: 4 }, () => ({})));

    // Act
    const error = await rejection(many, 'dai.pdf', 'application/pdf', { ...LIMITS, maxPages: 3 });

    // Assess
    expect(error.detail).toContain('nhiều hơn 3 trang');
  });

  it('refuses a PDF without pages', async () => {
    const empty = rawPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>']);
    const error = await rejection(empty, 'trong.pdf', 'application/pdf');
    expect(error.detail).toContain('không có trang');
  });

  it('refuses a page tree that loops back on itself, without hanging', async () => {
    const loop = rawPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [2 0 R] /Count 1 >>']);
    const error = await rejection(loop, 'vong-lap.pdf', 'application/pdf');
    expect(error.detail).toContain('vòng lặp');
  });

  it('refuses an object stream that inflates past the limit (zip bomb), before pdf-lib inflates it', async () => {
    // Prepare: 100 MB of spaces deflate to ~100 KB.
    const bomb = deflateSync(Buffer.alloc(100 * 1024 * 1024, 0x20), { level: 9 });
    const bytes = rawPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
      streamObject('/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', bomb),
    ]);
    const work = inspectionWork();

    // Act
    const error = await rejection(bytes, 'bom.pdf', 'application/pdf', LIMITS, 'bom.pdf', work);

    // Assess: refused by the raw-byte guard, before any object was parsed or page stream inflated.
    expect(error.detail).toContain('bất thường');
    expect(work).toEqual(inspectionWork());
  });

  it('refuses a page whose content inflates past the limit, since the copy would carry the bomb to every reader', async () => {
    // Prepare: the same 100 MB bomb as page content, alone and as a one-element array.
    const bomb = deflateSync(Buffer.alloc(100 * 1024 * 1024, 0x20), { level: 9 });
    const pageWith = (contents: string) =>
      rawPdf([
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents ${contents} >>`,
        streamObject('/Filter /FlateDecode', bomb),
      ]);

    const work = { single: inspectionWork(), inArray: inspectionWork() };

    // Act
    const single = await rejection(pageWith('4 0 R'), 'bom-trang.pdf', 'application/pdf', LIMITS, 'bom-trang.pdf', work.single);
    const inArray = await rejection(pageWith('[4 0 R]'), 'bom-mang.pdf', 'application/pdf', LIMITS, 'bom-mang.pdf', work.inArray);

    // Assess: inflating stopped at the per-stream limit, not at the bomb's 100 MB.
    expect(single.detail).toContain('giải nén');
    expect(inArray.detail).toContain('giải nén');
    for (const w of [work.single, work.inArray]) {
      expect(w.pagesChecked).toBe(1);
      expect(w.streamsChecked).toBe(1);
      expect(w.bytesInflated).toBe(MAX_DECODED_STREAM);
    }
  });

  it('refuses a PDF page holding an image that claims 100000×100000 pixels', async () => {
    const bytes = rawPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /XObject << /Im0 5 0 R >> >> >>',
      streamObject('', Buffer.from('q 200 0 0 200 0 0 cm /Im0 Do Q')),
      streamObject('/Type /XObject /Subtype /Image /Width 100000 /Height 100000 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode', deflateSync(Buffer.alloc(1000))),
    ]);
    const error = await rejection(bytes, 'anh-lon.pdf', 'application/pdf');
    expect(error.detail).toContain('quá lớn');
  });

  it('refuses a cross-reference stream whose /Index claims billions of entries', async () => {
    const bytes = rawPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
      streamObject('/Type /XRef /Size 5 /W [1 2 1] /Index [0 2000000000] /Root 1 0 R', Buffer.alloc(20)),
    ]);
    const error = await rejection(bytes, 'xref.pdf', 'application/pdf');
    expect(error.detail).toContain('hỏng');
  });

  it('refuses a PDF whose structure holds millions of objects, before they fill the memory', async () => {
    // Prepare: 2.5 million numbers in one array (5 MB).
    const bytes = rawPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
      `[${'1 '.repeat(2_500_000)}]`,
    ]);

    // Act
    const error = await rejection(bytes, 'nhieu.pdf', 'application/pdf');

    // Assess
    expect(error.detail).toContain('bất thường');
  });

  it('refuses a PNG header claiming 100000×100000 pixels, from the header alone', async () => {
    const error = await rejection(pngHeaderClaiming(100_000, 100_000), 'bom.png', 'image/png');
    expect(error.detail).toContain('quá lớn');
  });

  it('refuses a JPEG header claiming 65000×65000 pixels', async () => {
    const error = await rejection(jpegClaiming(jpeg, 65_000, 65_000), 'bom.jpg', 'image/jpeg');
    expect(error.detail).toContain('quá lớn');
  });

  it('refuses an image over the pixel budget even when each side is allowed', async () => {
    const error = await rejection(pngHeaderClaiming(15_000, 15_000), 'lon.png', 'image/png');
    expect(error.detail).toContain('triệu điểm ảnh');
  });

  it('refuses a zero-sized image', async () => {
    const error = await rejection(jpegClaiming(jpeg, 0, 100), 'rong.jpg', 'image/jpeg');
    expect(error.detail).toContain('kích thước không hợp lệ');
  });

  it('refuses a large PNG with an alpha channel, whose pixels would have to be decoded', async () => {
    const error = await rejection(pngHeaderClaiming(5_000, 5_000, 6), 'alpha.png', 'image/png');
    expect(error.detail).toContain('trong suốt');
  });

  it('refuses an alpha PNG whose pixel data is damaged, as composing it would fail', async () => {
    // Prepare: keep the chunks valid, spoil the zlib data inside IDAT.
    const png = Buffer.from(makePng(50, 50, 6));
    const idat = png.indexOf('IDAT') + 4;
    png.fill(0x55, idat + 2, idat + 40);

    // Act
    const error = await rejection(png, 'hong.png', 'image/png');

    // Assess
    expect(error.detail).toContain('hỏng');
  });

  it('refuses a JPEG declared as PNG, naming both types', async () => {
    const error = await rejection(jpeg, 'anh.png', 'image/png');
    expect(error.detail).toContain('ảnh JPEG nhưng được khai báo là ảnh PNG');
  });

  it('refuses a PDF declared as JPEG', async () => {
    const error = await rejection(pdf, 'anh.jpg', 'image/jpeg');
    expect(error.detail).toContain('tệp PDF nhưng được khai báo là ảnh JPEG');
  });

  it('refuses a truncated JPEG and a truncated PNG', async () => {
    await rejection(jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'nua.jpg', 'image/jpeg');
    await rejection(png.subarray(0, Math.floor(png.length / 2)), 'nua.png', 'image/png');
  });

  it('names the file without control characters in the message', async () => {
    const error = await rejection(Buffer.from('abc'), 'x\u0000y\u202e.pdf', 'application/pdf', LIMITS, 'xy.pdf');
    expect(error.extra).toEqual({ fileName: 'xy.pdf' });
  });

  it('either accepts or refuses with OriginalRejectedError every mutated PDF, within the work limits', async () => {
    // Prepare: a seeded generator, so that a failure can be replayed.
    let seed = 0x2f6b1d;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);

    // Act + Assess
    for (let round = 0; round < 150; round++) {
      const bytes = Buffer.from(pdf);
      const edits = 1 + Math.floor(random() * 20);
      for (let e = 0; e < edits; e++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      const work = inspectionWork();
      const outcome = await inspectOriginal(bytes, { fileName: `fuzz-${round}.pdf`, contentType: 'application/pdf' }, LIMITS, work).then(
        () => 'accepted',
        (e: unknown) => (e instanceof OriginalRejectedError ? 'rejected' : e),
      );
      expect(['accepted', 'rejected']).toContain(outcome);
      expect(work.objectsParsed).toBeLessThanOrEqual(DEFAULT_PARSE_BUDGET.objects);
      expect(work.pagesChecked).toBeLessThanOrEqual(LIMITS.maxPages);
      expect(work.bytesInflated).toBeLessThanOrEqual(MAX_DECODED_TOTAL);
    }
  });
});
