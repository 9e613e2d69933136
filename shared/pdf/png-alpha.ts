import { constants, deflateSync, inflateSync } from 'node:zlib';
import type { PngInfo } from './png-header';
import { OriginalFormatError } from './types';

/** Colour samples and alpha samples of a PNG with an alpha channel, each Flate-compressed. */
export interface SplitPng {
  color: Uint8Array;
  alpha: Uint8Array;
}

/**
 * Splits a non-interlaced gray+alpha or RGBA PNG into a colour image and a soft mask (PDF has no
 * alpha channel in images). The pixels are inflated with an exact size limit, unfiltered row by
 * row and compressed again with zlib; the caller has already capped the pixel count.
 */
export function splitPngAlpha(png: PngInfo): SplitPng {
  const bytesPerSample = png.bitDepth / 8;
  const bpp = png.channels * bytesPerSample;
  const rowBytes = png.width * bpp;
  const expected = png.height * (rowBytes + 1);
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(png.idat), { maxOutputLength: expected + 4096, finishFlush: constants.Z_SYNC_FLUSH });
  } catch (error) {
    throw new OriginalFormatError('dữ liệu ảnh PNG bị hỏng.', { cause: error });
  }
  if (raw.length < expected) throw new OriginalFormatError('dữ liệu ảnh PNG bị cắt cụt.');
  const colorChannels = png.channels - 1;
  const colorBytes = colorChannels * bytesPerSample;
  const color = Buffer.allocUnsafe(png.width * png.height * colorBytes);
  const alpha = Buffer.allocUnsafe(png.width * png.height * bytesPerSample);
  let previous = new Uint8Array(rowBytes);
  let current = new Uint8Array(rowBytes);
  let c = 0;
  let a = 0;
  for (let y = 0; y < png.height; y++) {
    const filter = raw[y * (rowBytes + 1)];
    current.set(raw.subarray(y * (rowBytes + 1) + 1, (y + 1) * (rowBytes + 1)));
    unfilter(filter, current, previous, bpp);
    for (let x = 0; x < rowBytes; x += bpp) {
      for (let k = 0; k < colorBytes; k++) color[c++] = current[x + k];
      for (let k = 0; k < bytesPerSample; k++) alpha[a++] = current[x + colorBytes + k];
    }
    [previous, current] = [current, previous];
  }
  return { color: deflateSync(color, { level: 6 }), alpha: deflateSync(alpha, { level: 6 }) };
}

/** Reverses one PNG row filter in place (RFC 2083 §6). */
function unfilter(filter: number, row: Uint8Array, prior: Uint8Array, bpp: number): void {
  const n = row.length;
  switch (filter) {
    case 0:
      return;
    case 1:
      for (let i = bpp; i < n; i++) row[i] = (row[i] + row[i - bpp]) & 0xff;
      return;
    case 2:
      for (let i = 0; i < n; i++) row[i] = (row[i] + prior[i]) & 0xff;
      return;
    case 3:
      for (let i = 0; i < n; i++) row[i] = (row[i] + (((i >= bpp ? row[i - bpp] : 0) + prior[i]) >> 1)) & 0xff;
      return;
    case 4:
      for (let i = 0; i < n; i++) {
        const left = i >= bpp ? row[i - bpp] : 0;
        const up = prior[i];
        const upLeft = i >= bpp ? prior[i - bpp] : 0;
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        row[i] = (row[i] + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft)) & 0xff;
      }
      return;
    default:
      throw new OriginalFormatError('dữ liệu ảnh PNG bị hỏng (bộ lọc dòng không hợp lệ).');
  }
}
