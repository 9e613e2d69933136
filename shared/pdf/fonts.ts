import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

/** pdf-lib does not export its fontkit type; this is the part it uses. */
type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];

/** The two faces every composed document uses. */
export interface FontPair {
  regular: PDFFont;
  bold: PDFFont;
}

const FILES = { regular: 'NotoSerif-Regular.ttf', bold: 'NotoSerif-Bold.ttf' } as const;

/**
 * Where the fonts are: next to the sources (repo, tsx, vitest), or under `assets/fonts/` in the
 * Lambda bundle root (the bundling step copies `assets/fonts/*.ttf` there), or the working dir.
 */
function fontDirectories(): string[] {
  const dirs = [fileURLToPath(new URL('../../assets/fonts/', import.meta.url))];
  if (process.env.LAMBDA_TASK_ROOT) dirs.push(join(process.env.LAMBDA_TASK_ROOT, 'assets', 'fonts'));
  dirs.push(join(process.cwd(), 'assets', 'fonts'));
  return dirs;
}

let fontBytes: { regular: Uint8Array; bold: Uint8Array } | undefined;

/** The font files' bytes, read once per process. */
export function loadFontBytes(): { regular: Uint8Array; bold: Uint8Array } {
  if (!fontBytes) {
    const dir = fontDirectories().find((d) => existsSync(join(d, FILES.regular)));
    if (!dir) throw new Error(`PDF fonts not found (looked for ${FILES.regular} in ${fontDirectories().join(', ')})`);
    fontBytes = { regular: readFileSync(join(dir, FILES.regular)), bold: readFileSync(join(dir, FILES.bold)) };
  }
  return fontBytes;
}

type Font = ReturnType<Fontkit['create']>;

/**
 * pdf-lib parses the font file again for every document; this fontkit wrapper hands it the
 * already parsed font instead. Sharing is safe: fontkit works synchronously and each document
 * builds its own subset.
 */
const parsedFonts = new WeakMap<Uint8Array, Font>();
const cachingFontkit: Fontkit = {
  create(buffer: Uint8Array, postscriptName?: string) {
    let font = parsedFonts.get(buffer);
    if (!font) {
      font = withCmapLayout((fontkit as unknown as Fontkit).create(buffer, postscriptName));
      parsedFonts.set(buffer, font);
    }
    return font;
  },
};

/**
 * Replaces fontkit's OpenType shaping with a plain cmap lookup, one glyph per code point. pdf-lib
 * only uses the glyph ids and advance widths of a layout (it drops GPOS positions), so shaping
 * bought nothing but ligatures — which make text extract worse — at ~10× the cost. NFC
 * Vietnamese maps to Noto's precomposed glyphs, so every letter keeps its diacritics.
 */
function withCmapLayout(font: Font): Font {
  const layout = (text: string) => ({
    glyphs: Array.from(text, (ch) => {
      const cp = ch.codePointAt(0)!;
      const glyph = font.glyphForCodePoint(cp) as { codePoints: number[] };
      // fontkit caches glyph objects per font. A glyph first created as a component of a
      // composite (the "O" inside "Ộ", while subsetting an earlier document) is cached with no
      // code points, and pdf-lib builds ToUnicode from them: the letter would vanish from the
      // text layer of every later document of the process. Re-attach the code point.
      if (!glyph.codePoints.includes(cp)) glyph.codePoints = [...glyph.codePoints, cp];
      return glyph;
    }),
  });
  Object.defineProperty(font, 'layout', { value: layout });
  return font;
}

/** Embeds Noto Serif Regular and Bold into `doc`, subset to the glyphs drawn. */
export async function embedFonts(doc: PDFDocument): Promise<FontPair> {
  const bytes = loadFontBytes();
  doc.registerFontkit(cachingFontkit);
  const [regular, bold] = await Promise.all([
    doc.embedFont(bytes.regular, { subset: true }),
    doc.embedFont(bytes.bold, { subset: true }),
  ]);
  return { regular, bold };
}
