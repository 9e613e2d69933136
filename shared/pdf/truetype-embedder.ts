import {
  CustomFontEmbedder,
  PDFFont,
  PDFHexString,
  PDFString,
  type PDFContext,
  type PDFDocument,
  type PDFRef,
} from 'pdf-lib';
import { FontFileError } from './sfnt-file';
import { toUnicodeCMap } from './to-unicode-cmap';
import type { TrueTypeFont } from './truetype-font';
import { subsetTrueType } from './truetype-subset';

/**
 * A TrueType font embedded in one pdf-lib document as a Type0 / CIDFontType2 font (Identity-H,
 * 2-byte glyph ids, CIDToGIDMap /Identity), subset at save() to the glyphs that document drew.
 * Text is laid out one glyph per code point through the font's cmap, which is all our
 * Vietnamese needs: NFC maps every letter to one of Noto's precomposed glyphs.
 */

/** pdf-lib's embedder is typed with fontkit's Font, which pdf-lib does not export. */
type FontkitFont = CustomFontEmbedder['font'];

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

// FontDescriptor /Flags bits (ISO 32000-1 §9.8.2, Table 123), bit n is 1 << (n - 1).
const FIXED_PITCH = 1 << 0;
const SERIF = 1 << 1;
const SYMBOLIC = 1 << 2;
const SCRIPT = 1 << 3;
const ITALIC = 1 << 6;
const MAC_STYLE_ITALIC = 1 << 1;

/**
 * The embedder behind a PDFFont. It extends pdf-lib's CustomFontEmbedder only because PDFFont's
 * constructor accepts nothing else (an instanceof check); every method PDFFont calls is
 * overridden, so none of the fontkit-based base code runs. The base constructor reads
 * `unitsPerEm` and `postscriptName` from the font it is given, and PDFFont.getCharacterSet reads
 * `characterSet`: that is all the stand-in passed to it has.
 *
 * State is per document: `used` is this document's glyph set, and the parsed font is immutable.
 */
class TrueTypeSubsetEmbedder extends CustomFontEmbedder {
  private readonly ttf: TrueTypeFont;
  /** Glyph id → the code point it was first drawn for; the glyphs of this document's subset. */
  private readonly used = new Map<number, number>();

  constructor(ttf: TrueTypeFont) {
    const standIn = {
      unitsPerEm: ttf.unitsPerEm,
      postscriptName: ttf.postscriptName,
      get characterSet() {
        return [...ttf.cmap.keys()].sort((a, b) => a - b);
      },
    };
    super(standIn as unknown as FontkitFont, ttf.bytes);
    this.ttf = ttf;
  }

  /** The 2-byte glyph ids of `text` (NFC; a code point the font lacks becomes .notdef, gid 0). */
  override encodeText(text: string): PDFHexString {
    let hex = '';
    for (const ch of text.normalize('NFC')) {
      const codePoint = ch.codePointAt(0)!;
      const gid = this.ttf.glyphId(codePoint);
      if (!this.used.has(gid)) this.used.set(gid, codePoint);
      hex += hex4(gid);
    }
    return PDFHexString.of(hex);
  }

  override widthOfTextAtSize(text: string, size: number): number {
    let width = 0;
    for (const ch of text.normalize('NFC')) width += this.ttf.advanceWidth(this.ttf.glyphId(ch.codePointAt(0)!));
    return (width * size) / this.ttf.unitsPerEm;
  }

  /** As pdf-lib's: hhea ascender to descender (head bbox if unset), optionally without the descender. */
  override heightOfFontAtSize(size: number, options: { descender?: boolean } = {}): number {
    const { ascender, descender, bbox, unitsPerEm } = this.ttf;
    let height = (ascender || bbox.yMax) - (descender || bbox.yMin);
    if (options.descender === false) height -= Math.abs(descender);
    return (height * size) / unitsPerEm;
  }

  override sizeOfFontAtHeight(height: number): number {
    const { ascender, descender, bbox, unitsPerEm } = this.ttf;
    return (unitsPerEm * height) / ((ascender || bbox.yMax) - (descender || bbox.yMin));
  }

