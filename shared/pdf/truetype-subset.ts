import { FontFileError, viewOf, writeSfnt } from './sfnt-file';
import type { TrueTypeFont } from './truetype-font';
import { withoutInstructions } from './truetype-glyph';

/**
 * A glyph-id-preserving TrueType subset for a PDF CIDFontType2: every glyph id of the original
 * stays valid (so the PDF can use CIDToGIDMap /Identity with the real ids), but only the glyphs a
 * document drew — and the components they are built from — keep their outline and metrics.
 *
 * Only the tables a CIDFontType2 font program needs are written (ISO 32000-1 §9.9, Table 126):
 * head, hhea, maxp, hmtx, loca, glyf. The PDF supplies widths (/W), the character mapping
 * (Identity-H, ToUnicode) and the name, so cmap, name, OS/2 and post would be dead weight; this
 * is the same table set fontkit's subsets had.
 *
 * Hinting is stripped, consistently: no cvt/fpgm/prep, no instructions in any glyph, and maxp's
 * hinting limits set to "none". Instructions are ~45 % of Noto Serif's glyph data; PDF text is
 * zoomed and printed rather than read at a few pixels per em, where hinting helps; and poppler
 * renders our copies pixel-identical with or without it (checked at 80–300 dpi, against the old
 * hinted fontkit subsets). Keeping it would also mean keeping fpgm, prep, cvt and the glyph
 * programs that call fpgm's functions in step; dropping all of it cannot leave them inconsistent.
 */

/** The glyphs to keep: .notdef, the glyphs used and, recursively, the components of composites. */
export function glyphClosure(font: TrueTypeFont, used: Iterable<number>): Set<number> {
  const keep = new Set<number>();
  const pending = [0, ...used];
  while (pending.length > 0) {
    const gid = pending.pop()!;
    if (keep.has(gid)) continue;
    if (!(Number.isInteger(gid) && gid >= 0 && gid < font.numGlyphs)) throw new FontFileError(`glyph id ${gid} out of range`);
    keep.add(gid);
    // The `keep` check above also stops a (malformed) composite that refers to itself.
    pending.push(...font.componentGlyphIds(gid));
  }
  return keep;
}

const padded = (n: number) => (n + 3) & ~3;

/** The subset font program (a complete .ttf) that draws exactly the glyphs in `used`. */
export function subsetTrueType(font: TrueTypeFont, used: Iterable<number>): Uint8Array {
  const keep = glyphClosure(font, used);
  const { glyf, loca, indexToLocFormat } = subsetGlyphs(font, keep);

  const head = font.table('head').slice();
  viewOf(head).setInt16(50, indexToLocFormat);
  // checkSumAdjustment is set by writeSfnt.

  return writeSfnt(
    new Map([
      ['head', head],
      ['hhea', font.table('hhea').slice()],
      ['maxp', maxpWithoutHinting(font.table('maxp'))],
      ['hmtx', subsetMetrics(font, keep)],
      ['loca', loca],
      ['glyf', glyf],
    ]),
  );
}

/** New glyf and loca: kept glyphs without instructions, 4-byte aligned; every other glyph empty. */
function subsetGlyphs(font: TrueTypeFont, keep: Set<number>): { glyf: Uint8Array; loca: Uint8Array; indexToLocFormat: number } {
  const offsets = new Uint32Array(font.numGlyphs + 1);
  const glyphs = new Map<number, Uint8Array>();
  let size = 0;
  for (let gid = 0; gid < font.numGlyphs; gid++) {
    offsets[gid] = size;
    if (!keep.has(gid)) continue;
    const glyph = withoutInstructions(font.glyph(gid));
    glyphs.set(gid, glyph);
    size += padded(glyph.length);
  }
  offsets[font.numGlyphs] = size;

  const glyf = new Uint8Array(size);
  for (const [gid, glyph] of glyphs) glyf.set(glyph, offsets[gid]);

  // The short format stores offset / 2 in a uint16: smaller, and fine for a few hundred glyphs.
  const short = size / 2 <= 0xffff;
  const loca = new Uint8Array((font.numGlyphs + 1) * (short ? 2 : 4));
  const view = viewOf(loca);
  offsets.forEach((offset, i) => (short ? view.setUint16(2 * i, offset / 2) : view.setUint32(4 * i, offset)));
  return { glyf, loca, indexToLocFormat: short ? 0 : 1 };
}

/**
 * hmtx with the same layout (numberOfHMetrics unchanged) but zeros for the glyphs not kept, which
 * deflate to almost nothing. The last long metric keeps its advance whatever happens to its glyph:
 * every glyph after it takes that advance.
 */
function subsetMetrics(font: TrueTypeFont, keep: Set<number>): Uint8Array {
  const source = font.table('hmtx');
  const longCount = font.numberOfHMetrics;
  const size = 4 * longCount + 2 * (font.numGlyphs - longCount);
  if (source.length < size) throw new FontFileError('font hmtx table too short');
  const hmtx = new Uint8Array(size);
  for (const gid of keep) {
    if (gid < longCount) hmtx.set(source.subarray(4 * gid, 4 * gid + 4), 4 * gid);
    else {
      const at = 4 * longCount + 2 * (gid - longCount);
      hmtx.set(source.subarray(at, at + 2), at);
    }
  }
  const last = 4 * (longCount - 1);
  hmtx.set(source.subarray(last, last + 2), last);
  return hmtx;
}

/** maxp with the hinting limits of a font that has no instructions (version 1.0 tables only). */
function maxpWithoutHinting(source: Uint8Array): Uint8Array {
  const maxp = source.slice();
  const view = viewOf(maxp);
  if (view.getUint32(0) !== 0x00010000 || maxp.length < 32) return maxp;
  view.setUint16(14, 1); // maxZones: 1 = no twilight zone
  for (const field of [16, 18, 20, 22, 24, 26]) view.setUint16(field, 0); // twilight points, storage, FDEFs, IDEFs, stack, instruction size
  return maxp;
}
