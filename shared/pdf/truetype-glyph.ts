import { FontFileError, viewOf } from './sfnt-file';

/**
 * One glyph's description in the 'glyf' table: which glyphs a composite is built from, and the
 * glyph without its hinting instructions (OpenType spec, "glyf — Glyph Data").
 */

const HEADER = 10; // numberOfContours, xMin, yMin, xMax, yMax

// Composite glyph component flags.
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;
const WE_HAVE_INSTRUCTIONS = 0x0100;

interface Component {
  /** Offset of the component's flags in the glyph. */
  at: number;
  flags: number;
  glyphId: number;
  /** Offset just past the component record. */
  end: number;
}

/** The component records of a composite glyph (numberOfContours < 0). */
function components(glyph: Uint8Array): Component[] {
  const view = viewOf(glyph);
  const list: Component[] = [];
  let at = HEADER;
  for (;;) {
    if (at + 4 > glyph.length) throw new FontFileError('composite glyph record runs past the end of the glyph');
    const flags = view.getUint16(at);
    let end = at + 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE) end += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) end += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO) end += 8;
    list.push({ at, flags, glyphId: view.getUint16(at + 2), end });
    if (!(flags & MORE_COMPONENTS)) return list;
    at = end;
  }
}

const isComposite = (glyph: Uint8Array) => glyph.length >= HEADER && viewOf(glyph).getInt16(0) < 0;

/** The glyph ids a composite glyph is built from (direct components only); [] for a simple glyph. */
export function componentGlyphIds(glyph: Uint8Array): number[] {
  return isComposite(glyph) ? components(glyph).map((c) => c.glyphId) : [];
}

/**
 * The glyph with its TrueType instructions removed: a simple glyph keeps its outline with an
 * instruction length of 0; a composite keeps its components with WE_HAVE_INSTRUCTIONS cleared and
 * the trailing instructions dropped. An empty glyph stays empty. Returns a new array.
 */
export function withoutInstructions(glyph: Uint8Array): Uint8Array {
  if (glyph.length === 0) return new Uint8Array(0);
  if (glyph.length < HEADER) throw new FontFileError('glyph shorter than its header');
  if (isComposite(glyph)) {
    const parts = components(glyph);
    const out = glyph.slice(0, parts[parts.length - 1].end);
    const view = viewOf(out);
    for (const part of parts) view.setUint16(part.at, part.flags & ~WE_HAVE_INSTRUCTIONS);
    return out;
  }
  const view = viewOf(glyph);
  const lengthAt = HEADER + 2 * view.getInt16(0); // after endPtsOfContours
  if (lengthAt + 2 > glyph.length) throw new FontFileError('simple glyph runs past its end');
  const instructions = view.getUint16(lengthAt);
  const rest = lengthAt + 2 + instructions;
  if (rest > glyph.length) throw new FontFileError('glyph instructions run past the end of the glyph');
  const out = new Uint8Array(glyph.length - instructions);
  out.set(glyph.subarray(0, lengthAt + 2));
  out.set(glyph.subarray(rest), lengthAt + 2);
  viewOf(out).setUint16(lengthAt, 0);
  return out;
}
