import type { PDFDocument, PDFPage } from 'pdf-lib';
import { ValidationError } from '../domain/errors';
import { embedFonts, type FontPair } from './fonts';
import { A4, newCopyDocument, saveCopy } from './layout';
import { PRODUCER } from './metadata';
import { agencySealAppearance, agencySealSize } from './signature-appearance';
import { cleanText, drawLine, drawParagraph, wrapText } from './text-layout';
import type { ComposedCopy } from './types';

/** What a written refusal (văn bản từ chối) states. */
export interface RefusalInput {
  agency: { name: string; parentName?: string };
  /** The place written before the date (the province); the agency's name when unknown. */
  place?: string;
  /** "Ngày 25 tháng 11 năm 2026": the day of the refusal. */
  dateText: string;
  /** "chứng thực bản sao từ bản chính" or "cấp bản sao từ sổ gốc". */
  procedure: string;
  requester: { name?: string; citizenId: string };
  requestTitle: string;
  requestId: string;
  receivedAtText: string;
  /** The clause of Decree 23/2015 Art. 22, in the decree's words (shared/domain/refusal-reasons.ts `art22Ground`); absent for a reason outside Art. 22. */
  legalGround?: string;
  /** The official's own words: the detail given with a ground, or the whole reason outside Art. 22. */
  detail?: string;
  /** The official who decided the refusal, printed under the agency's seal. */
  officialName?: string;
  createdAt: Date;
}

const LEFT = 64;
const RIGHT = 48;
const TOP = 48;
const BOTTOM = 48;
const BODY = 12;
const LEADING = BODY * 1.45;

/**
 * The written refusal of a request: agency and national heading, place and date, title, the
 * requester, the request, the legal ground in the words of Decree 23/2015 Art. 22 (a refusal is
 * given in writing with its reason), and the agency's seal area where its signature goes. One A4
 * page for every ground and a detail of up to 1000 characters; a longer text continues overleaf.
 */
export async function composeRefusal(input: RefusalInput): Promise<ComposedCopy> {
  if (!input.legalGround && !input.detail) throw new ValidationError('Văn bản từ chối phải nêu rõ lý do.');
  const doc = await newCopyDocument();
  const fonts = await embedFonts(doc);
  const width = A4[0] - LEFT - RIGHT;
  let page = doc.addPage(A4);
  let y = drawOfficialHeading(page, fonts, { agency: input.agency, place: input.place, dateText: input.dateText, subject: `V/v từ chối yêu cầu ${cleanText(input.procedure)}` }, { x: LEFT, y: A4[1] - TOP, width });
  y -= 34;
  y = drawParagraph(page, 'THÔNG BÁO', y, { font: fonts.bold, size: 14, x: LEFT, width, align: 'center' });
  y = drawParagraph(page, `Về việc từ chối yêu cầu ${cleanText(input.procedure)}`, y, { font: fonts.bold, size: 12.5, x: LEFT, width, align: 'center' }) - 18;

  const paragraphs: { text: string; bold?: boolean }[] = [
    { text: `Kính gửi: ${input.requester.name ? `Ông/Bà ${cleanText(input.requester.name)}, ` : ''}số định danh cá nhân (CCCD) ${input.requester.citizenId}.` },
    { text: `${cleanText(input.agency.name)} đã tiếp nhận yêu cầu ${cleanText(input.procedure)} "${cleanText(input.requestTitle)}" (mã hồ sơ ${input.requestId}) lúc ${input.receivedAtText}.` },
    input.legalGround
      ? { text: 'Căn cứ Điều 22 Nghị định số 23/2015/NĐ-CP ngày 16 tháng 02 năm 2015 của Chính phủ về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch, yêu cầu trên bị từ chối vì bản chính thuộc trường hợp không được dùng làm cơ sở để chứng thực bản sao:' }
      : { text: 'Yêu cầu trên bị từ chối vì lý do sau:' },
    ...(input.legalGround ? [{ text: cleanText(input.legalGround), bold: true }] : []),
    ...(input.detail ? [{ text: `${input.legalGround ? 'Ghi chú của cán bộ tiếp nhận: ' : ''}${cleanText(input.detail)}`, bold: !input.legalGround }] : []),
    { text: `${cleanText(input.agency.name)} thông báo để Ông/Bà biết.` },
  ];
  for (const p of paragraphs) {
    const font = p.bold ? fonts.bold : fonts.regular;
    for (const line of wrapText(p.text, font, BODY, width)) {
      if (y - LEADING < BOTTOM) {
        page = doc.addPage(A4);
        y = A4[1] - TOP;
      }
      drawLine(page, line, y, { font, size: BODY, x: LEFT, width });
      y -= LEADING;
    }
    y -= 6;
  }

  // The agency's signature shows as its seal with the signing time (Decree 30/2020/NĐ-CP Annex I),
  // signed at the moment the refusal is recorded.
  const under = input.officialName ? [{ text: `Người quyết định: ${cleanText(input.officialName)}`, size: 10.5 }] : [];
  const signature = drawAgencySignature(doc, fonts, { page, y, x: LEFT, width }, { agencyName: input.agency.name, signedAt: input.createdAt }, under);

  doc.setTitle(`Thông báo từ chối yêu cầu — hồ sơ ${input.requestId}`, { showInWindowTitleBar: true });
  doc.setSubject(`Từ chối yêu cầu ${cleanText(input.procedure)}`);
  doc.setProducer(PRODUCER);
  doc.setCreator(PRODUCER);
  doc.setCreationDate(input.createdAt);
  doc.setModificationDate(input.createdAt);
  doc.setLanguage('vi-VN');
  return { pdf: await saveCopy(doc), pages: doc.getPageCount(), fields: { agency: { name: 'sig-agency', pageIndex: signature.pageIndex, rect: signature.rect, appearance: signature.appearance } } };
}

