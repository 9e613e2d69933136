import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FontFileError } from '../../../shared/pdf/sfnt-file';
import { parseCmap } from '../../../shared/pdf/truetype-cmap';
import { parseTrueType } from '../../../shared/pdf/truetype-font';

const fontFile = (face: 'Regular' | 'Bold') => readFileSync(new URL(`../../../assets/fonts/NotoSerif-${face}.ttf`, import.meta.url));
const regular = parseTrueType(fontFile('Regular'));
const bold = parseTrueType(fontFile('Bold'));
const cp = (ch: string) => ch.codePointAt(0)!;

/** A cmap table holding `subtables` (platform, encoding, subtable bytes), in that order. */
function cmapTable(subtables: [number, number, Uint8Array][]): Uint8Array {
  const header = 4 + 8 * subtables.length;
  const out = new Uint8Array(header + subtables.reduce((n, [, , s]) => n + s.length, 0));
  const view = new DataView(out.buffer);
  view.setUint16(2, subtables.length);
  let offset = header;
  subtables.forEach(([platform, encoding, bytes], i) => {
    view.setUint16(4 + 8 * i, platform);
    view.setUint16(6 + 8 * i, encoding);
    view.setUint32(8 + 8 * i, offset);
    out.set(bytes, offset);
    offset += bytes.length;
  });
  return out;
}

/** A format 12 subtable for `map`, one group per run of consecutive code points and glyphs. */
function format12(map: ReadonlyMap<number, number>): Uint8Array {
  const groups: [number, number, number][] = [];
  for (const [c, g] of [...map].sort(([a], [b]) => a - b)) {
    const last = groups[groups.length - 1];
    if (last && c === last[1] + 1 && g === last[2] + (c - last[0])) last[1] = c;
    else groups.push([c, c, g]);
  }
  const out = new Uint8Array(16 + 12 * groups.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, 12);
  view.setUint32(4, out.length);
  view.setUint32(12, groups.length);
  groups.forEach(([start, end, gid], i) => {
    view.setUint32(16 + 12 * i, start);
    view.setUint32(20 + 12 * i, end);
    view.setUint32(24 + 12 * i, gid);
  });
  return out;
}

/** Noto's own (3,1) format 4 subtable, cut out of its cmap table. */
function notoFormat4(): Uint8Array {
  const cmap = regular.table('cmap');
  const view = new DataView(cmap.buffer, cmap.byteOffset, cmap.byteLength);
  for (let i = 0; i < view.getUint16(2); i++) {
    if (view.getUint16(4 + 8 * i) === 3 && view.getUint16(6 + 8 * i) === 1) {
      const offset = view.getUint32(8 + 8 * i);
      return cmap.slice(offset, offset + view.getUint16(offset + 2));
    }
  }
  throw new Error('Noto Serif has no (3,1) subtable');
}

