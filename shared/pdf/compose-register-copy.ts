import { rgb, type PDFDocument, type PDFPage } from 'pdf-lib';
import { ValidationError } from '../domain/errors';
import { numberAndBook } from '../domain/numbering';
import { rect as widgetRect } from './attestation-block';
import { embedFonts, type FontPair } from './fonts';
import { A4, newCopyDocument, saveCopy } from './layout';
import { applyMetadata } from './metadata';
import { drawFooter, drawQrHeader, FOOTER_HEIGHT, type QrHeaderContent } from './page-chrome';
import { agencySealAppearance, agencySealSize } from './signature-appearance';
import { cleanText, drawLine, drawParagraph, wrapText } from './text-layout';
import type { ComposedCopy, SignatureFieldSpot } from './types';

/** A copy issued from a master register entry (sổ gốc). */
export interface RegisterCopyInput {
  agency: { name: string; parentName?: string };
  /** e.g. "TRÍCH LỤC KHAI SINH". */
  copyTitle: string;
  fields: { label: string; value: string }[];
  entryNo: string | number;
  /** How the register's form writes the entry's number, e.g. "Số" → "Số: 125" under the title. */
  numberLabel?: string;
  /** The official issuing the copy: named, with their title, under the agency's seal. */
  signer?: { name: string; title?: string };
  registerTitle: string;
  verifyCode: string;
  verifyUrl: string;
  /** The sequence number in the register-copy book (Decree 23/2015 Art. 13(2)). */
  number: number;
  /** That book as on its cover, e.g. "01/2026-TLKS/BS". */
  book: string;
  /** e.g. "Ngày 27 tháng 11 năm 2026". */
  issuedAtText: string;
  /** The statement lines worded by the domain (shared/domain/attestation.ts registerCopyStatement). */
  issuerStatement: string[];
  title?: string;
  createdAt?: Date;
  /** The signing time the seal shows (Decree 30/2020/NĐ-CP Annex I); default `createdAt`. */
  signedAt?: Date;
}

const LEFT = 56;
const RIGHT = 42;
const TOP = 36;
const BOTTOM = FOOTER_HEIGHT + 14;
const BODY = 11.5;
const LEADING = BODY * 1.4;
const LABEL_WIDTH = 165;
const COPY_MARK = 'BẢN SAO';
const MARK_WIDTH = 74;

/** A cursor over pages that adds an A4 page when the next thing does not fit. */
class Flow {
  page!: PDFPage;
  y = 0;
  constructor(private readonly doc: PDFDocument, private readonly fonts: FontPair) {}
  newPage(): void {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - TOP;
    drawCopyMark(this.page, this.fonts);
  }
  ensure(height: number): void {
    if (this.y - height < BOTTOM) {
      this.newPage();
      this.y -= 24;
    }
  }
}

/** Composes a copy from a master register: heading, title marked BẢN SAO, the entry's fields, the statement, the agency's seal area. */
export async function composeRegisterCopy(input: RegisterCopyInput): Promise<ComposedCopy> {
  validate(input);
  const doc = await newCopyDocument();
  const fonts = await embedFonts(doc);
  const width = A4[0] - LEFT - RIGHT;
  const flow = new Flow(doc, fonts);
  flow.newPage();
  const qr: QrHeaderContent = { verifyUrl: input.verifyUrl, verifyCode: input.verifyCode };
  flow.y = A4[1] - TOP / 2 - drawQrHeader(flow.page, fonts, qr, LEFT, A4[1] - TOP / 2, width - MARK_WIDTH - 8) - 10;
  drawHeading(flow, fonts, input.agency, width);
  flow.y -= 26;
  flow.y = drawParagraph(flow.page, cleanText(input.copyTitle).toLocaleUpperCase('vi'), flow.y, { font: fonts.bold, size: 15, x: LEFT, width, align: 'center' });
  flow.y = drawParagraph(flow.page, `(${COPY_MARK})`, flow.y + 2, { font: fonts.bold, size: 12, x: LEFT, width, align: 'center' }) - 4;
  if (input.numberLabel) flow.y = drawParagraph(flow.page, `${cleanText(input.numberLabel)}: ${cleanText(String(input.entryNo))}`, flow.y, { font: fonts.regular, size: BODY, x: LEFT, width, align: 'center' });
  flow.y -= 8;
  for (const field of input.fields) drawField(flow, fonts, field, width);
  flow.y -= 8;
  for (const line of statementLines(input)) {
    for (const part of wrapText(line, fonts.regular, BODY, width)) {
      flow.ensure(LEADING);
      drawLine(flow.page, part, flow.y, { font: fonts.regular, size: BODY, x: LEFT, width });
      flow.y -= LEADING;
    }
  }
  const agency = drawSignatureColumn(flow, doc, fonts, input, width);
  const total = doc.getPageCount();
  doc.getPages().forEach((page, i) =>
    drawFooter(page, fonts, { numberLabel: numberAndBook('register-copy', input.number, input.book), verifyCode: input.verifyCode }, i, total),
  );
  applyMetadata(doc, {
    title: input.title ?? `${cleanText(input.copyTitle)} (bản sao), ${numberAndBook('register-copy', input.number, input.book)}`,
    subject: 'Bản sao điện tử được cấp từ sổ gốc',
    verifyCode: input.verifyCode,
    number: input.number,
    book: input.book,
    createdAt: input.createdAt ?? new Date(),
  });
  return { pdf: await saveCopy(doc), pages: total, fields: { agency } };
}

