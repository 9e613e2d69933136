import { OriginalFormatError } from './types';

/** What the service needs to know about a JPEG, read from its markers without decoding it. */
export interface JpegInfo {
  width: number;
  height: number;
  components: 1 | 3 | 4;
  progressive: boolean;
  /** An Adobe APP14 marker is present (its CMYK data is stored inverted). */
  adobe: boolean;
  /** EXIF orientation 1..8 (1 = as stored). */
  orientation: number;
  /** Resolution from JFIF or EXIF, when plausible. */
  dpi?: { x: number; y: number };
}

const MAX_SEGMENTS = 10_000;
/** SOF0 baseline, SOF1 extended sequential, SOF2 progressive: what PDF's DCTDecode supports. */
const SUPPORTED_SOF = new Set([0xc0, 0xc1, 0xc2]);
const OTHER_SOF = new Set([0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** Reads a JPEG's frame header, EXIF orientation and resolution; throws OriginalFormatError. */
export function readJpegHeader(bytes: Uint8Array): JpegInfo {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) {
    throw new OriginalFormatError('không phải ảnh JPEG (thiếu dấu hiệu FFD8).');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 2;
  let frame: Pick<JpegInfo, 'width' | 'height' | 'components' | 'progressive'> | undefined;
  let adobe = false;
  let orientation = 1;
  let jfifDpi: JpegInfo['dpi'];
  let exifDpi: JpegInfo['dpi'];
  for (let segments = 0; segments < MAX_SEGMENTS; segments++) {
    while (pos < bytes.length && bytes[pos] === 0xff && bytes[pos + 1] === 0xff) pos++; // fill bytes
    if (pos + 4 > bytes.length || bytes[pos] !== 0xff) throw truncated();
    const marker = bytes[pos + 1];
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      pos += 2;
      continue;
    }
    if (marker === 0xd9) throw new OriginalFormatError('ảnh JPEG kết thúc trước khi có dữ liệu ảnh.');
    const length = view.getUint16(pos + 2);
    const start = pos + 4;
    const end = pos + 2 + length;
    if (length < 2 || end > bytes.length) throw truncated();
    const data = bytes.subarray(start, end);
    if (marker === 0xda) {
      if (!frame) throw new OriginalFormatError('ảnh JPEG không có khung ảnh (SOF) trước dữ liệu.');
      if (indexOfEoi(bytes, end) < 0) throw truncated();
      const dpi = jfifDpi ?? exifDpi;
      return { ...frame, adobe, orientation, ...(dpi ? { dpi } : {}) };
    }
    if (SUPPORTED_SOF.has(marker)) {
      if (frame) throw new OriginalFormatError('ảnh JPEG có nhiều khung ảnh (SOF).');
      frame = readFrame(data, marker === 0xc2);
    } else if (OTHER_SOF.has(marker)) {
      throw new OriginalFormatError('kiểu mã hóa JPEG này (lossless, phân cấp hoặc số học) không được hỗ trợ.');
    } else if (marker === 0xe0 && startsWithAscii(data, 'JFIF\0')) {
      jfifDpi = readJfifDpi(data);
    } else if (marker === 0xe1 && startsWithAscii(data, 'Exif\0\0')) {
      const exif = readExif(data.subarray(6));
      orientation = exif.orientation;
      exifDpi = exif.dpi;
    } else if (marker === 0xee && startsWithAscii(data, 'Adobe')) {
      adobe = true;
    }
    pos = end;
  }
  throw new OriginalFormatError('ảnh JPEG có cấu trúc bất thường (quá nhiều đoạn).');
}

function truncated(): OriginalFormatError {
  return new OriginalFormatError('ảnh JPEG bị cắt cụt hoặc hỏng.');
}

function readFrame(data: Uint8Array, progressive: boolean) {
  if (data.length < 6) throw truncated();
  const precision = data[0];
  const height = (data[1] << 8) | data[2];
  const width = (data[3] << 8) | data[4];
  const components = data[5];
  if (precision !== 8) throw new OriginalFormatError(`ảnh JPEG ${precision} bit/mẫu không được hỗ trợ (chỉ nhận 8 bit).`);
  if (components !== 1 && components !== 3 && components !== 4) {
    throw new OriginalFormatError(`ảnh JPEG có ${components} kênh màu, không được hỗ trợ.`);
  }
  if (data.length < 6 + 3 * components) throw truncated();
  return { width, height, components: components as 1 | 3 | 4, progressive };
}

/** The end-of-image marker after the first scan (entropy-coded data never holds FF D9). */
function indexOfEoi(bytes: Uint8Array, from: number): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(EOI, from);
}
const EOI = Buffer.from([0xff, 0xd9]);

function startsWithAscii(data: Uint8Array, text: string): boolean {
  if (data.length < text.length) return false;
  for (let i = 0; i < text.length; i++) if (data[i] !== text.charCodeAt(i)) return false;
  return true;
}

function readJfifDpi(data: Uint8Array): JpegInfo['dpi'] {
  if (data.length < 12) return undefined;
  const units = data[7];
  const x = (data[8] << 8) | data[9];
  const y = (data[10] << 8) | data[11];
  return plausibleDpi(units === 1 ? x : units === 2 ? x * 2.54 : 0, units === 1 ? y : units === 2 ? y * 2.54 : 0);
}

/** A resolution outside 30..2400 dpi is noise (or absent), not information. */
export function plausibleDpi(x: number, y: number): JpegInfo['dpi'] {
  const ok = (v: number) => Number.isFinite(v) && v >= 30 && v <= 2400;
  return ok(x) && ok(y) ? { x, y } : undefined;
}

/** Orientation and resolution from the TIFF structure of an EXIF block (IFD0 only). */
function readExif(tiff: Uint8Array): { orientation: number; dpi?: JpegInfo['dpi'] } {
  const none = { orientation: 1 };
  if (tiff.length < 8) return none;
  const little = tiff[0] === 0x49 && tiff[1] === 0x49;
  if (!little && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return none;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const u16 = (at: number) => (at + 2 <= tiff.length ? view.getUint16(at, little) : -1);
  const u32 = (at: number) => (at + 4 <= tiff.length ? view.getUint32(at, little) : -1);
  const rational = (at: number) => {
    const offset = u32(at);
    const num = u32(offset);
    const den = u32(offset + 4);
    return num > 0 && den > 0 ? num / den : 0;
  };
  const ifd = u32(4);
  const count = u16(ifd);
  if (ifd < 0 || count < 0 || count > 512) return none;
  let orientation = 1;
  let xRes = 0;
  let yRes = 0;
  let unit = 2;
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) break;
    const tag = u16(entry);
    if (tag === 0x0112) orientation = u16(entry + 8);
    else if (tag === 0x011a) xRes = rational(entry + 8);
    else if (tag === 0x011b) yRes = rational(entry + 8);
    else if (tag === 0x0128) unit = u16(entry + 8);
  }
  const factor = unit === 3 ? 2.54 : unit === 2 ? 1 : 0;
  return {
    orientation: orientation >= 1 && orientation <= 8 ? orientation : 1,
    dpi: plausibleDpi(xRes * factor, yRes * factor),
  };
}
