/**
 * The sfnt container that TrueType fonts use: the table directory that says where each table is,
 * and writing a font back from its tables with the checksums and alignment the format requires
 * (OpenType spec, "Organization of an OpenType font").
 */

/** A font file we cannot read. Our fonts ship with the code, so this is a bug, never user input. */
export class FontFileError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'FontFileError';
  }
}

/** Where one table lives in the font file. */
export interface TableRecord {
  offset: number;
  length: number;
}

/** 1.0 (Microsoft) and 'true' (Apple) mark glyf-outline fonts; 'OTTO' (CFF), 'ttcf' and WOFF do not. */
const TRUETYPE_VERSIONS = new Set([0x00010000, 0x74727565]);

/** A big-endian view of `bytes` (which may be a slice of a larger buffer, as Node's often are). */
export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Reads the table directory of a TrueType font; throws FontFileError for any other file. */
export function readTableDirectory(bytes: Uint8Array): Map<string, TableRecord> {
  if (bytes.length < 12) throw new FontFileError('font file too short for an sfnt header');
  const view = viewOf(bytes);
  const version = view.getUint32(0);
  if (!TRUETYPE_VERSIONS.has(version)) throw new FontFileError(`not a TrueType (glyf) font: sfnt version 0x${version.toString(16)}`);
  const numTables = view.getUint16(4);
  if (12 + 16 * numTables > bytes.length) throw new FontFileError('font table directory runs past the end of the file');
  const tables = new Map<string, TableRecord>();
  for (let i = 0; i < numTables; i++) {
    const at = 12 + 16 * i;
    const tag = String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
    const offset = view.getUint32(at + 8);
    const length = view.getUint32(at + 12);
    if (offset + length > bytes.length) throw new FontFileError(`font table '${tag}' runs past the end of the file`);
    tables.set(tag, { offset, length });
  }
  return tables;
}

/** The sfnt checksum: the sum, modulo 2³², of the data read as big-endian uint32s, zero-padded. */
export function sfntChecksum(bytes: Uint8Array): number {
  const view = viewOf(bytes);
  const whole = bytes.length & ~3;
  let sum = 0;
  for (let i = 0; i < whole; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  if (whole < bytes.length) {
    let last = 0;
    for (let i = whole; i < whole + 4; i++) last = (last << 8) | (i < bytes.length ? bytes[i] : 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}

const padded = (n: number) => (n + 3) & ~3;
/** Offset of checkSumAdjustment in 'head'. */
const CHECKSUM_ADJUSTMENT = 8;
/** What the whole font's checksum must come to once checkSumAdjustment is set. */
const CHECKSUM_MAGIC = 0xb1b0afba;

/**
 * Writes an sfnt (version 1.0) from its tables: a directory sorted by tag, each table 4-byte
 * aligned and zero-padded, every table checksum, and head.checkSumAdjustment computed over the
 * whole file (the head checksum itself is taken with the adjustment zeroed, as the spec says).
 */
export function writeSfnt(tables: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const tags = [...tables.keys()].sort();
  const numTables = tags.length;
  const directorySize = 12 + 16 * numTables;
  const size = tags.reduce((n, tag) => n + padded(tables.get(tag)!.length), directorySize);
  const out = new Uint8Array(size);
  const view = viewOf(out);
  const log2 = Math.floor(Math.log2(numTables));
  view.setUint32(0, 0x00010000);
  view.setUint16(4, numTables);
  view.setUint16(6, 16 * 2 ** log2); // searchRange
  view.setUint16(8, log2); // entrySelector
  view.setUint16(10, 16 * numTables - 16 * 2 ** log2); // rangeShift

  let offset = directorySize;
  let headOffset = -1;
  tags.forEach((tag, i) => {
    if (tag.length !== 4) throw new FontFileError(`table tag '${tag}' is not 4 characters`);
    const data = tables.get(tag)!;
    out.set(data, offset);
    if (tag === 'head') {
      headOffset = offset;
      view.setUint32(offset + CHECKSUM_ADJUSTMENT, 0);
    }
    const at = 12 + 16 * i;
    for (let k = 0; k < 4; k++) out[at + k] = tag.charCodeAt(k);
    view.setUint32(at + 4, sfntChecksum(out.subarray(offset, offset + data.length)));
    view.setUint32(at + 8, offset);
    view.setUint32(at + 12, data.length);
    offset += padded(data.length);
  });
  if (headOffset >= 0) view.setUint32(headOffset + CHECKSUM_ADJUSTMENT, (CHECKSUM_MAGIC - sfntChecksum(out)) >>> 0);
  return out;
}
