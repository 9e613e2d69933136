import { degrees, rgb } from 'pdf-lib';
import { ATTESTATION_PREVIEW_WATERMARK } from '../domain/attestation';
import { embedFonts } from './fonts';
import { A4, MARGIN, newCopyDocument, saveCopy } from './layout';
import { cleanText, drawParagraph } from './text-layout';

/** What the official previews: the lời chứng as it will read, and what the copy is of. */
export interface AttestationPreviewInput {
  /** `attestationPreviewLines` (shared/domain/attestation.ts): the number line left blank. */
  lines: string[];
  /** The request's title (the paper original), and how many pages the copy will carry before the lời chứng. */
  title: string;
  pages?: number;
}

const BODY = 12;
const MARK = 30;

/**
 * One A4 page showing the lời chứng as certifying will print it, WITHOUT a number, signature or
 * seal, with `ATTESTATION_PREVIEW_WATERMARK` in a banner at the top and diagonally across the
 * page (Decree 45/2020 Art. 10(3): only the signed copy has value; this page must never pass for
 * one). Not signed, no QR, no verification code: nothing on it can be checked as a copy.
 */
export async function composeAttestationPreview(input: AttestationPreviewInput): Promise<Uint8Array> {
  const doc = await newCopyDocument();
  const fonts = await embedFonts(doc);
  const [width, height] = A4;
  const page = doc.addPage(A4);
  const text = { x: MARGIN, width: width - 2 * MARGIN };
  const red = rgb(0.75, 0.1, 0.1);

  // The diagonal mark first, under the text, repeated so that no crop of the page is free of it.
  const markWidth = fonts.bold.widthOfTextAtSize(ATTESTATION_PREVIEW_WATERMARK, MARK);
  for (const cy of [height * 0.25, height * 0.55, height * 0.85]) {
    page.drawText(ATTESTATION_PREVIEW_WATERMARK, {
      x: width / 2 - (markWidth / 2) * Math.cos(Math.PI / 6),
      y: cy - (markWidth / 2) * Math.sin(Math.PI / 6),
      size: MARK, font: fonts.bold, color: red, opacity: 0.18, rotate: degrees(30),
    });
  }
  page.drawRectangle({ x: MARGIN, y: height - MARGIN - 30, width: width - 2 * MARGIN, height: 30, borderColor: red, borderWidth: 1.5 });
  let y = drawParagraph(page, ATTESTATION_PREVIEW_WATERMARK, height - MARGIN - 20, { ...text, font: fonts.bold, size: 13, align: 'center' });
  y -= 16;
  y = drawParagraph(page, `Bản sao của: ${cleanText(input.title)}${input.pages ? ` (${input.pages} trang)` : ''}`, y, { ...text, font: fonts.regular, size: BODY - 1, gray: 0.3 });
  y -= 24;
  for (const [i, line] of input.lines.entries()) {
    y = drawParagraph(page, line, y, { ...text, font: i === 0 || i === 3 ? fonts.bold : fonts.regular, size: BODY, align: i >= 3 ? 'right' : 'left' });
    if (i === 3) y -= 40;
  }
  y -= 24;
  drawParagraph(page, 'Không có số chứng thực, chữ ký số và con dấu: trang này chỉ để cán bộ kiểm tra lời chứng trước khi ký.', y, { ...text, font: fonts.regular, size: 10, gray: 0.3 });
  doc.setTitle(ATTESTATION_PREVIEW_WATERMARK);
  doc.setProducer('Bản sao điện tử');
  doc.setLanguage('vi-VN');
  return saveCopy(doc);
}
