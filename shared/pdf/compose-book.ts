import { rgb, type PDFPage } from 'pdf-lib';
import type { BookLine } from '../domain/book';
import { ValidationError } from '../domain/errors';
import { rect } from './attestation-block';
import { embedFonts, type FontPair } from './fonts';
import { newCopyDocument, saveCopy } from './layout';
import { applyMetadata } from './metadata';
import { drawFooter, drawQrHeader, FOOTER_HEIGHT } from './page-chrome';
import {
  agencySealAppearance, agencySealSize, officialSignatureAppearance, officialSignatureHeight, OFFICIAL_SIGNATURE_WIDTH,
} from './signature-appearance';
import { cleanText, drawLine, drawParagraph, wrapText } from './text-layout';
import type { ComposedCopy, SignatureFieldSpot } from './types';

/** A closed book, as printed (Decree 23/2015/NĐ-CP Art. 13(1), 14(1)). */
export interface BookPdfInput {
  agency: { name: string; parentName?: string };
  /** The book as on its cover, e.g. "01/2026-SCT/BS-ĐT". */
  book: string;
  year: number;
  lines: BookLine[];
  /** "Ngày 31 tháng 12 năm 2026": the closing date. */
  closedAtText: string;
  /** Who closes and signs the book. */
  signer: { fullName: string; title: string };
  verifyCode: string;
  verifyUrl: string;
  createdAt: Date;
  /** The signing time shown in the two signature appearances (defaults to `createdAt`). */
  signedAt?: Date;
}

/** A4 landscape: the book form's nine columns need the width. */
const PAGE: [number, number] = [841.89, 595.28];
const LEFT = 30;
const RIGHT = 30;
const TOP = 30;
const BOTTOM = FOOTER_HEIGHT + 12;
const SIZE = 8.5;
const LEADING = SIZE * 1.3;
const QR_HEADER_WIDTH = 260;

/** The columns of the book form (Circular 01/2020/TT-BTP), with their share of the width. */
const COLUMNS: { title: string; share: number; cell: (l: BookLine) => string }[] = [
  { title: 'Số chứng thực', share: 0.07, cell: (l) => String(l.number) },
  { title: 'Ngày, tháng, năm chứng thực', share: 0.09, cell: (l) => vnDay(l.date) },
  { title: 'Họ tên, giấy tờ tùy thân của người yêu cầu', share: 0.17, cell: (l) => [l.requesterName, `CCCD ${l.requesterIdNo}`].filter(Boolean).join(' — ') },
  { title: 'Tên bản chính giấy tờ, văn bản', share: 0.2, cell: (l) => l.documentName },
  { title: 'Số trang', share: 0.05, cell: (l) => String(l.pages) },
  { title: 'Số bản sao', share: 0.05, cell: (l) => String(l.copies) },
  { title: 'Họ tên, chức danh người ký', share: 0.16, cell: (l) => [l.signerName, l.signerTitle].filter(Boolean).join(', ') },
  { title: 'Lệ phí (đồng)', share: 0.08, cell: (l) => l.fee.toLocaleString('vi-VN') },
  { title: 'Ghi chú', share: 0.13, cell: (l) => [l.note, `Mã ${l.verifyCode}`].filter(Boolean).join('; ') },
];

/** Day in Vietnam time, "dd/mm/yyyy". */
function vnDay(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3600_000);
  if (Number.isNaN(d.getTime())) return iso;
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

/**
 * The PDF of a closed book: heading, one row per line with the form's columns, the closing
 * statement with the total (Art. 14(1)), and two signature fields — the person closing the book,
 * then the agency's seal — signed like a certified copy. It carries a verify code and QR code so
 * that it can be checked like any issued document; it is not itself a line of any book.
 */