describe('Function: parseTrueType', () => {
  it('reads the metrics and names of Noto Serif Regular and Bold', () => {
    // Assess
    expect(regular.postscriptName).toBe('NotoSerif-Regular');
    expect(bold.postscriptName).toBe('NotoSerif-Bold');
    expect(regular.unitsPerEm).toBe(1000);
    expect(regular.numGlyphs).toBe(3256);
    expect(regular.ascender).toBe(1069);
    expect(regular.descender).toBe(-293);
    expect(regular.capHeight).toBe(714);
    expect(regular.bbox.yMin).toBeLessThan(0);
    expect(regular.bbox.xMax).toBeGreaterThan(1000);
    expect([regular.weightClass, bold.weightClass]).toEqual([400, 700]);
    expect([regular.macStyle & 1, bold.macStyle & 1]).toEqual([0, 1]); // bit 0: bold
    expect(regular.italicAngle).toBe(0);
    expect(regular.isFixedPitch).toBe(false);
  });

  it('maps Vietnamese letters and digits to distinct glyphs with an advance width', () => {
    // Prepare
    const chars = ['Ộ', 'ữ', 'đ', 'Đ', 'ơ', 'Ư', 'ạ', 'Ỹ', ...'0123456789'];

    // Act
    const gids = chars.map((ch) => regular.glyphId(cp(ch)));

    // Assess
    expect(gids.every((g) => g > 0 && g < regular.numGlyphs)).toBe(true);
    expect(new Set(gids).size).toBe(chars.length);
    for (const gid of gids) expect(regular.advanceWidth(gid)).toBeGreaterThan(0);
    expect(bold.advanceWidth(bold.glyphId(cp('Ộ')))).toBeGreaterThan(regular.advanceWidth(regular.glyphId(cp('Ộ'))));
  });

  it('maps a code point the font lacks to .notdef (glyph 0), which has a width', () => {
    expect(regular.glyphId(cp('中'))).toBe(0);
    expect(regular.glyphId(0x1f600)).toBe(0);
    expect(regular.advanceWidth(0)).toBeGreaterThan(0);
  });

  it('lists the components of a composite glyph: "Ộ" is built on "O"', () => {
    // Act
    const components = regular.componentGlyphIds(regular.glyphId(cp('Ộ')));

    // Assess
    expect(components).toContain(regular.glyphId(cp('O')));
    expect(components.length).toBeGreaterThanOrEqual(2);
    expect(regular.componentGlyphIds(regular.glyphId(cp('O')))).toEqual([]);
  });

  it('gives the byte range of each glyph, empty for the space', () => {
    expect(regular.glyph(regular.glyphId(cp(' ')))).toHaveLength(0);
    expect(regular.glyph(regular.glyphId(cp('đ'))).length).toBeGreaterThan(10);
    expect(() => regular.glyph(regular.numGlyphs)).toThrow(FontFileError);
  });

  it('refuses what is not a TrueType font: a CFF-flavoured OpenType header, a truncated file', () => {
    // Prepare
    const cff = fontFile('Regular').subarray(0, 4096);
    cff.set([0x4f, 0x54, 0x54, 0x4f]); // 'OTTO'

    // Assess
    expect(() => parseTrueType(cff)).toThrow(/not a TrueType/);
    expect(() => parseTrueType(fontFile('Regular').subarray(0, 200))).toThrow(FontFileError);
  });
});

describe('Function: parseCmap', () => {
  it('reads a format 12 subtable exactly as the format 4 one it was built from', () => {
    // Prepare
    const format4Only = parseCmap(cmapTable([[3, 1, notoFormat4()]]), regular.numGlyphs);

    // Act
    const format12Only = parseCmap(cmapTable([[3, 10, format12(format4Only)]]), regular.numGlyphs);

    // Assess
    expect(format4Only.size).toBe(regular.cmap.size);
    expect(format12Only).toEqual(format4Only);
  });

  it('prefers the Windows full-repertoire subtable (3,10) over (3,1) and (0,3)', () => {
    // Prepare: the (3,10) table maps one more code point, so it shows which one was read
    const withPlane1 = new Map([...regular.cmap, [0x1d400, 5]]);
    const cmap = cmapTable([
      [0, 3, notoFormat4()],
      [3, 1, notoFormat4()],
      [3, 10, format12(withPlane1)],
    ]);

    // Act
    const map = parseCmap(cmap, regular.numGlyphs);

    // Assess
    expect(map.get(0x1d400)).toBe(5);
    expect(map.get(cp('ữ'))).toBe(regular.glyphId(cp('ữ')));
  });

  it('drops mappings to glyph ids past the end of the font', () => {
    // Act
    const map = parseCmap(cmapTable([[3, 10, format12(new Map([[0x41, 3], [0x42, 99]]))]]), 10);

    // Assess
    expect([...map]).toEqual([[0x41, 3]]);
  });

  it('refuses a cmap with no Unicode subtable it can read', () => {
    // Prepare: a Macintosh Roman subtable only
    expect(() => parseCmap(cmapTable([[1, 0, notoFormat4()]]), regular.numGlyphs)).toThrow(FontFileError);
  });
});
