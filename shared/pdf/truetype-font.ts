import { FontFileError, readTableDirectory, viewOf, type TableRecord } from './sfnt-file';
import { parseCmap } from './truetype-cmap';
import { componentGlyphIds } from './truetype-glyph';

/**
 * A TrueType (glyf-outline) font, read for what embedding it in a PDF needs: metrics, the Unicode
 * cmap, the PostScript name and each glyph's bytes. Immutable once parsed, so one instance per
 * font file serves every document of the process.
 */
export interface FontBBox {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** cmap is optional: a font program embedded in a PDF (our subsets) has none. */
const REQUIRED = ['head', 'hhea', 'maxp', 'hmtx', 'loca', 'glyf'] as const;

/** A parsed TrueType font; see parseTrueType. */
export class TrueTypeFont {
  readonly tables: ReadonlyMap<string, TableRecord>;
  readonly unitsPerEm: number;
  readonly bbox: FontBBox;
  readonly macStyle: number;
  /** 0: loca holds uint16 offsets / 2; 1: uint32 offsets. */
  readonly indexToLocFormat: number;
  readonly ascender: number;
  readonly descender: number;
  readonly numberOfHMetrics: number;
  readonly numGlyphs: number;
  /** OS/2 sCapHeight (0 when the table is too old to have it). */
  readonly capHeight: number;
  /** OS/2 sxHeight (0 when absent). */
  readonly xHeight: number;
  /** OS/2 usWeightClass: 400 regular, 700 bold. */
  readonly weightClass: number;
  /** OS/2 sFamilyClass, high byte: 1–7 serif families, 10 script. */
  readonly familyClass: number;
  /** Degrees counter-clockwise from vertical (post table). */
  readonly italicAngle: number;
  readonly isFixedPitch: boolean;
  readonly postscriptName: string;
  /** Unicode code point → glyph id (empty for a font without a cmap table). */
  readonly cmap: ReadonlyMap<number, number>;
  private readonly advances: Uint16Array;
  private readonly glyphOffsets: Uint32Array;

  constructor(readonly bytes: Uint8Array) {
    this.tables = readTableDirectory(bytes);
    for (const tag of REQUIRED) if (!this.tables.has(tag)) throw new FontFileError(`font has no '${tag}' table`);
    const head = this.view('head', 54);
    this.unitsPerEm = head.getUint16(18);
    this.bbox = { xMin: head.getInt16(36), yMin: head.getInt16(38), xMax: head.getInt16(40), yMax: head.getInt16(42) };
    this.macStyle = head.getUint16(44);
    this.indexToLocFormat = head.getInt16(50);
    if (this.unitsPerEm < 16 || this.unitsPerEm > 16384) throw new FontFileError(`font unitsPerEm ${this.unitsPerEm} out of range`);
    const hhea = this.view('hhea', 36);
    this.ascender = hhea.getInt16(4);
    this.descender = hhea.getInt16(6);
    this.numberOfHMetrics = hhea.getUint16(34);
    this.numGlyphs = this.view('maxp', 6).getUint16(4);
    if (this.numberOfHMetrics < 1 || this.numberOfHMetrics > this.numGlyphs) throw new FontFileError('font hhea.numberOfHMetrics out of range');

    const os2 = this.tables.has('OS/2') ? this.view('OS/2', 32) : undefined;
    const os2Version = os2?.getUint16(0) ?? 0;
    this.weightClass = os2?.getUint16(4) ?? 400;
    this.familyClass = os2 ? os2.getInt16(30) >> 8 : 0;
    this.xHeight = os2 && os2Version >= 2 && os2.byteLength >= 90 ? os2.getInt16(86) : 0;
    this.capHeight = os2 && os2Version >= 2 && os2.byteLength >= 90 ? os2.getInt16(88) : 0;
    const post = this.tables.has('post') ? this.view('post', 16) : undefined;
    this.italicAngle = post ? post.getInt32(4) / 65536 : 0;
    this.isFixedPitch = post ? post.getUint32(12) !== 0 : false;
    this.postscriptName = this.tables.has('name') ? readPostScriptName(this.table('name')) ?? 'Font' : 'Font';

    this.advances = readAdvances(this.view('hmtx', 4 * this.numberOfHMetrics), this.numberOfHMetrics, this.numGlyphs);
    this.glyphOffsets = readLoca(this.table('loca'), this.indexToLocFormat, this.numGlyphs, this.tables.get('glyf')!.length);
    this.cmap = this.tables.has('cmap') ? parseCmap(this.table('cmap'), this.numGlyphs) : new Map();
  }

