import { crc32 } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { readJpegHeader } from '../../../shared/pdf/jpeg-header';
import { pngNeedsDecoding, readPngHeader } from '../../../shared/pdf/png-header';
import { OriginalFormatError } from '../../../shared/pdf/types';
import { jpegWithOrientation, makePdf, makePng } from './support/originals';
import { renderPage } from './support/tools';

/** The JPEG with the marker byte of its frame header replaced (e.g. 0xC9: arithmetic coding). */
function withSofMarker(jpeg: Uint8Array, marker: number, precision?: number): Uint8Array {
  const out = Buffer.from(jpeg);
  let pos = 2;
  while (!(out[pos + 1] >= 0xc0 && out[pos + 1] <= 0xc2)) pos += 2 + out.readUInt16BE(pos + 2);
  out[pos + 1] = marker;
  if (precision !== undefined) out[pos + 4] = precision;
  return out;
}

describe('Function: readJpegHeader', () => {
  let jpeg: Uint8Array;

  beforeAll(async () => {
    jpeg = renderPage(await makePdf([{}]), 'jpeg', 72);
  });

  it('reads the size, components and the JFIF resolution without decoding', () => {
    // Act
    const info = readJpegHeader(jpeg);

    // Assess
    expect(info).toMatchObject({ width: 596, height: 842, components: 3, progressive: false, orientation: 1 });
    expect(info.dpi).toEqual({ x: 72, y: 72 });
  });

  it('reads the EXIF orientation', () => {
    expect(readJpegHeader(jpegWithOrientation(jpeg, 8)).orientation).toBe(8);
    expect(readJpegHeader(jpegWithOrientation(jpeg, 42)).orientation).toBe(1);
  });

  it('refuses arithmetic-coded, lossless and 12-bit JPEGs, which PDF readers cannot show', () => {
    expect(() => readJpegHeader(withSofMarker(jpeg, 0xc9))).toThrow(OriginalFormatError);
    expect(() => readJpegHeader(withSofMarker(jpeg, 0xc3))).toThrow(/không được hỗ trợ/);
    expect(() => readJpegHeader(withSofMarker(jpeg, 0xc1, 12))).toThrow(/12 bit/);
  });

  it('refuses a JPEG cut before its end-of-image marker', () => {
    expect(() => readJpegHeader(jpeg.subarray(0, jpeg.length - 100))).toThrow(/cắt cụt/);
  });

  it('refuses bytes that only start like a JPEG', () => {
    expect(() => readJpegHeader(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0xff, 0xff]))).toThrow(OriginalFormatError);
    expect(() => readJpegHeader(Uint8Array.from([0xff, 0xd8, 0xff, 0xd9]))).toThrow(OriginalFormatError);
  });
});

describe('Function: readPngHeader', () => {
  it('reads the size, colour type and pHYs resolution, and lists the IDAT data without copying', () => {
    // Prepare
    const png = makePng(30, 20, 2, { dpi: 300 });

    // Act
    const info = readPngHeader(png);

    // Assess
    expect(info).toMatchObject({ width: 30, height: 20, bitDepth: 8, colorType: 2, channels: 3, interlaced: false });
    expect(info.dpi!.x).toBeCloseTo(300, 0);
    expect(info.idat[0].buffer).toBe(png.buffer);
    expect(pngNeedsDecoding(info)).toBe(false);
  });

  it('says which PNGs must be decoded to embed them: alpha channel', () => {
    expect(pngNeedsDecoding(readPngHeader(makePng(4, 4, 6)))).toBe(true);
    expect(pngNeedsDecoding(readPngHeader(makePng(4, 4, 4)))).toBe(true);
    expect(pngNeedsDecoding(readPngHeader(makePng(4, 4, 0, { trns: [5] })))).toBe(false);
  });

  it('refuses a damaged IHDR (CRC mismatch)', () => {
    const png = Buffer.from(makePng(4, 4));
    png[16] ^= 0xff; // first byte of the width
    expect(() => readPngHeader(png)).toThrow(/CRC/);
  });

  it('refuses an invalid colour type / bit depth combination', () => {
    // Prepare: gray+alpha at 4 bits does not exist; rewrite IHDR and its CRC.
    const png = Buffer.from(makePng(4, 4, 4));
    png[24] = 4;
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);

    // Act + Assess
    expect(() => readPngHeader(png)).toThrow(/không hợp lệ/);
  });

  it('refuses a PNG without its IEND chunk', () => {
    const png = makePng(4, 4);
    expect(() => readPngHeader(png.subarray(0, png.length - 12))).toThrow(/cắt cụt/);
  });
});