export async function composeBookPdf(input: BookPdfInput): Promise<ComposedCopy> {
  if (!input.agency?.name || !input.book || !input.signer?.fullName) throw new ValidationError('Thiếu thông tin để in sổ chứng thực.');
  const doc = await newCopyDocument();
  const fonts = await embedFonts(doc);
  const width = PAGE[0] - LEFT - RIGHT;
  const widths = COLUMNS.map((c) => c.share * width);
  let page = doc.addPage(PAGE);
  const qrHeight = drawQrHeader(page, fonts, { verifyUrl: input.verifyUrl, verifyCode: input.verifyCode }, LEFT, PAGE[1] - TOP, QR_HEADER_WIDTH);
  const titleX = LEFT + QR_HEADER_WIDTH + 20;
  const titleW = width - QR_HEADER_WIDTH - 20;
  let y = PAGE[1] - TOP - 12;
  y = drawParagraph(page, cleanText(input.agency.name).toLocaleUpperCase('vi'), y, { font: fonts.bold, size: 11, x: titleX, width: titleW, align: 'center' });
  y = drawParagraph(page, 'SỔ CHỨNG THỰC BẢN SAO TỪ BẢN CHÍNH', y - 4, { font: fonts.bold, size: 14, x: titleX, width: titleW, align: 'center' });
  y = drawParagraph(page, `Quyển số ${cleanText(input.book)}`, y, { font: fonts.regular, size: 11, x: titleX, width: titleW, align: 'center' });
  y = Math.min(y, PAGE[1] - TOP - qrHeight) - 8;

  const header = (p: PDFPage, top: number): number => rowAt(p, fonts, COLUMNS.map((c) => c.title), widths, top, fonts.bold);
  y = header(page, y);
  for (const line of input.lines) {
    const cells = COLUMNS.map((c) => c.cell(line));
    if (y - rowHeight(fonts, cells, widths, fonts.regular) < BOTTOM) {
      page = doc.addPage(PAGE);
      y = header(page, PAGE[1] - TOP);
    }
    y = rowAt(page, fonts, cells, widths, y, fonts.regular);
  }

  // Art. 14(1): the book is closed with the total number of certifications made in it.
  const first = input.lines[0]?.number;
  const last = input.lines.at(-1)?.number;
  const total = input.lines.length === 0
    ? `Sổ được khóa ngày ${input.closedAtText.replace(/^Ngày /, '')}. Tổng số: 0 việc chứng thực.`
    : `Sổ được khóa ngày ${input.closedAtText.replace(/^Ngày /, '')}. Tổng số: ${input.lines.length} việc chứng thực (từ số ${first} đến số ${last}).`;
  // The two signature appearances (Decree 30/2020/NĐ-CP Annex I): who closes the book (name,
  // title, time), then the agency's seal, side by side.
  const signedAt = input.signedAt ?? input.createdAt;
  const official = { fullName: input.signer.fullName, title: input.signer.title, signedAt };
  const seal = { agencyName: input.agency.name, signedAt };
  const officialHeight = officialSignatureHeight(fonts, official);
  const sealSize = agencySealSize(fonts, seal);
  const boxHeight = Math.max(officialHeight, sealSize.height);
  const needed = 3 * LEADING + boxHeight + 40;
  if (y - needed < BOTTOM) {
    page = doc.addPage(PAGE);
    y = PAGE[1] - TOP;
  }
  y = drawParagraph(page, total, y - 10, { font: fonts.bold, size: 10.5, x: LEFT, width });
  const columnW = Math.max(OFFICIAL_SIGNATURE_WIDTH, sealSize.width) + 20;
  const leftX = LEFT + width - 2 * columnW - 20;
  const rightX = LEFT + width - columnW;
  drawLine(page, 'NGƯỜI KHÓA SỔ', y - 6, { font: fonts.bold, size: 10, x: leftX, width: columnW, align: 'center' });
  drawLine(page, cleanText(input.agency.name).toLocaleUpperCase('vi'), y - 6, { font: fonts.bold, size: 10, x: rightX, width: columnW, align: 'center' });
  const top = y - 14;
  const officialRect = rect(leftX + (columnW - OFFICIAL_SIGNATURE_WIDTH) / 2, top - officialHeight, OFFICIAL_SIGNATURE_WIDTH, officialHeight);
  const agencyRect = rect(rightX + (columnW - sealSize.width) / 2, top - sealSize.height, sealSize.width, sealSize.height);
  const officialAppearance = officialSignatureAppearance(doc, fonts, official, officialRect[2] - officialRect[0], officialRect[3] - officialRect[1]);
  const agencyAppearance = agencySealAppearance(doc, fonts, seal);
  drawLine(page, `${cleanText(input.signer.fullName)}${input.signer.title ? `, ${cleanText(input.signer.title)}` : ''}`, top - boxHeight - 12, { font: fonts.regular, size: 10, x: leftX, width: columnW, align: 'center' });

  const pages = doc.getPageCount();
  doc.getPages().forEach((p, i) => drawFooter(p, fonts, { numberLabel: `Sổ chứng thực, quyển số ${cleanText(input.book)}`, verifyCode: input.verifyCode }, i, pages));
  applyMetadata(doc, {
    title: `Sổ chứng thực bản sao từ bản chính, quyển số ${input.book}`,
    subject: 'Sổ chứng thực điện tử đã khóa',
    verifyCode: input.verifyCode,
    book: input.book,
    createdAt: input.createdAt,
  });
  const last0 = pages - 1;
  const fields: { official: SignatureFieldSpot; agency: SignatureFieldSpot } = {
    official: { name: 'sig-official', pageIndex: last0, rect: officialRect, appearance: officialAppearance },
    agency: { name: 'sig-agency', pageIndex: last0, rect: agencyRect, appearance: agencyAppearance },
  };
  return { pdf: await saveCopy(doc), pages, fields };
}

function rowHeight(fonts: FontPair, cells: string[], widths: number[], font = fonts.regular): number {
  return Math.max(...cells.map((c, i) => wrapText(c || ' ', font, SIZE, widths[i] - 6).length)) * LEADING + 6;
}

/** One bordered row at `top`; returns the y under it. */
function rowAt(page: PDFPage, fonts: FontPair, cells: string[], widths: number[], top: number, font = fonts.regular): number {
  const height = rowHeight(fonts, cells, widths, font);
  let x = LEFT;
  cells.forEach((cell, i) => {
    page.drawRectangle({ x, y: top - height, width: widths[i], height, borderColor: rgb(0.3, 0.3, 0.3), borderWidth: 0.5 });
    let ty = top - 3 - SIZE;
    for (const part of wrapText(cell || ' ', font, SIZE, widths[i] - 6)) {
      drawLine(page, part, ty, { font, size: SIZE, x: x + 3, width: widths[i] - 6 });
      ty -= LEADING;
    }
    x += widths[i];
  });
  return top - height;
}