/** What the heading of an agency's letter shows. */
export interface OfficialHeading {
  agency: { name: string; parentName?: string };
  /** The place written before the date (the province); the agency's name when unknown. */
  place?: string;
  /** "Ngày 25 tháng 11 năm 2026". */
  dateText: string;
  /** The subject line under the agency ("V/v ..."). */
  subject: string;
}

/**
 * Agency on the left with the subject line, the national heading and the place and date on the
 * right (Decree 30/2020/NĐ-CP Annex I layout). Shared by every written answer of an agency (the
 * refusal of Art. 22, the register reply of Art. 17(2)). Returns the y below the lower column.
 */
export function drawOfficialHeading(page: PDFPage, fonts: FontPair, heading: OfficialHeading, box: { x: number; y: number; width: number }): number {
  const { x: left, y: yTop, width } = box;
  const leftW = width * 0.42;
  const rightX = left + leftW + 6;
  const rightW = width - leftW - 6;
  let ly = yTop;
  if (heading.agency.parentName) {
    ly = drawParagraph(page, cleanText(heading.agency.parentName).toLocaleUpperCase('vi'), ly, { font: fonts.regular, size: 10.5, x: left, width: leftW, align: 'center' });
  }
  ly = drawParagraph(page, cleanText(heading.agency.name).toLocaleUpperCase('vi'), ly, { font: fonts.bold, size: 10.5, x: left, width: leftW, align: 'center' });
  page.drawLine({ start: { x: left + leftW / 2 - 30, y: ly + 8 }, end: { x: left + leftW / 2 + 30, y: ly + 8 }, thickness: 0.6 });
  ly = drawParagraph(page, heading.subject, ly - 6, { font: fonts.regular, size: 10, x: left, width: leftW, align: 'center' });
  let ry = drawParagraph(page, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', yTop, { font: fonts.bold, size: 10.5, x: rightX, width: rightW, align: 'center' });
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  ry = drawParagraph(page, motto, ry, { font: fonts.bold, size: 11.5, x: rightX, width: rightW, align: 'center' });
  const mw = fonts.bold.widthOfTextAtSize(motto, 11.5);
  page.drawLine({ start: { x: rightX + rightW / 2 - mw / 2, y: ry + 10 }, end: { x: rightX + rightW / 2 + mw / 2, y: ry + 10 }, thickness: 0.6 });
  const date = heading.dateText.charAt(0).toLowerCase() + heading.dateText.slice(1);
  ry = drawParagraph(page, `${cleanText(heading.place ?? heading.agency.name)}, ${date}`, ry - 6, { font: fonts.regular, size: 11, x: rightX, width: rightW, align: 'center' });
  return Math.min(ly, ry);
}

/**
 * "TM. <AGENCY>" and the agency's seal (its signature appearance with the signing time, Decree
 * 30/2020/NĐ-CP Annex I) in the right half, then the given lines under it; starts a new page when
 * the block does not fit. Returns the signature field's page, rectangle and appearance.
 */
export function drawAgencySignature(
  doc: PDFDocument,
  fonts: FontPair,
  at: { page: PDFPage; y: number; x: number; width: number },
  seal: { agencyName: string; signedAt: Date },
  under: readonly { text: string; bold?: boolean; size?: number }[],
): { pageIndex: number; rect: [number, number, number, number]; appearance: ReturnType<typeof agencySealAppearance> } {
  const { width } = at;
  let { page, y } = at;
  const size = agencySealSize(fonts, seal);
  const columnW = Math.max(size.width + 20, width * 0.5);
  const x = at.x + width - columnW;
  const agencyLines = wrapText(`TM. ${cleanText(seal.agencyName).toLocaleUpperCase('vi')}`, fonts.bold, BODY, columnW);
  // Two lines' room below the seal were always kept; only a longer block asks for more.
  const need = LEADING * (agencyLines.length + 2 + Math.max(0, under.length - 1)) + size.height + 16;
  if (y - need < BOTTOM) {
    page = doc.addPage(A4);
    y = A4[1] - TOP;
  }
  y -= 10;
  for (const line of agencyLines) {
    drawLine(page, line, y, { font: fonts.bold, size: BODY, x, width: columnW, align: 'center' });
    y -= LEADING;
  }
  const top = y + BODY - 8;
  const sx = x + (columnW - size.width) / 2;
  const r = (v: number) => Math.round(v * 100) / 100;
  const rect: [number, number, number, number] = [r(sx), r(top - size.height), r(sx + size.width), r(top)];
  const appearance = agencySealAppearance(doc, fonts, seal);
  let uy = rect[1] - 14;
  for (const line of under) {
    uy = drawParagraph(page, line.text, uy, { font: line.bold ? fonts.bold : fonts.regular, size: line.size ?? BODY, x, width: columnW, align: 'center' });
  }
  return { pageIndex: doc.getPages().indexOf(page), rect, appearance };
}
