import {
  fill,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFillingGrayscaleColor,
  type PDFOperator,
  type PDFPage,
} from 'pdf-lib';
// The encoder alone, without the renderers (and pngjs) the package's main entry loads.
import { create as createQrCode } from 'qrcode/lib/core/qrcode.js';
import type { FontPair } from './fonts';
import { cleanText, drawLine, drawParagraph, paragraphHeight, wrapText } from './text-layout';

/** Height of the band at the bottom of every page that holds the footer. */
export const FOOTER_HEIGHT = 28;
/** Side length of the QR code, quiet zone included (about 24 mm). */
export const QR_SIZE = 68;
const QR_QUIET_MODULES = 2;
const QR_TEXT_GAP = 10;
const HEADER_PADDING = 10;
const QR_TEXT_SIZE = 8;

/** What the QR code and the text beside it say (Circular 01/2023/TT-VPCP). */
export interface QrHeaderContent {
  verifyUrl: string;
  verifyCode: string;
}

function qrTextLines(content: QrHeaderContent): { text: string; bold: boolean }[] {
  return [
    { text: 'Mã QR tra cứu, xác thực bản sao điện tử', bold: true },
    { text: `Địa chỉ tra cứu: ${content.verifyUrl}`, bold: false },
    { text: `Mã xác thực: ${content.verifyCode}`, bold: false },
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
  /** e.g. "Số chứng thực 123, quyển số 01/2026-SCT/BS" (Decree 23/2015 Art. 13(2)). */
  numberLabel: string;
  verifyCode: string;
}

/** Draws the footer band of page `index` (0-based) of `total`: number, "Trang i/n", verify code. */
export function drawFooter(page: PDFPage, fonts: FontPair, content: FooterContent, index: number, total: number): void {
  const { width } = page.getSize();
  const margin = Math.min(36, width * 0.06);
  page.drawLine({ start: { x: margin, y: FOOTER_HEIGHT - 6 }, end: { x: width - margin, y: FOOTER_HEIGHT - 6 }, thickness: 0.5, color: rgb(0.6, 0.6, 0.6) });
  const parts = [cleanText(content.numberLabel), `Trang ${index + 1}/${total}`, `Mã xác thực: ${cleanText(content.verifyCode)}`];
  const inner = width - 2 * margin;
  let size = 7.5;
  const total3 = (s: number) => parts.reduce((w, p) => w + fonts.regular.widthOfTextAtSize(p, s), 0) + 24;
  while (size > 4 && total3(size) > inner) size -= 0.5;
  const style = { font: fonts.regular, size, x: margin, width: inner, gray: 0.15 };
  drawLine(page, parts[0], 10, { ...style, align: 'left' });
  drawLine(page, parts[1], 10, { ...style, align: 'center' });
  drawLine(page, parts[2], 10, { ...style, align: 'right' });
}

/** Draws the visible area of a signature: a framed box with its caption, under the widget. */
export function drawStampBox(page: PDFPage, fonts: FontPair, rect: [number, number, number, number], caption: string): void {
  const [x0, y0, x1, y1] = rect;
  page.drawRectangle({
    x: x0,
    y: y0,
    width: x1 - x0,
    height: y1 - y0,
    borderColor: rgb(0.55, 0.55, 0.55),
    borderWidth: 0.75,
    borderDashArray: [3, 2],
    color: rgb(0.97, 0.97, 0.97),
  });
  const size = 7.5;
  const lines = wrapText(caption, fonts.regular, size, x1 - x0 - 8);
  let y = (y0 + y1) / 2 + ((lines.length - 1) * size * 1.3) / 2 - size / 3;
  for (const line of lines) {
    drawLine(page, line, y, { font: fonts.regular, size, x: x0 + 4, width: x1 - x0 - 8, align: 'center', gray: 0.45 });
    y -= size * 1.3;
  }
}
