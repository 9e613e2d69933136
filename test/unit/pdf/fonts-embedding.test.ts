import { beforeAll, describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef, decodePDFRawStream } from 'pdf-lib';
import { composeCertifiedCopy, type CertifiedCopyInput } from '../../../shared/pdf/compose-certified-copy';
import { embedFonts, loadFontBytes } from '../../../shared/pdf/fonts';
import { drawLine } from '../../../shared/pdf/text-layout';
import { parseTrueType } from '../../../shared/pdf/truetype-font';
import { glyphClosure } from '../../../shared/pdf/truetype-subset';
import { makePdf } from './support/originals';
import { pdfFonts, pdfToText, qpdfCheck, renderDiagnostics, renderPage } from './support/tools';

const noto = { regular: parseTrueType(loadFontBytes().regular), bold: parseTrueType(loadFontBytes().bold) };
const gidsOf = (text: string, face: 'regular' | 'bold' = 'regular') => Array.from(text.normalize('NFC'), (ch) => noto[face].glyphId(ch.codePointAt(0)!));

const ATTESTATION = [
  'Chứng thực bản sao đúng với bản chính.',
  'Số chứng thực: 123. Quyển số: 01-2026-SCT/BS',
  'Ngày 27 tháng 11 năm 2026',
  'Người thực hiện chứng thực',
  'Nguyễn Thị Ánh Tuyết',
  'Phó Chủ tịch',
  'Ủy ban nhân dân phường Ba Đình',
];

async function certifiedCopy(): Promise<Uint8Array> {
  const input: CertifiedCopyInput = {
    originals: [{ bytes: await makePdf([{ text: 'TRANG MOT' }]), contentType: 'application/pdf', fileName: 'ban-goc.pdf' }],
    verifyCode: 'ABCD2345EFGH6789JKMNPQRS',
    verifyUrl: 'https://bansao.example.gov.vn/verify/ABCD2345EFGH6789JKMNPQRS',
    number: 123,
    book: '01/2026-SCT/BS-ĐT',
    attestationLines: ATTESTATION,
    official: { fullName: 'Nguyễn Thị Ánh Tuyết', title: 'Phó Chủ tịch' },
    agency: { name: 'Ủy ban nhân dân phường Ba Đình' },
    createdAt: new Date('2026-11-27T03:00:00Z'),
  };
  return (await composeCertifiedCopy(input)).pdf;
}

/** A one-page PDF with `lines` drawn in the regular face (and `boldText` in bold, if any). */
async function pdfWith(lines: string[], { boldText = '', size = 14 } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fonts = await embedFonts(doc);
  const page = doc.addPage([595, 842]);
  lines.forEach((line, i) => drawLine(page, line, 780 - 2 * size * i, { font: fonts.regular, size, x: 50, width: 500 }));
  if (boldText) drawLine(page, boldText, 100, { font: fonts.bold, size, x: 50, width: 500 });
  return doc.save();
}

/** What a Type0 font of a saved PDF is made of. */
interface EmbeddedFont {
  baseFont: string;
  cidFont: PDFDict;
  descriptor: PDFDict;
  program: Uint8Array;
  length1: number;
  widths: Map<number, number>;
  toUnicode: string;
}

async function embeddedFonts(pdf: Uint8Array): Promise<EmbeddedFont[]> {
  const doc = await PDFDocument.load(pdf);
  const deref = <T>(o: unknown) => (o instanceof PDFRef ? doc.context.lookup(o) : o) as T;
  const fonts: EmbeddedFont[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(PDFName.of('Subtype')) !== PDFName.of('Type0')) continue;
    const cidFont = deref<PDFDict>(deref<PDFArray>(obj.get(PDFName.of('DescendantFonts'))).get(0));
    const descriptor = deref<PDFDict>(cidFont.get(PDFName.of('FontDescriptor')));
    const file = deref<PDFRawStream>(descriptor.get(PDFName.of('FontFile2')));
    const widths = new Map<number, number>();
    const w = deref<PDFArray>(cidFont.get(PDFName.of('W'))).asArray().map((o) => deref<PDFNumber | PDFArray>(o));
    for (let i = 0; i < w.length; i += 2) {
      const first = (w[i] as PDFNumber).asNumber();
      (w[i + 1] as PDFArray).asArray().forEach((n, k) => widths.set(first + k, (n as PDFNumber).asNumber()));
    }
    fonts.push({
      baseFont: obj.get(PDFName.of('BaseFont'))!.toString().slice(1),
      cidFont,
      descriptor,
      program: decodePDFRawStream(file).decode(),
      length1: (file.dict.get(PDFName.of('Length1')) as PDFNumber).asNumber(),
      widths,
      toUnicode: Buffer.from(decodePDFRawStream(deref<PDFRawStream>(obj.get(PDFName.of('ToUnicode')))).decode()).toString('latin1'),
    });
  }
  return fonts.sort((a, b) => a.baseFont.localeCompare(b.baseFont));
}