  /** Called by PDFFont.embed at save(): writes the subset and the font dictionaries to `ref`. */
  override async embedIntoContext(context: PDFContext, ref?: PDFRef): Promise<PDFRef> {
    const gids = [...new Set([0, ...this.used.keys()])].sort((a, b) => a - b);
    const program = subsetTrueType(this.ttf, gids);
    const name = `${subsetTag(this.ttf.postscriptName, gids)}+${this.ttf.postscriptName}`;
    this.baseFontName = name;
    const em = (v: number) => (v * 1000) / this.ttf.unitsPerEm;
    const { bbox } = this.ttf;

    // Length1 (the decoded length) is required for FontFile2 streams; pdf-lib's embedder omits it.
    const fontFile = context.register(context.flateStream(program, { Length1: program.length }));
    const descriptor = context.register(
      context.obj({
        Type: 'FontDescriptor',
        FontName: name,
        Flags: this.flags(),
        FontBBox: [em(bbox.xMin), em(bbox.yMin), em(bbox.xMax), em(bbox.yMax)],
        ItalicAngle: this.ttf.italicAngle,
        Ascent: em(this.ttf.ascender),
        Descent: em(this.ttf.descender),
        CapHeight: em(this.ttf.capHeight || this.ttf.ascender),
        XHeight: em(this.ttf.xHeight),
        StemV: stemV(this.ttf.weightClass),
        FontFile2: fontFile,
      }),
    );
    const cidFont = context.register(
      context.obj({
        Type: 'Font',
        Subtype: 'CIDFontType2',
        BaseFont: name,
        CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
        FontDescriptor: descriptor,
        W: widthsArray(gids.map((gid) => [gid, em(this.ttf.advanceWidth(gid))])),
        CIDToGIDMap: 'Identity',
      }),
    );
    const text = new Map([...this.used].filter(([gid]) => gid !== 0).map(([gid, cp]) => [gid, [cp]]));
    const toUnicode = context.register(context.flateStream(toUnicodeCMap(text)));
    const type0 = context.obj({
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: name,
      Encoding: 'Identity-H',
      DescendantFonts: [cidFont],
      ToUnicode: toUnicode,
    });
    if (!ref) return context.register(type0);
    context.assign(ref, type0);
    return ref;
  }

  /** As pdf-lib derives them: Symbolic (glyphs outside the standard Latin set), plus what the font says. */
  private flags(): number {
    const { isFixedPitch, familyClass, macStyle } = this.ttf;
    let flags = SYMBOLIC;
    if (isFixedPitch) flags |= FIXED_PITCH;
    if (familyClass >= 1 && familyClass <= 7) flags |= SERIF;
    if (familyClass === 10) flags |= SCRIPT;
    if (macStyle & MAC_STYLE_ITALIC) flags |= ITALIC;
    return flags;
  }
}

/**
 * TrueType has no stem width; this is dvipdfmx's estimate from the OS/2 weight class (88 for
 * regular, 166 for bold). Viewers only use StemV to fake a substitute when a font is missing.
 */
function stemV(weightClass: number): number {
  return Math.round(50 + (weightClass / 65) ** 2);
}

/** /W: runs of consecutive glyph ids as `first [w1 w2 …]` (ISO 32000-1 §9.7.4.3). */
function widthsArray(widths: [gid: number, width: number][]): (number | number[])[] {
  const out: (number | number[])[] = [];
  let run: number[] = [];
  widths.forEach(([gid, width], i) => {
    if (i === 0 || gid !== widths[i - 1][0] + 1) {
      run = [];
      out.push(gid, run);
    }
    run.push(width);
  });
  return out;
}

/**
 * The six capital letters of a subset's name (ISO 32000-1 §9.6.4), from an FNV-1a hash of its
 * glyph set: the same glyphs give the same name, so composing is reproducible.
 */
function subsetTag(fontName: string, gids: number[]): string {
  let hash = 0x811c9dc5;
  for (const n of [...Array.from(fontName, (c) => c.charCodeAt(0)), ...gids]) {
    hash = Math.imul(hash ^ (n & 0xff), 0x01000193);
    hash = Math.imul(hash ^ (n >>> 8), 0x01000193);
  }
  let tag = '';
  for (let i = 0, h = hash >>> 0; i < 6; i++, h = Math.floor(h / 26)) tag += String.fromCharCode(65 + (h % 26));
  return tag;
}

/**
 * pdf-lib's PDFDocument keeps the fonts that save() embeds in a private `fonts` array, and its
 * only public way to add one (embedFont) insists on parsing the file with fontkit. We add ours to
 * that array, as embedFont does; pdf-lib is pinned (1.17.1), and a changed shape fails loudly.
 */
function fontsEmbeddedAtSave(doc: PDFDocument): PDFFont[] {
  const fonts = (doc as unknown as { fonts?: unknown }).fonts;
  if (!Array.isArray(fonts)) throw new Error('pdf-lib internals changed: PDFDocument has no `fonts` array');
  return fonts as PDFFont[];
}

/** A PDFFont of `doc` drawing with `font`, embedded (subset to what the document drew) at save(). */
export function embedTrueTypeFont(doc: PDFDocument, font: TrueTypeFont): PDFFont {
  if (font.cmap.size === 0) throw new FontFileError(`font ${font.postscriptName} has no Unicode cmap to lay text out with`);
  const pdfFont = PDFFont.of(doc.context.nextRef(), doc, new TrueTypeSubsetEmbedder(font));
  fontsEmbeddedAtSave(doc).push(pdfFont);
  return pdfFont;
}
