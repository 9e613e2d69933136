import { rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { plainText } from '../domain/text';

/** Text as it is drawn: the one rule for typed text (shared/domain/text.ts), whatever its source. */
export function cleanText(text: string): string {
  return plainText(text);
}

/**
 * Breaks `text` into lines no wider than `maxWidth` at `size`: at spaces where possible, inside a
 * word (a URL, a long code) when the word alone is too wide.
 */
export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const words = cleanText(text).split(' ').filter(Boolean);
  // Words are measured once each (shaping is the costly part); a line's width is the sum of its
  // words and spaces, which ignores kerning across a space — far below a point at these sizes.
  const widths = new Map<string, number>();
  const measure = (s: string) => {
    let w = widths.get(s);
    if (w === undefined) widths.set(s, (w = font.widthOfTextAtSize(s, size)));
    return w;
  };
  const space = measure(' ');
  const fits = (s: string) => measure(s) <= maxWidth;
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const word of words) {
    const wordWidth = measure(word);
    if (line && lineWidth + space + wordWidth <= maxWidth) {
      line = `${line} ${word}`;
      lineWidth += space + wordWidth;
      continue;
    }
    if (line) lines.push(line);
    let rest = word;
    while (!fits(rest)) {
      const cut = longestFittingPrefix(rest, (s) => font.widthOfTextAtSize(s, size) <= maxWidth);
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
    lineWidth = measure(rest);
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}

/** Length of the longest prefix that fits (at least one code point, so that wrapping ends). */
function longestFittingPrefix(word: string, fits: (s: string) => boolean): number {
  const points = Array.from(word);
  let lo = 1;
  let hi = points.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(points.slice(0, mid).join(''))) lo = mid;
    else hi = mid - 1;
  }
  return points.slice(0, lo).join('').length;
}

export type Align = 'left' | 'center' | 'right';

/** Options for one drawn line: `x` is the left edge of a box `width` wide in which it is aligned. */
export interface LineStyle {
  font: PDFFont;
  size: number;
  x: number;
  width: number;
  align?: Align;
  gray?: number;
}

/** Draws one line of text at baseline `y`, aligned in its box; returns its drawn width. */
export function drawLine(page: PDFPage, text: string, y: number, style: LineStyle): number {
  const clean = cleanText(text);
  const width = style.font.widthOfTextAtSize(clean, style.size);
  const align = style.align ?? 'left';
  const x = align === 'left' ? style.x : align === 'center' ? style.x + (style.width - width) / 2 : style.x + style.width - width;
  const shade = style.gray ?? 0;
  page.drawText(clean, { x, y, size: style.size, font: style.font, color: rgb(shade, shade, shade) });
  return width;
}

/**
 * Draws a paragraph wrapped to `style.width`, first baseline at `y`, `leading` between baselines;
 * returns the baseline below the last line.
 */
export function drawParagraph(page: PDFPage, text: string, y: number, style: LineStyle, leading = style.size * 1.35): number {
  for (const line of wrapText(text, style.font, style.size, style.width)) {
    drawLine(page, line, y, style);
    y -= leading;
  }
  return y;
}

/** The height a paragraph takes with drawParagraph. */
export function paragraphHeight(text: string, style: Omit<LineStyle, 'x'>, leading = style.size * 1.35): number {
  return wrapText(text, style.font, style.size, style.width).length * leading;
}
