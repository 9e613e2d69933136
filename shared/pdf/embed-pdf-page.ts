import { constants, deflateSync, inflateSync } from 'node:zlib';
import {
  PDFArray,
  PDFDict,
  PDFName,
  PDFRawStream,
  PDFRef,
  concatTransformationMatrix,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
  type PDFContext,
  type PDFPage,
} from 'pdf-lib';
import type { CleanCopier } from './clean-copier';
import type { PageEntry } from './pdf-page-tree';
import { rawStream } from './raw-stream';
import { OriginalFormatError } from './types';

/** A page of an original turned into a Form XObject of the copy. */
export interface EmbeddedOriginalPage {
  ref: PDFRef;
  /** Displayed size (rotation applied), in points. */
  width: number;
  height: number;
  box: PageEntry['box'];
  rotate: PageEntry['rotate'];
}

/** Most decoded bytes of one page's content when it is split into several streams. */
const MAX_PAGE_CONTENT = 64 * 1024 * 1024;
const FLATE = new Set(['FlateDecode', 'Fl']);

/**
 * Makes a Form XObject of one original page: its content and its (cleaned) resources only, the
 * BBox being the visible area (CropBox). A single content stream is reused as is (no decoding,
 * no re-encoding); several are inflated (bounded) and joined, as the spec allows.
 */
export function embedOriginalPage(context: PDFContext, page: PageEntry, copier: CleanCopier): EmbeddedOriginalPage {
  const { box, rotate } = page;
  const dict = context.obj({
    Type: 'XObject',
    Subtype: 'Form',
    FormType: 1,
    BBox: [box.x0, box.y0, box.x1, box.y1],
  });
  dict.set(PDFName.of('Resources'), page.resources ? copier.copy(page.resources) : context.obj({}));
  const group = page.node.get(PDFName.of('Group'));
  if (group) dict.set(PDFName.of('Group'), copier.copy(group));
  let contents = page.node.lookup(PDFName.of('Contents'));
  if (contents instanceof PDFArray && contents.size() === 1) contents = contents.lookup(0);
  let data: Uint8Array = new Uint8Array(0);
  if (contents instanceof PDFRawStream) {
    data = contents.contents;
    for (const key of ['Filter', 'DecodeParms']) {
      const value = contents.dict.get(PDFName.of(key));
      if (value) dict.set(PDFName.of(key), copier.copy(value));
    }
  } else if (contents instanceof PDFArray) {
    data = deflateSync(joinContentStreams(contents));
    dict.set(PDFName.of('Filter'), PDFName.of('FlateDecode'));
  }
  const ref = context.register(rawStream(dict, data));
  const w = box.x1 - box.x0;
  const h = box.y1 - box.y0;
  const sideways = rotate === 90 || rotate === 270;
  return { ref, width: sideways ? h : w, height: sideways ? w : h, box, rotate };
}

/** The content streams of a page, in order (one stream, or the streams of an array). */
export function pageContentStreams(page: PageEntry): PDFRawStream[] {
  const contents = page.node.lookup(PDFName.of('Contents'));
  if (contents instanceof PDFRawStream) return [contents];
  if (!(contents instanceof PDFArray)) return [];
  return contents.asArray().map((_, i) => contents.lookup(i)).filter((s): s is PDFRawStream => s instanceof PDFRawStream);
}

function joinContentStreams(contents: PDFArray): Uint8Array {
  const parts: Buffer[] = [];
  let total = 0;
  for (let i = 0; i < contents.size(); i++) {
    const stream = contents.lookup(i);
    if (!(stream instanceof PDFRawStream)) continue;
    const decoded = decodeContentStream(stream, MAX_PAGE_CONTENT - total);
    total += decoded.length + 1;
    parts.push(decoded, NEWLINE);
  }
  return Buffer.concat(parts);
}

const NEWLINE = Buffer.from('\n');

/** Inflates one content stream with a hard output limit; only Flate (or no filter) is accepted. */
function decodeContentStream(stream: PDFRawStream, budget: number): Buffer {
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  const names = filter instanceof PDFArray ? filter.asArray().map((f) => (f instanceof PDFName ? f.decodeText() : '?'))
    : filter instanceof PDFName ? [filter.decodeText()] : filter === undefined ? [] : ['?'];
  if (names.length > 1 || (names.length === 1 && !FLATE.has(names[0])) || stream.dict.has(PDFName.of('DecodeParms'))) {
    throw new OriginalFormatError('nội dung trang PDF dùng kiểu nén không được hỗ trợ.');
  }
  const raw = Buffer.from(stream.contents.buffer, stream.contents.byteOffset, stream.contents.byteLength);
  if (names.length === 0) {
    if (raw.length > budget) throw tooLarge();
    return raw;
  }
  if (budget <= 0) throw tooLarge();
  try {
    return inflateSync(raw, { maxOutputLength: budget, finishFlush: constants.Z_SYNC_FLUSH });
  } catch (error) {
    if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
    throw new OriginalFormatError('nội dung trang PDF bị hỏng (không giải nén được).', { cause: error });
  }
}

function tooLarge(): OriginalFormatError {
  return new OriginalFormatError('nội dung một trang PDF quá lớn sau khi giải nén.');
}

/**
 * Draws an embedded page so that its visible area, upright as a reader shows it, fills the
 * rectangle of the displayed size times `scale` whose lower-left corner is (x, y).
 */
export function drawOriginalPage(page: PDFPage, embedded: EmbeddedOriginalPage, x: number, y: number, scale = 1): void {
  const name = page.node.newXObject('Orig', embedded.ref);
  const { x0, y0, x1, y1 } = embedded.box;
  const w = x1 - x0;
  const h = y1 - y0;
  // Clockwise display rotation (ISO 32000-1 §7.7.3.3, /Rotate) as a matrix on the content.
  const m: [number, number, number, number, number, number] =
    embedded.rotate === 90 ? [0, -1, 1, 0, -y0, w + x0]
      : embedded.rotate === 180 ? [-1, 0, 0, -1, w + x0, h + y0]
        : embedded.rotate === 270 ? [0, 1, -1, 0, h + y0, -x0]
          : [1, 0, 0, 1, -x0, -y0];
  page.pushOperators(
    pushGraphicsState(), concatTransformationMatrix(scale, 0, 0, scale, x, y), concatTransformationMatrix(...m), drawObject(name), popGraphicsState(),
  );
}
