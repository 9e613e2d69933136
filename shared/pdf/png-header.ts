import { crc32 } from 'node:zlib';
import { plausibleDpi } from './jpeg-header';
import { OriginalFormatError } from './types';

/** What the service needs to know about a PNG, read from its chunks without inflating it. */
export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  /** 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA. */
  colorType: number;
  interlaced: boolean;
  /** Samples per pixel as stored (palette = 1). */
  channels: number;
  palette?: Uint8Array;
  transparency?: Uint8Array;
  dpi?: { x: number; y: number };
  /** The IDAT payloads, as views into the input (no copy). */
  idat: Uint8Array[];
  idatLength: number;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
const MAX_CHUNKS = 1_000_000;

/**
 * Most pixels of a PNG whose pixels must be decoded to embed it (alpha, interlace, palette
 * transparency): about 16 MP keeps the work under ~200 MB. Other PNGs are embedded undecoded.
 */
export const MAX_DECODED_PNG_PIXELS = 16e6;

/** Reads a PNG's IHDR and the chunks that matter for embedding; throws OriginalFormatError. */
export function readPngHeader(bytes: Uint8Array): PngInfo {
  if (bytes.length < 8 || SIGNATURE.some((b, i) => bytes[i] !== b)) {
    throw new OriginalFormatError('không phải ảnh PNG (sai chữ ký tệp).');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const info: Partial<PngInfo> & { idat: Uint8Array[]; idatLength: number } = { idat: [], idatLength: 0 };
  let pos = 8;
  for (let chunks = 0; chunks < MAX_CHUNKS; chunks++) {
    if (pos + 12 > bytes.length) throw truncated();
    const length = view.getUint32(pos);
    const type = String.fromCharCode(bytes[pos + 4], bytes[pos + 5], bytes[pos + 6], bytes[pos + 7]);
    const dataStart = pos + 8;
    const dataEnd = dataStart + length;
    if (length > 0x7fffffff || dataEnd + 4 > bytes.length) throw truncated();
    const data = bytes.subarray(dataStart, dataEnd);
    if (chunks === 0) {
      if (type !== 'IHDR' || length !== 13) throw new OriginalFormatError('ảnh PNG thiếu phần đầu IHDR.');
      if (crc32(bytes.subarray(pos + 4, dataEnd)) !== view.getUint32(dataEnd)) {
        throw new OriginalFormatError('phần đầu IHDR của ảnh PNG bị hỏng (sai CRC).');
      }
      Object.assign(info, readIhdr(data));
    } else if (type === 'IDAT') {
      info.idat.push(data);
      info.idatLength += length;
    } else if (type === 'PLTE') {
      if (length === 0 || length % 3 !== 0 || length > 768) throw new OriginalFormatError('bảng màu PLTE của ảnh PNG không hợp lệ.');
      info.palette = data;
    } else if (type === 'tRNS') {
      info.transparency = data;
    } else if (type === 'pHYs' && length === 9 && data[8] === 1) {
      const dpi = plausibleDpi(new DataView(data.buffer, data.byteOffset).getUint32(0) * 0.0254,
        new DataView(data.buffer, data.byteOffset).getUint32(4) * 0.0254);
      if (dpi) info.dpi = dpi;
    } else if (type === 'IEND') {
      if (info.idatLength === 0) throw new OriginalFormatError('ảnh PNG không có dữ liệu ảnh (IDAT).');
      if (info.colorType === 3 && !info.palette) throw new OriginalFormatError('ảnh PNG dùng bảng màu nhưng thiếu PLTE.');
      return info as PngInfo;
    }
    pos = dataEnd + 4;
  }
  throw new OriginalFormatError('ảnh PNG có cấu trúc bất thường (quá nhiều đoạn).');
}

function truncated(): OriginalFormatError {
  return new OriginalFormatError('ảnh PNG bị cắt cụt hoặc hỏng.');
}

function readIhdr(data: Uint8Array) {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const width = view.getUint32(0);
  const height = view.getUint32(4);
  const bitDepth = data[8];
  const colorType = data[9];
  const channels = CHANNELS[colorType];
  if (!channels || !DEPTHS[colorType].includes(bitDepth)) {
    throw new OriginalFormatError(`ảnh PNG có kiểu màu ${colorType}/${bitDepth} bit không hợp lệ.`);
  }
  if (data[10] !== 0 || data[11] !== 0 || data[12] > 1) {
    throw new OriginalFormatError('ảnh PNG dùng phương pháp nén/lọc không chuẩn.');
  }
  return { width, height, bitDepth, colorType, channels, interlaced: data[12] === 1 };
}

/** Whether embedding needs the pixels decoded (alpha channel, interlacing or palette transparency). */
export function pngNeedsDecoding(info: PngInfo): boolean {
  return info.colorType === 4 || info.colorType === 6 || info.interlaced || (info.colorType === 3 && !!info.transparency);
}
