import { crc32, deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFString, StandardFonts, degrees, rgb } from 'pdf-lib';

/** One page of a generated original. */
export interface PageSpec {
  size?: [number, number];
  rotate?: 0 | 90 | 180 | 270;
  cropBox?: [number, number, number, number];
  text?: string;
}

/** A PDF original made with pdf-lib: each page framed, with its text top-left. */
export async function makePdf(pages: PageSpec[], options: { hostile?: boolean; objectStreams?: boolean } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  pages.forEach((spec, i) => {
    const page = doc.addPage(spec.size ?? [595.28, 841.89]);
    const { width, height } = page.getSize();
    page.drawRectangle({ x: 8, y: 8, width: width - 16, height: height - 16, borderColor: rgb(0.8, 0, 0), borderWidth: 2 });
    page.drawText(spec.text ?? `ORIGINAL PAGE ${i + 1}`, { x: 40, y: height - 60, size: 18, font });
    if (spec.rotate) page.setRotation(degrees(spec.rotate));
    if (spec.cropBox) page.setCropBox(...spec.cropBox);
  });
  if (options.hostile) await addHostileFeatures(doc);
  return doc.save({ useObjectStreams: options.objectStreams ?? true });
}

/**
 * Everything docs/signatures.md ("What the signed copy carries") says must not reach the copy: a link annotation running
 * JavaScript, a document OpenAction, document-level JavaScript, a form with a field, an
 * attachment, an outline, optional content and page additional-actions.
 */
async function addHostileFeatures(doc: PDFDocument): Promise<void> {
  const { context } = doc;
  const js = (code: string) => context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of(code) });
  const page = doc.getPage(0);
  const annot = context.register(context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 200, 200], A: js('app.alert("EVIL-ANNOT")') }));
  page.node.set(PDFName.of('Annots'), context.obj([annot]));
  page.node.set(PDFName.of('AA'), context.obj({ O: js('app.alert("EVIL-PAGE-OPEN")') }));
  doc.catalog.set(PDFName.of('OpenAction'), js('app.alert("EVIL-OPEN")'));
  doc.addJavaScript('evil', 'app.alert("EVIL-DOC-JS")');
  const form = doc.getForm();
  form.createTextField('evil.field').addToPage(page, { x: 50, y: 300, width: 200, height: 30 });
  await doc.attach(Buffer.from('EVIL-ATTACHMENT'), 'evil.txt', { mimeType: 'text/plain' });
  const outline = context.register(context.obj({ Title: PDFString.of('EVIL-OUTLINE'), A: js('app.alert("EVIL-OUTLINE")') }));
  doc.catalog.set(PDFName.of('Outlines'), context.obj({ Type: 'Outlines', First: outline, Last: outline, Count: 1 }));
  const ocg = context.register(context.obj({ Type: 'OCG', Name: PDFString.of('EVIL-LAYER') }));
  doc.catalog.set(PDFName.of('OCProperties'), context.obj({ OCGs: [ocg], D: { OFF: [ocg] } }));
  // Resources that try to smuggle the catalog and the annotation along, and a layered XObject.
  const smuggler = context.register(
    context.stream('q Q', {
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, 0, 10, 10],
      OC: ocg,
      Resources: { Properties: { Cat: context.trailerInfo.Root, Ann: annot } },
    }),
  );
  page.node.normalize();
  page.node.Resources()!.set(PDFName.of('XObject'), context.obj({ Fx: smuggler }));
}

/** A PDF written byte by byte from object bodies, with a correct classic xref table. */
export function rawPdf(objects: (string | Uint8Array)[], trailerExtra = ''): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0].length;
  objects.forEach((body, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), Buffer.from(body as never), Buffer.from('\nendobj\n')]);
    parts.push(chunk);
    length += chunk.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${length}\n%%EOF\n`));
  return Buffer.concat(parts);
}

/** A stream object body with its data. */
export function streamObject(dict: string, data: Uint8Array): Uint8Array {
  return Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`), data, Buffer.from('\nendstream')]);
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG built by hand: 8-bit gray (0), RGB (2), gray+alpha (4) or RGBA (6), a diagonal pattern. */
export function makePng(width: number, height: number, colorType: 0 | 2 | 4 | 6 = 2, extra: { dpi?: number; trns?: number[] } = {}): Uint8Array {
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colorType];
  const raw = Buffer.alloc(height * (1 + width * channels));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * channels);
    raw[row] = y % 5; // exercise every filter type on the way back
    for (let x = 0; x < width * channels; x++) raw[row + 1 + x] = (x * 7 + y * 13) & 0xff;
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = colorType;
  const chunks = [chunk('IHDR', ihdr)];
  if (extra.dpi) {
    const phys = Buffer.alloc(9);
    phys.writeUInt32BE(Math.round(extra.dpi / 0.0254), 0);
    phys.writeUInt32BE(Math.round(extra.dpi / 0.0254), 4);
    phys[8] = 1;
    chunks.push(chunk('pHYs', phys));
  }
  if (extra.trns) chunks.push(chunk('tRNS', Buffer.from(extra.trns.flatMap((v) => [v >> 8, v & 0xff]))));
  chunks.push(chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ...chunks]);
}

/** A PNG whose header claims `width`×`height` but whose data is a few bytes: a decompression bomb's header. */
export function pngHeaderClaiming(width: number, height: number, colorType = 2): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = colorType;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(1024))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Byte offset of the JPEG frame header (SOF0/1/2) segment. */
function sofOffset(jpeg: Uint8Array): number {
  let pos = 2;
  while (pos < jpeg.length) {
    const marker = jpeg[pos + 1];
    if (marker >= 0xc0 && marker <= 0xc2) return pos;
    pos += 2 + ((jpeg[pos + 2] << 8) | jpeg[pos + 3]);
  }
  throw new Error('no SOF');
}

/** The same JPEG with its frame header claiming another size. */
export function jpegClaiming(jpeg: Uint8Array, width: number, height: number): Uint8Array {
  const out = Buffer.from(jpeg);
  const sof = sofOffset(out);
  out.writeUInt16BE(height, sof + 5);
  out.writeUInt16BE(width, sof + 7);
  return out;
}

/** The same JPEG with an EXIF APP1 segment carrying `orientation` (big-endian TIFF, IFD0 only). */
export function jpegWithOrientation(jpeg: Uint8Array, orientation: number): Uint8Array {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(0x0112, 10);
  tiff.writeUInt16BE(3, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(orientation, 18);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([Buffer.from(jpeg.subarray(0, 2)), head, body, Buffer.from(jpeg.subarray(2))]);
}
