import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { embedTrueTypeFont } from './truetype-embedder';
import { parseTrueType, type TrueTypeFont } from './truetype-font';

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

let parsedFonts: { regular: TrueTypeFont; bold: TrueTypeFont } | undefined;

/** The two fonts parsed, once per process; parsed fonts are immutable, so documents share them. */
function loadFonts(): { regular: TrueTypeFont; bold: TrueTypeFont } {
  if (!parsedFonts) {
    const bytes = loadFontBytes();
    parsedFonts = { regular: parseTrueType(bytes.regular), bold: parseTrueType(bytes.bold) };
  }
  return parsedFonts;
}

/**
 * Embeds Noto Serif Regular and Bold into `doc`, each subset at save() to the glyphs drawn in
 * this document and nothing else: no glyph state outlives a document (fontkit's glyph cache once
 * made letters vanish from later documents' text layer; test/unit/pdf/fonts-shared-glyphs). Text is laid out one glyph per code point through the cmap (no OpenType
 * shaping: pdf-lib would drop positioning anyway, and ligatures make text extract worse); NFC
 * Vietnamese maps to Noto's precomposed glyphs, so every letter keeps its diacritics.
 */
export async function embedFonts(doc: PDFDocument): Promise<FontPair> {
  const fonts = loadFonts();
  return { regular: embedTrueTypeFont(doc, fonts.regular), bold: embedTrueTypeFont(doc, fonts.bold) };
}