  /** The bytes of table `tag` (a view into the font file: do not modify). */
  table(tag: string): Uint8Array {
    const record = this.tables.get(tag);
    if (!record) throw new FontFileError(`font has no '${tag}' table`);
    return this.bytes.subarray(record.offset, record.offset + record.length);
  }

  /** The glyph for a code point; 0 (.notdef) when the font has none. */
  glyphId(codePoint: number): number {
    return this.cmap.get(codePoint) ?? 0;
  }

  /** Advance width of a glyph in font units. */
  advanceWidth(glyphId: number): number {
    return this.advances[glyphId] ?? 0;
  }

  /** The glyph's description in 'glyf' (empty for a glyph with no outline, e.g. the space). */
  glyph(glyphId: number): Uint8Array {
    if (!(glyphId >= 0 && glyphId < this.numGlyphs)) throw new FontFileError(`glyph id ${glyphId} out of range`);
    const glyf = this.tables.get('glyf')!.offset;
    return this.bytes.subarray(glyf + this.glyphOffsets[glyphId], glyf + this.glyphOffsets[glyphId + 1]);
  }

  /** The glyph ids a composite glyph is made of (direct components); [] for a simple glyph. */
  componentGlyphIds(glyphId: number): number[] {
    return componentGlyphIds(this.glyph(glyphId));
  }

  private view(tag: string, minLength: number): DataView {
    const bytes = this.table(tag);
    if (bytes.length < minLength) throw new FontFileError(`font table '${tag}' is shorter than ${minLength} bytes`);
    return viewOf(bytes);
  }
}

/** Reads a TrueType font file (throws FontFileError if it is not one we can embed). */
export function parseTrueType(bytes: Uint8Array): TrueTypeFont {
  return new TrueTypeFont(bytes);
}

/** hmtx: numberOfHMetrics (advance, lsb) pairs; later glyphs repeat the last advance. */
function readAdvances(hmtx: DataView, numberOfHMetrics: number, numGlyphs: number): Uint16Array {
  const advances = new Uint16Array(numGlyphs);
  for (let i = 0; i < numberOfHMetrics; i++) advances[i] = hmtx.getUint16(4 * i);
  advances.fill(advances[numberOfHMetrics - 1], numberOfHMetrics);
  return advances;
}

/** loca: numGlyphs + 1 offsets into glyf, non-decreasing and within it. */
function readLoca(loca: Uint8Array, format: number, numGlyphs: number, glyfLength: number): Uint32Array {
  if (format !== 0 && format !== 1) throw new FontFileError(`font indexToLocFormat ${format} unknown`);
  const size = format === 0 ? 2 : 4;
  if (loca.length < size * (numGlyphs + 1)) throw new FontFileError('font loca table too short');
  const view = viewOf(loca);
  const offsets = new Uint32Array(numGlyphs + 1);
  for (let i = 0; i <= numGlyphs; i++) {
    offsets[i] = format === 0 ? 2 * view.getUint16(2 * i) : view.getUint32(4 * i);
    if (offsets[i] > glyfLength || (i > 0 && offsets[i] < offsets[i - 1])) throw new FontFileError(`font loca entry ${i} invalid`);
  }
  return offsets;
}

/** nameID 6 from a Windows Unicode record (UTF-16BE) or a Macintosh Roman one, printable ASCII only. */
function readPostScriptName(name: Uint8Array): string | undefined {
  const view = viewOf(name);
  const count = view.getUint16(2);
  const strings = view.getUint16(4);
  let mac: string | undefined;
  for (let i = 0; i < count; i++) {
    const at = 6 + 12 * i;
    if (at + 12 > name.length) break;
    const [platform, encoding, nameId, length, offset] = [0, 2, 6, 8, 10].map((d) => view.getUint16(at + d));
    if (nameId !== 6 || strings + offset + length > name.length) continue;
    const raw = name.subarray(strings + offset, strings + offset + length);
    if (platform === 3 && (encoding === 1 || encoding === 0)) {
      let text = '';
      for (let k = 0; k + 1 < raw.length; k += 2) text += String.fromCharCode((raw[k] << 8) | raw[k + 1]);
      return printable(text);
    }
    if (platform === 1 && encoding === 0) mac = printable(String.fromCharCode(...raw));
  }
  return mac;
}

/** PostScript names are printable ASCII without PDF delimiters or spaces (at most 63 chars). */
function printable(text: string): string | undefined {
  const clean = text.replace(/[^\x21-\x7e]|[[\](){}<>/%]/g, '').slice(0, 63);
  return clean || undefined;
}