function validate(input: RegisterCopyInput): void {
  const required: [unknown, string][] = [
    [input.agency?.name, 'Tên cơ quan cấp bản sao'],
    [input.copyTitle, 'Tên giấy tờ'],
    [input.registerTitle, 'Tên sổ gốc'],
    [input.entryNo === undefined ? undefined : String(input.entryNo), 'Số trong sổ gốc'],
    [input.verifyCode, 'Mã kiểm tra'],
    [input.verifyUrl, 'Địa chỉ xác thực'],
    [input.book, 'Quyển số'],
    [input.issuedAtText, 'Ngày cấp'],
  ];
  for (const [value, label] of required) {
    if (typeof value !== 'string' || value.trim() === '') throw new ValidationError(`${label} không được để trống.`);
  }
  if (!Array.isArray(input.fields) || !Array.isArray(input.issuerStatement)) {
    throw new ValidationError('Nội dung bản sao (các trường, lời xác nhận) không hợp lệ.');
  }
}

/** "BẢN SAO" framed in the top-right corner of every page. */
function drawCopyMark(page: PDFPage, fonts: FontPair): void {
  const x = A4[0] - RIGHT - MARK_WIDTH;
  const y = A4[1] - TOP / 2 - 30;
  page.drawRectangle({ x, y, width: MARK_WIDTH, height: 20, borderColor: rgb(0.1, 0.1, 0.1), borderWidth: 1 });
  drawLine(page, COPY_MARK, y + 6, { font: fonts.bold, size: 11, x, width: MARK_WIDTH, align: 'center' });
}

