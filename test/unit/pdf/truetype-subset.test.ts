import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTableDirectory, sfntChecksum } from '../../../shared/pdf/sfnt-file';
import { parseTrueType, type TrueTypeFont } from '../../../shared/pdf/truetype-font';
import { withoutInstructions } from '../../../shared/pdf/truetype-glyph';
import { glyphClosure, subsetTrueType } from '../../../shared/pdf/truetype-subset';

const noto = parseTrueType(readFileSync(new URL('../../../assets/fonts/NotoSerif-Regular.ttf', import.meta.url)));
const gidsOf = (text: string) => Array.from(text, (ch) => noto.glyphId(ch.codePointAt(0)!));
const TEXT = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — Chứng thực bản sao đúng với bản chính. ữ đ Đ 0123456789';

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * Every checksum an sfnt carries, checked the way the OpenType spec defines them. The font as
 * shipped only passes the table checksums: its checkSumAdjustment predates a later edit (common
 * in released fonts, and harmless).
 */
function checksumProblems(font: Uint8Array, { wholeFont = true } = {}): string[] {
  const problems: string[] = [];
  const v = view(font);
  for (const [tag, { offset, length }] of readTableDirectory(font)) {
    const data = font.slice(offset, offset + length);
    if (tag === 'head') view(data).setUint32(8, 0); // taken with checkSumAdjustment zeroed
    const i = [...readTableDirectory(font).keys()].indexOf(tag);
    if (v.getUint32(12 + 16 * i + 4) !== sfntChecksum(data)) problems.push(`${tag} checksum`);
    if (offset % 4 !== 0) problems.push(`${tag} not 4-byte aligned`);
  }
  if (wholeFont && sfntChecksum(font) !== 0xb1b0afba) problems.push('whole-font checksum (head.checkSumAdjustment)');
  return problems;
}

/** Instruction bytes a glyph still carries (simple glyphs: instructionLength; composites: the flag). */
function hasInstructions(glyph: Uint8Array): boolean {
  if (glyph.length === 0) return false;
  const v = view(glyph);
  const contours = v.getInt16(0);
  if (contours >= 0) return v.getUint16(10 + 2 * contours) !== 0;
  let at = 10;
  for (;;) {
    const flags = v.getUint16(at);
    if (flags & 0x0100) return true;
    if (!(flags & 0x0020)) return false;
    at += 4 + (flags & 1 ? 4 : 2) + (flags & 0x8 ? 2 : flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0);
  }
}

/** A glyph of the subset is the stripped original, zero-padded to a multiple of 4 bytes. */
function sameGlyph(subsetGlyph: Uint8Array, original: Uint8Array): boolean {
  const stripped = withoutInstructions(original);
  return (
    subsetGlyph.length === ((stripped.length + 3) & ~3) &&
    Buffer.from(subsetGlyph.subarray(0, stripped.length)).equals(Buffer.from(stripped)) &&
    subsetGlyph.subarray(stripped.length).every((b) => b === 0)
  );
}

function glyphOffsets(font: TrueTypeFont): number[] {
  const loca = view(font.table('loca'));
  return Array.from({ length: font.numGlyphs + 1 }, (_, i) => (font.indexToLocFormat === 0 ? 2 * loca.getUint16(2 * i) : loca.getUint32(4 * i)));
}

describe('Function: glyphClosure', () => {
  it('adds .notdef and, recursively, the components of composite glyphs', () => {
    // Prepare: "Ộ" is O + dot below + circumflex
    const o = noto.glyphId('Ộ'.codePointAt(0)!);

    // Act
    const keep = glyphClosure(noto, [o]);

    // Assess
    expect(keep.has(0)).toBe(true);
    expect(keep.has(o)).toBe(true);
    for (const component of noto.componentGlyphIds(o)) {
      expect(keep.has(component)).toBe(true);
      for (const nested of noto.componentGlyphIds(component)) expect(keep.has(nested)).toBe(true);
    }
    expect(keep.has(noto.glyphId('O'.codePointAt(0)!))).toBe(true);
  });

  it('refuses a glyph id the font does not have', () => {
    expect(() => glyphClosure(noto, [noto.numGlyphs])).toThrow(/out of range/);
  });
});

