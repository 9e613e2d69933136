import { fill, popGraphicsState, pushGraphicsState, rectangle, rgb, setFillingGrayscaleColor, type PDFOperator, type PDFPage } from 'pdf-lib';
// The encoder alone, without the renderers (and pngjs) the package's main entry loads.
import { create as createQrCode } from 'qrcode/lib/core/qrcode.js';
import type { FontPair } from './fonts';
import { MIN_TEXT_SIZE } from './layout';
import { cleanText, drawLine, drawParagraph, paragraphHeight, wrapText } from './text-layout';

/** Height of the band at the bottom of a page that holds the footer on one line. */
export const FOOTER_HEIGHT = 28;
/** Side length of the QR code, quiet zone included (about 24 mm). */
export const QR_SIZE = 68;
const QR_QUIET_MODULES = 2;
const QR_TEXT_GAP = 10;
const HEADER_PADDING = 10;
const QR_TEXT_SIZE = MIN_TEXT_SIZE;

/** What the QR code and the text beside it say (Circular 01/2023/TT-VPCP). */
export interface QrHeaderContent {
  verifyUrl: string;
  verifyCode: string;
}

function qrTextLines(content: QrHeaderContent): { text: string; bold: boolean }[] {
  return [
    { text: 'Mã QR tra cứu, xác thực bản sao điện tử', bold: true },
    { text: `Địa chỉ tra cứu: ${content.verifyUrl}`, bold: false },
    { text: `${VERIFY_CODE_LABEL}: ${content.verifyCode}`, bold: false },
  ];
}

/** Height of the QR header (padding included) when it is `width` wide. */
export function qrHeaderHeight(fonts: FontPair, content: QrHeaderContent, width: number): number {
  const textWidth = Math.max(60, width - QR_SIZE - QR_TEXT_GAP);
  const textHeight = qrTextLines(content).reduce(
    (h, l) => h + paragraphHeight(l.text, { font: l.bold ? fonts.bold : fonts.regular, size: QR_TEXT_SIZE, width: textWidth }),
    0,
  );
  return Math.max(QR_SIZE, textHeight) + 2 * HEADER_PADDING;
}

/**
 * Draws the QR code holding `verifyUrl` with its top-left corner at (x, yTop) and the same
 * information as text on its right; the header is `width` wide. Returns the height used.
 */
export function drawQrHeader(page: PDFPage, fonts: FontPair, content: QrHeaderContent, x: number, yTop: number, width: number): number {
  const height = qrHeaderHeight(fonts, content, width);
  const qrTop = yTop - HEADER_PADDING;
  page.pushOperators(...qrOperators(content.verifyUrl, x, qrTop - QR_SIZE, QR_SIZE));
  const textX = x + QR_SIZE + QR_TEXT_GAP;
  const textWidth = Math.max(60, width - QR_SIZE - QR_TEXT_GAP);
  let y = qrTop - QR_TEXT_SIZE - 2;
  for (const line of qrTextLines(content)) {
    y = drawParagraph(page, line.text, y, { font: line.bold ? fonts.bold : fonts.regular, size: QR_TEXT_SIZE, x: textX, width: textWidth });
  }
  return height;
}

/**
 * The QR code as vector rectangles on a white square (one rectangle per run of dark modules in a
 * row): sharp at any zoom and a few hundred bytes.
 */
function qrOperators(text: string, x: number, y: number, size: number): PDFOperator[] {
  const qr = createQrCode(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const data = qr.modules.data;
  const module = size / (n + 2 * QR_QUIET_MODULES);
  const origin = QR_QUIET_MODULES * module;
  const ops: PDFOperator[] = [pushGraphicsState(), setFillingGrayscaleColor(1), rectangle(x, y, size, size), fill(), setFillingGrayscaleColor(0)];
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!data[row * n + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && data[row * n + col]) col++;
      // Rows go top-down in the QR matrix and bottom-up in PDF space.
      ops.push(rectangle(x + origin + start * module, y + size - origin - (row + 1) * module, (col - start) * module, module));
    }
  }
  ops.push(fill(), popGraphicsState());
  return ops;
}

/** What the footer of every page says. */
export interface FooterContent {
  /** e.g. "Số chứng thực: 123/01-2026-SCT/BS". */
  numberLabel: string;
  verifyCode: string;
}

/** The one name of the verify code, on the copy, the web page and the API (issue #17). */
export const VERIFY_CODE_LABEL = 'Mã kiểm tra';
const FOOTER_SIZE = MIN_TEXT_SIZE;
const FOOTER_LEADING = FOOTER_SIZE * 1.3;
/** The page counter measured at its widest, before the page count is known. */
const WIDEST_COUNTER = 'Trang 0000/0000';

function footerParts(content: FooterContent, counter: string): string[] {
  return [cleanText(content.numberLabel), counter, `${VERIFY_CODE_LABEL}: ${cleanText(content.verifyCode)}`];
}

const footerMargin = (width: number) => Math.min(36, width * 0.06);

/** The footer on one line when it fits at 9 pt, otherwise one line per part (a narrow page). */
function footerLines(fonts: FontPair, parts: string[], width: number): string[] {
  const inner = width - 2 * footerMargin(width);
  const oneLine = parts.reduce((w, p) => w + fonts.regular.widthOfTextAtSize(p, FOOTER_SIZE), 0) + 24;
  if (oneLine <= inner) return [];
  return parts.flatMap((p) => wrapText(p, fonts.regular, FOOTER_SIZE, inner));
}

/** Height of the footer band at the bottom of a page `width` wide (FOOTER_HEIGHT unless the page is narrow). */
export function footerHeight(fonts: FontPair, content: FooterContent, width: number): number {
  const lines = footerLines(fonts, footerParts(content, WIDEST_COUNTER), width);
  return lines.length === 0 ? FOOTER_HEIGHT : Math.ceil(8 + lines.length * FOOTER_LEADING + 6);
}

/**
 * Draws the footer band of page `index` (0-based) of `total`, inside the page: number,
 * "Trang i/n", verify code, at 9 pt (on one line, or stacked on a narrow page).
 */
export function drawFooter(page: PDFPage, fonts: FontPair, content: FooterContent, index: number, total: number): void {
  const { width } = page.getSize();
  const margin = footerMargin(width);
  const inner = width - 2 * margin;
  const band = footerHeight(fonts, content, width);
  page.drawLine({ start: { x: margin, y: band - 6 }, end: { x: width - margin, y: band - 6 }, thickness: 0.5, color: rgb(0.6, 0.6, 0.6) });
  const parts = footerParts(content, `Trang ${index + 1}/${total}`);
  const style = { font: fonts.regular, size: FOOTER_SIZE, x: margin, width: inner, gray: 0.15 };
  const stacked = footerLines(fonts, parts, width);
  if (stacked.length > 0) {
    let y = band - 6 - FOOTER_LEADING;
    for (const line of stacked) {
      drawLine(page, line, y, { ...style, align: 'center' });
      y -= FOOTER_LEADING;
    }
    return;
  }
  drawLine(page, parts[0], 10, { ...style, align: 'left' });
  drawLine(page, parts[1], 10, { ...style, align: 'center' });
  drawLine(page, parts[2], 10, { ...style, align: 'right' });
}