/** Agency on the left, the national heading on the right (Decree 30/2020/NĐ-CP layout). */
function drawHeading(flow: Flow, fonts: FontPair, agency: RegisterCopyInput['agency'], width: number): void {
  const leftW = width * 0.42;
  const rightX = LEFT + leftW + 6;
  const rightW = width - leftW - 6;
  const page = flow.page;
  let ly = flow.y - 11;
  if (agency.parentName) {
    ly = drawParagraph(page, cleanText(agency.parentName).toLocaleUpperCase('vi'), ly, { font: fonts.regular, size: 10.5, x: LEFT, width: leftW, align: 'center' });
  }
  ly = drawParagraph(page, cleanText(agency.name).toLocaleUpperCase('vi'), ly, { font: fonts.bold, size: 10.5, x: LEFT, width: leftW, align: 'center' });
  underline(page, LEFT + leftW / 2, ly + 8, 60);
  let ry = drawParagraph(page, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', flow.y - 11, { font: fonts.bold, size: 10.5, x: rightX, width: rightW, align: 'center' });
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  ry = drawParagraph(page, motto, ry, { font: fonts.bold, size: 11.5, x: rightX, width: rightW, align: 'center' });
  underline(page, rightX + rightW / 2, ry + 10, fonts.bold.widthOfTextAtSize(motto, 11.5));
  flow.y = Math.min(ly, ry);
}

function underline(page: PDFPage, centerX: number, y: number, length: number): void {
  page.drawLine({ start: { x: centerX - length / 2, y }, end: { x: centerX + length / 2, y }, thickness: 0.6 });
}

/** One field: label on the left, value wrapped on the right, continued on the next page if needed. */
function drawField(flow: Flow, fonts: FontPair, field: { label: string; value: string }, width: number): void {
  const labels = wrapText(`${cleanText(field.label)}:`, fonts.regular, BODY, LABEL_WIDTH - 8);
  const values = wrapText(field.value, fonts.bold, BODY, width - LABEL_WIDTH);
  const rows = Math.max(labels.length, values.length);
  flow.ensure(Math.min(rows, 2) * LEADING);
  for (let i = 0; i < rows; i++) {
    flow.ensure(LEADING);
    if (labels[i]) drawLine(flow.page, labels[i], flow.y, { font: fonts.regular, size: BODY, x: LEFT, width: LABEL_WIDTH });
    if (values[i]) drawLine(flow.page, values[i], flow.y, { font: fonts.bold, size: BODY, x: LEFT + LABEL_WIDTH, width: width - LABEL_WIDTH });
    flow.y -= LEADING;
  }
  flow.y -= 3;
}

/**
 * What the statement says, each thing once: where the copy comes from (unless the domain's lines
 * already say it), then the domain's lines except the date and the agency, printed under it.
 */
function statementLines(input: RegisterCopyInput): string[] {
  const key = (s: string) => cleanText(s).toLocaleLowerCase('vi');
  const lines = input.issuerStatement.map(cleanText).filter(Boolean);
  const title = key(input.registerTitle);
  const entry = key(String(input.entryNo));
  const source = lines.some((l) => key(l).includes(title) && key(l).includes(entry))
    ? []
    : [`Bản sao được cấp từ sổ gốc: ${cleanText(input.registerTitle)}, số ${cleanText(String(input.entryNo))}.`];
  const elsewhere = new Set([input.issuedAtText, input.agency.name, input.agency.parentName ?? ''].map(key));
  return [...source, ...lines.filter((l) => !elsewhere.has(key(l)))];
}

/**
 * Date, agency and the seal in the right-hand column, kept together on one page. The seal is the
 * agency's signature appearance (Decree 30/2020/NĐ-CP Annex I: red seal, agency name, signing time).
 */
function drawSignatureColumn(flow: Flow, doc: PDFDocument, fonts: FontPair, input: RegisterCopyInput, width: number): SignatureFieldSpot {
  const seal = { agencyName: input.agency.name, signedAt: input.signedAt ?? input.createdAt ?? new Date() };
  const size = agencySealSize(fonts, seal);
  const columnW = Math.max(size.width + 20, width * 0.5);
  const x = LEFT + width - columnW;
  const agencyLines = wrapText(cleanText(input.agency.name).toLocaleUpperCase('vi'), fonts.bold, BODY, columnW);
  flow.y -= 10;
  flow.ensure(LEADING * (3 + agencyLines.length) + 8 + size.height);
  flow.y = drawParagraph(flow.page, input.issuedAtText, flow.y, { font: fonts.regular, size: BODY, x, width: columnW, align: 'center' });
  for (const line of agencyLines) {
    drawLine(flow.page, line, flow.y, { font: fonts.bold, size: BODY, x, width: columnW, align: 'center' });
    flow.y -= LEADING;
  }
  const top = flow.y + BODY - 8;
  const rect = widgetRect(x + (columnW - size.width) / 2, top - size.height, size.width, size.height);
  const appearance = agencySealAppearance(doc, fonts, seal);
  flow.y = rect[1] - 8;
  if (input.signer) {
    flow.y -= LEADING;
    drawLine(flow.page, cleanText(input.signer.name), flow.y, { font: fonts.bold, size: BODY, x, width: columnW, align: 'center' });
    if (input.signer.title) {
      flow.y -= LEADING;
      drawLine(flow.page, cleanText(input.signer.title), flow.y, { font: fonts.regular, size: BODY, x, width: columnW, align: 'center' });
    }
  }
  return { name: 'sig-agency', pageIndex: doc.getPageCount() - 1, rect, appearance };
}
