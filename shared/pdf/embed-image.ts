import {
  PDFHexString,
  PDFName,
  concatTransformationMatrix,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
  type PDFDocument,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib';
import { readJpegHeader } from './jpeg-header';
import { rawStream } from './raw-stream';
import { splitPngAlpha } from './png-alpha';
import { MAX_DECODED_PNG_PIXELS, pngNeedsDecoding, readPngHeader, type PngInfo } from './png-header';
import { OriginalFormatError } from './types';

/** An image of an original, embedded as an Image XObject. */
export interface EmbeddedImage {
  ref: PDFRef;
  /** Displayed size in pixels (EXIF orientation applied). */
  widthPx: number;
  heightPx: number;
  /** EXIF orientation 1..8. */
  orientation: number;
  dpi?: { x: number; y: number };
}

const JPEG_COLOR_SPACES = { 1: 'DeviceGray', 3: 'DeviceRGB', 4: 'DeviceCMYK' } as const;

/** Embeds a JPEG as is (DCTDecode, no re-encoding) or a PNG (its compressed data reused when possible). */
export async function embedImage(doc: PDFDocument, bytes: Uint8Array, contentType: 'image/jpeg' | 'image/png'): Promise<EmbeddedImage> {
  if (contentType === 'image/jpeg') return embedJpeg(doc, bytes);
  return embedPng(doc, bytes);
}

function embedJpeg(doc: PDFDocument, bytes: Uint8Array): EmbeddedImage {
  const jpeg = readJpegHeader(bytes);
  if (jpeg.width < 1 || jpeg.height < 1) throw new OriginalFormatError('ảnh JPEG có kích thước không hợp lệ.');
  const stream = imageStream(doc, bytes, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: jpeg.width,
    Height: jpeg.height,
    BitsPerComponent: 8,
    ColorSpace: JPEG_COLOR_SPACES[jpeg.components],
    Filter: 'DCTDecode',
    // Adobe's CMYK JPEGs store inverted values (what every reader expects from Photoshop files).
    ...(jpeg.components === 4 && jpeg.adobe ? { Decode: [1, 0, 1, 0, 1, 0, 1, 0] } : {}),
  });
  const swap = jpeg.orientation >= 5;
  return {
    ref: doc.context.register(stream),
    widthPx: swap ? jpeg.height : jpeg.width,
    heightPx: swap ? jpeg.width : jpeg.height,
    orientation: jpeg.orientation,
    dpi: jpeg.dpi,
  };
}

async function embedPng(doc: PDFDocument, bytes: Uint8Array): Promise<EmbeddedImage> {
  const png = readPngHeader(bytes);
  if (png.width < 1 || png.height < 1) throw new OriginalFormatError('ảnh PNG có kích thước không hợp lệ.');
  const base = { widthPx: png.width, heightPx: png.height, orientation: 1, dpi: png.dpi };
  if (!pngNeedsDecoding(png)) return { ref: doc.context.register(pngPassthrough(doc, png)), ...base };
  if (png.width * png.height > MAX_DECODED_PNG_PIXELS) {
    throw new OriginalFormatError(`ảnh PNG có kênh trong suốt hoặc lưu xen kẽ quá lớn (tối đa ${MAX_DECODED_PNG_PIXELS / 1e6} triệu điểm ảnh).`);
  }
  if (!png.interlaced && (png.colorType === 4 || png.colorType === 6)) {
    const { color, alpha } = splitPngAlpha(png);
    const common = { Type: 'XObject', Subtype: 'Image', Width: png.width, Height: png.height, BitsPerComponent: png.bitDepth, Filter: 'FlateDecode' };
    const mask = doc.context.register(imageStream(doc, alpha, { ...common, ColorSpace: 'DeviceGray' }));
    const image = imageStream(doc, color, { ...common, ColorSpace: png.colorType === 4 ? 'DeviceGray' : 'DeviceRGB', SMask: mask });
    return { ref: doc.context.register(image), ...base };
  }
  // Interlaced or palette transparency (rare in scans): let pdf-lib decode and re-encode it.
  const image = await doc.embedPng(bytes);
  return { ref: image.ref, ...base };
}

/**
 * A PNG's IDAT data is a zlib stream with PNG predictors, which PDF's FlateDecode understands
 * (ISO 32000-1 §7.4.4.4): the compressed bytes go in unchanged.
 */
function pngPassthrough(doc: PDFDocument, png: PngInfo) {
  const colors = png.colorType === 2 ? 3 : 1;
  const dict: Record<string, unknown> = {
    Type: 'XObject',
    Subtype: 'Image',
    Width: png.width,
    Height: png.height,
    BitsPerComponent: png.bitDepth,
    Filter: 'FlateDecode',
    DecodeParms: { Predictor: 15, Colors: colors, BitsPerComponent: png.bitDepth, Columns: png.width },
  };
  if (png.colorType === 3) {
    const palette = png.palette!;
    dict.ColorSpace = [PDFName.of('Indexed'), PDFName.of('DeviceRGB'), palette.length / 3 - 1, PDFHexString.of(Buffer.from(palette).toString('hex'))];
  } else {
    dict.ColorSpace = colors === 3 ? 'DeviceRGB' : 'DeviceGray';
    const key = colorKey(png);
    if (key) dict.Mask = key;
  }
  const data = png.idat.length === 1 ? png.idat[0] : Buffer.concat(png.idat, png.idatLength);
  return imageStream(doc, data, dict);
}

/** An image stream whose data is written with a bulk copy (see raw-stream.ts). */
function imageStream(doc: PDFDocument, data: Uint8Array, dict: Record<string, unknown>) {
  // pdf-lib does not export the type of a literal dictionary; this is what `obj` takes.
  return rawStream(doc.context.obj(dict as { [name: string]: never }), data);
}

/** A tRNS chunk on a gray or RGB PNG names one transparent colour: a PDF colour-key mask. */
function colorKey(png: PngInfo): number[] | undefined {
  const t = png.transparency;
  if (!t) return undefined;
  const samples = png.colorType === 2 ? 3 : 1;
  if (t.length < samples * 2) return undefined;
  const max = 2 ** png.bitDepth - 1;
  const key: number[] = [];
  for (let i = 0; i < samples; i++) {
    const v = Math.min(max, (t[2 * i] << 8) | t[2 * i + 1]);
    key.push(v, v);
  }
  return key;
}

/**
 * Draws an embedded image so that it appears upright (EXIF orientation applied) in the rectangle
 * (x, y, width, height) of displayed size.
 */
export function drawImage(page: PDFPage, image: EmbeddedImage, x: number, y: number, width: number, height: number): void {
  const name = page.node.newXObject('Img', image.ref);
  const W = width;
  const H = height;
  // The image's unit square mapped onto the displayed rectangle, per EXIF orientation (see TIFF 6.0 tag 274).
  const matrices: Record<number, [number, number, number, number, number, number]> = {
    1: [W, 0, 0, H, x, y],
    2: [-W, 0, 0, H, x + W, y],
    3: [-W, 0, 0, -H, x + W, y + H],
    4: [W, 0, 0, -H, x, y + H],
    5: [0, -H, -W, 0, x + W, y + H],
    6: [0, -H, W, 0, x, y + H],
    7: [0, H, W, 0, x, y],
    8: [0, H, -W, 0, x + W, y],
  };
  const m = matrices[image.orientation] ?? matrices[1];
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(...m), drawObject(name), popGraphicsState());
}