const regularOf = async (pdf: Uint8Array) => (await embeddedFonts(pdf)).find((f) => f.baseFont.endsWith('+NotoSerif-Regular'))!;

describe('Function: embedFonts', () => {
  let copy: Uint8Array;

  beforeAll(async () => {
    copy = await certifiedCopy();
  });

  it('embeds both faces of a composed copy as subset CID TrueType fonts that poppler and qpdf accept', () => {
    // Act
    const fonts = pdfFonts(copy).filter((f) => f.name.includes('NotoSerif'));

    // Assess
    const names = fonts.map((f) => f.name).sort((a, b) => a.slice(7).localeCompare(b.slice(7)));
    expect(names).toEqual([expect.stringMatching(/^[A-Z]{6}\+NotoSerif-Bold$/), expect.stringMatching(/^[A-Z]{6}\+NotoSerif-Regular$/)]);
    for (const font of fonts) expect(font).toMatchObject({ type: 'CID TrueType', encoding: 'Identity-H', embedded: true, subset: true, unicode: true });
    expect(qpdfCheck(copy)).toMatchObject({ status: 0 });
    expect(renderDiagnostics(copy)).toBe('');
  });

  it('lets pdftotext extract the Vietnamese text exactly', async () => {
    // Act
    const text = pdfToText(copy).normalize('NFC');
    const own = pdfToText(await pdfWith(['BẢN SAO', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'ỹ ữ đ Đ ơ Ư 0123456789'])).normalize('NFC');

    // Assess
    for (const line of ATTESTATION) expect(text).toContain(line);
    expect(text).toContain('Mã QR tra cứu, xác thực bản sao điện tử');
    expect(own).toContain('BẢN SAO');
    expect(own).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(own).toContain('ỹ ữ đ Đ ơ Ư 0123456789');
  });

  it('writes a font program holding exactly the glyphs drawn and their components, with the real glyph ids', async () => {
    // Prepare
    const text = 'Độc lập - Tự do - Hạnh phúc';

    // Act
    const font = await regularOf(await pdfWith([text]));

    // Assess
    expect(font.length1).toBe(font.program.length);
    expect(font.cidFont.get(PDFName.of('CIDToGIDMap'))).toBe(PDFName.of('Identity'));
    const program = parseTrueType(font.program);
    const drawn = glyphClosure(noto.regular, gidsOf(text));
    const outlined = Array.from({ length: program.numGlyphs }, (_, gid) => gid).filter((gid) => program.glyph(gid).length > 0);
    const spaceGid = noto.regular.glyphId(0x20); // kept, but has no outline
    expect(new Set(outlined)).toEqual(new Set([...drawn].filter((gid) => gid !== spaceGid)));
    expect(program.numGlyphs).toBe(noto.regular.numGlyphs);
  });

  it('declares the advance width of every glyph drawn in /W, and only those', async () => {
    // Prepare
    const text = 'Ủy ban nhân dân 0123';

    // Act
    const font = await regularOf(await pdfWith([text]));

    // Assess
    const gids = new Set([0, ...gidsOf(text)]);
    expect(new Set(font.widths.keys())).toEqual(gids);
    for (const gid of gids) expect(font.widths.get(gid)).toBe(noto.regular.advanceWidth(gid));
  });

  it('maps each glyph drawn back to its letter in /ToUnicode', async () => {
    // Act
    const font = await regularOf(await pdfWith(['Ộữ']));

    // Assess
    const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
    expect(font.toUnicode).toContain(`<${hex(noto.regular.glyphId(0x1ed8))}> <1ED8>`);
    expect(font.toUnicode).toContain(`<${hex(noto.regular.glyphId(0x1eef))}> <1EEF>`);
    expect(font.toUnicode).toContain('2 beginbfchar');
  });

  it('renders a composite glyph whole: "Ộ" looks the same whether or not its base "O" was drawn too', async () => {
    // Prepare: the second document also draws "O" (off the page), so O is in its subset anyway
    const alone = await pdfWith(['Ộ Ữ'], { size: 60 });
    const doc = await PDFDocument.create();
    const fonts = await embedFonts(doc);
    const page = doc.addPage([595, 842]);
    drawLine(page, 'Ộ Ữ', 780, { font: fonts.regular, size: 60, x: 50, width: 500 });
    drawLine(page, 'OUơư', 780, { font: fonts.regular, size: 60, x: -2000, width: 500 });
    const withBase = await doc.save();

    // Act & Assess
    expect(Buffer.from(renderPage(alone, 'png', 50)).equals(Buffer.from(renderPage(withBase, 'png', 50)))).toBe(true);
    expect(renderDiagnostics(alone)).toBe('');
  });

  it('gives each document its own subset: a later document carries none of an earlier one’s glyphs', async () => {
    // Prepare
    await pdfWith(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM ỞỜ'], { boldText: 'ĐỘC LẬP' });

    // Act
    const later = await regularOf(await pdfWith(['BẢN SAO']));

    // Assess
    expect(new Set(later.widths.keys())).toEqual(new Set([0, ...gidsOf('BẢN SAO')]));
    const program = parseTrueType(later.program);
    expect(program.glyph(noto.regular.glyphId('Ộ'.codePointAt(0)!))).toHaveLength(0);
  });

  it('draws a character the font lacks as .notdef, measured with .notdef’s width, left out of the text layer', async () => {
    // Prepare
    const doc = await PDFDocument.create();
    const { regular } = await embedFonts(doc);

    // Act
    const encoded = regular.encodeText('A中');

    // Assess
    expect(encoded.asString()).toBe(`${noto.regular.glyphId(0x41).toString(16).toUpperCase().padStart(4, '0')}0000`);
    expect(regular.widthOfTextAtSize('中', 10)).toBe((noto.regular.advanceWidth(0) * 10) / 1000);
    const font = await regularOf(await pdfWith(['A中B']));
    const mappings = [...font.toUnicode.matchAll(/beginbfchar\n([^]*?)\nendbfchar/g)].map((m) => m[1]).join('\n');
    expect(mappings.split('\n')).toHaveLength(2);
    expect(mappings).not.toMatch(/^<0000>/m);
    const text = pdfToText(await pdfWith(['A中B']));
    expect(text).toMatch(/^A ?B/); // poppler may show the gap as a space
    expect(text).not.toContain('中');
  });

  it('measures NFC text with the font’s advance widths and metrics', async () => {
    // Prepare
    const doc = await PDFDocument.create();
    const { regular, bold } = await embedFonts(doc);
    const text = 'Nguyễn Thị Ánh Tuyết';
    const expected = gidsOf(text).reduce((w, gid) => w + noto.regular.advanceWidth(gid), 0) * (11 / 1000);

    // Act & Assess
    expect(regular.widthOfTextAtSize(text, 11)).toBeCloseTo(expected, 9);
    expect(regular.widthOfTextAtSize(text.normalize('NFD'), 11)).toBeCloseTo(expected, 9);
    expect(bold.widthOfTextAtSize(text, 11)).toBeGreaterThan(expected);
    expect(regular.heightAtSize(10)).toBeCloseTo(13.62, 9); // (1069 + 293) / 1000 × 10
    expect(regular.heightAtSize(10, { descender: false })).toBeCloseTo(10.69, 9);
    expect(regular.sizeAtHeight(13.62)).toBeCloseTo(10, 9);
    expect(regular.name).toBe('NotoSerif-Regular');
    expect(regular.getCharacterSet()).toContain(0x1ed8);
  });

  it('names a subset after its glyph set: the same text gives the same name, other text another', async () => {
    // Act
    const [a, b, c] = await Promise.all([pdfWith(['Bản sao']), pdfWith(['Bản sao']), pdfWith(['Bản chính'])]);

    // Assess
    const names = await Promise.all([a, b, c].map(async (pdf) => (await regularOf(pdf)).baseFont));
    expect(names[0]).toBe(names[1]);
    expect(names[2]).not.toBe(names[0]);
    expect(names[2]).toMatch(/^[A-Z]{6}\+NotoSerif-Regular$/);
  });
});