describe('Function: subsetTrueType', () => {
  const used = gidsOf(TEXT);
  const subsetBytes = subsetTrueType(noto, used);
  const subset = parseTrueType(subsetBytes);
  const keep = glyphClosure(noto, used);

  it('writes a TrueType file our reader parses, with every glyph id of the original', () => {
    // Assess
    expect(subset.numGlyphs).toBe(noto.numGlyphs);
    expect(subset.unitsPerEm).toBe(noto.unitsPerEm);
    expect(subset.ascender).toBe(noto.ascender);
    expect(subset.bbox).toEqual(noto.bbox);
    expect([...subset.tables.keys()].sort()).toEqual(['glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp']);
    expect(subsetBytes.length).toBeLessThan(30_000);
  });

  it('keeps the outline and metrics of the glyphs used and of their components, without instructions', () => {
    expect(keep.size).toBeGreaterThan(new Set(used).size); // composites pulled components in
    for (const gid of keep) {
      expect(sameGlyph(subset.glyph(gid), noto.glyph(gid))).toBe(true);
      expect(subset.advanceWidth(gid)).toBe(noto.advanceWidth(gid));
      expect(hasInstructions(subset.glyph(gid))).toBe(false);
    }
    expect(subset.glyph(noto.glyphId('Ộ'.codePointAt(0)!)).length).toBeGreaterThan(0);
    expect(subset.glyph(noto.glyphId('O'.codePointAt(0)!)).length).toBeGreaterThan(0);
  });

  it('leaves every other glyph empty', () => {
    // Assess
    const others = Array.from({ length: noto.numGlyphs }, (_, gid) => gid).filter((gid) => !keep.has(gid));
    expect(others.length).toBeGreaterThan(3000);
    expect(others.filter((gid) => subset.glyph(gid).length > 0)).toEqual([]);
    expect(subset.glyph(noto.glyphId('Q'.codePointAt(0)!))).toHaveLength(0);
  });

  it('strips hinting consistently: no cvt/fpgm/prep, no instructions, maxp limits at "none"', () => {
    // Assess
    for (const tag of ['cvt ', 'fpgm', 'prep']) expect(subset.tables.has(tag)).toBe(false);
    const maxp = view(subset.table('maxp'));
    expect(maxp.getUint16(26)).toBe(0); // maxSizeOfInstructions
    expect(maxp.getUint16(20)).toBe(0); // maxFunctionDefs
    expect(maxp.getUint16(4)).toBe(noto.numGlyphs);
    // The original does carry instructions, so stripping them is tested, not assumed.
    expect(hasInstructions(noto.glyph(noto.glyphId('đ'.codePointAt(0)!)))).toBe(true);
  });

  it('writes valid checksums, 4-byte aligned tables and glyphs, and the loca format it declares', () => {
    // Assess: the checker agrees with the font as Google shipped it, then with ours
    expect(checksumProblems(readFileSync(new URL('../../../assets/fonts/NotoSerif-Regular.ttf', import.meta.url)), { wholeFont: false })).toEqual([]);
    expect(checksumProblems(subsetBytes)).toEqual([]);
    expect(subset.indexToLocFormat).toBe(0); // short offsets: a few KB of glyphs
    expect(subset.table('loca').length).toBe(2 * (noto.numGlyphs + 1));
    expect(glyphOffsets(subset).every((o) => o % 4 === 0)).toBe(true);
  });

  it('switches to long loca offsets when the glyphs outgrow the short format', () => {
    // Act: every glyph of the font (~250 KB of outlines)
    const all = parseTrueType(subsetTrueType(noto, Array.from({ length: noto.numGlyphs }, (_, gid) => gid)));

    // Assess
    expect(all.indexToLocFormat).toBe(1);
    expect(all.tables.get('glyf')!.length).toBeGreaterThan(0x1fffe);
    const gid = noto.glyphId('ỹ'.codePointAt(0)!);
    expect(sameGlyph(all.glyph(gid), noto.glyph(gid))).toBe(true);
    expect(checksumProblems(subsetTrueType(noto, [noto.numGlyphs - 1]))).toEqual([]);
  });

  it('produces the same bytes for the same glyphs, whatever the order they were drawn in', () => {
    expect(Buffer.from(subsetTrueType(noto, [...used].reverse())).equals(Buffer.from(subsetBytes))).toBe(true);
  });
});

describe('Function: withoutInstructions', () => {
  it('drops only the instruction bytes of a simple glyph, keeping its outline data', () => {
    // Prepare
    const glyph = noto.glyph(noto.glyphId('đ'.codePointAt(0)!));
    const contours = view(glyph).getInt16(0);
    const lengthAt = 10 + 2 * contours;
    const instructions = view(glyph).getUint16(lengthAt);

    // Act
    const stripped = withoutInstructions(glyph);

    // Assess
    expect(stripped.length).toBe(glyph.length - instructions);
    expect(Buffer.from(stripped.subarray(0, lengthAt)).equals(Buffer.from(glyph.subarray(0, lengthAt)))).toBe(true);
    expect(view(stripped).getUint16(lengthAt)).toBe(0);
    expect(Buffer.from(stripped.subarray(lengthAt + 2)).equals(Buffer.from(glyph.subarray(lengthAt + 2 + instructions)))).toBe(true);
  });

  it('keeps the components of a composite and clears its instructions flag', () => {
    // Prepare
    const gid = noto.glyphId('Ộ'.codePointAt(0)!);

    // Act
    const stripped = withoutInstructions(noto.glyph(gid));

    // Assess
    expect(hasInstructions(stripped)).toBe(false);
    expect(stripped.length).toBeLessThanOrEqual(noto.glyph(gid).length);
    expect(stripped.subarray(0, 10)).toEqual(noto.glyph(gid).subarray(0, 10));
  });
});
