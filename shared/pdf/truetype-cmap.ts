import { FontFileError, viewOf } from './sfnt-file';

/**
 * The character-to-glyph map of a TrueType font ('cmap' table), as a plain Map from Unicode code
 * point to glyph id. Built once per font file: ~3,000 entries for Noto Serif, so a Map is both
 * the simplest and the fastest lookup for the per-character work of layout.
 */

/**
 * Unicode subtables, best first: Windows full repertoire (3,10), Windows BMP (3,1), then the
 * Unicode platform (0,x), full repertoire encodings before BMP-only ones. (0,5) is a
 * variation-sequence table (format 14), not a character map, and is not listed.
 */
const PREFERENCE: [platform: number, encoding: number][] = [
  [3, 10],
  [3, 1],
  [0, 6],
  [0, 4],
  [0, 3],
  [0, 2],
  [0, 1],
  [0, 0],
];

const MAX_CODE_POINT = 0x10ffff;

/** Parses the best Unicode subtable of format 4 or 12 in the cmap table `cmap` (its bytes). */
export function parseCmap(cmap: Uint8Array, numGlyphs: number): Map<number, number> {
  const view = viewOf(cmap);
  const numTables = view.getUint16(2);
  const offsets = new Map<string, number>();
  for (let i = 0; i < numTables; i++) {
    const at = 4 + 8 * i;
    offsets.set(`${view.getUint16(at)},${view.getUint16(at + 2)}`, view.getUint32(at + 4));
  }
  for (const [platform, encoding] of PREFERENCE) {
    const offset = offsets.get(`${platform},${encoding}`);
    if (offset === undefined || offset + 2 > cmap.length) continue;
    const format = view.getUint16(offset);
    const map = format === 4 ? parseFormat4(view, offset) : format === 12 ? parseFormat12(view, offset, numGlyphs) : undefined;
    if (!map) continue;
    // A glyph id past the end of the font would make an invalid PDF: treat it as unmapped.
    for (const [cp, gid] of map) if (gid >= numGlyphs) map.delete(cp);
    return map;
  }
  throw new FontFileError('font has no Unicode cmap subtable of format 4 or 12');
}

/** Format 4 (segment mapping to delta values): the BMP, in segments of consecutive codes. */
function parseFormat4(view: DataView, offset: number): Map<number, number> {
  const segCount = view.getUint16(offset + 6) / 2;
  const endCodes = offset + 14;
  const startCodes = endCodes + 2 * segCount + 2; // + reservedPad
  const idDeltas = startCodes + 2 * segCount;
  const idRangeOffsets = idDeltas + 2 * segCount;
  const map = new Map<number, number>();
  for (let s = 0; s < segCount; s++) {
    const end = view.getUint16(endCodes + 2 * s);
    const start = view.getUint16(startCodes + 2 * s);
    const delta = view.getUint16(idDeltas + 2 * s);
    const rangeOffsetAt = idRangeOffsets + 2 * s;
    const rangeOffset = view.getUint16(rangeOffsetAt);
    for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
      let gid: number;
      if (rangeOffset === 0) {
        gid = (cp + delta) & 0xffff;
      } else {
        // idRangeOffset is relative to its own position in the idRangeOffset array.
        const glyph = view.getUint16(rangeOffsetAt + rangeOffset + 2 * (cp - start));
        gid = glyph === 0 ? 0 : (glyph + delta) & 0xffff;
      }
      if (gid !== 0) map.set(cp, gid);
    }
  }
  return map;
}

/** Format 12 (segmented coverage): any code point, in groups of consecutive codes and glyphs. */
function parseFormat12(view: DataView, offset: number, numGlyphs: number): Map<number, number> {
  const numGroups = view.getUint32(offset + 12);
  const map = new Map<number, number>();
  for (let g = 0; g < numGroups; g++) {
    const at = offset + 16 + 12 * g;
    const start = view.getUint32(at);
    const end = Math.min(view.getUint32(at + 4), MAX_CODE_POINT);
    const startGlyph = view.getUint32(at + 8);
    // Bounded by the glyph count, so that a bogus group cannot claim all of Unicode.
    for (let cp = start, gid = startGlyph; cp <= end && gid < numGlyphs; cp++, gid++) {
      if (gid !== 0) map.set(cp, gid);
    }
  }
  return map;
}
