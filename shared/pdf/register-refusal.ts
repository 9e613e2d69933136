import { ValidationError } from '../domain/errors';
import { AGENCY_STAMP_CAPTION, STAMP_HEIGHT, STAMP_WIDTH } from './attestation-block';
import { embedFonts } from './fonts';
import { A4, newCopyDocument, saveCopy } from './layout';
import { drawStampBox } from './page-chrome';
import { cleanText, drawLine, drawParagraph } from './text-layout';
import type { ComposedCopy } from './types';

/** The written reply refusing a copy from a master register (Decree 23/2015 Art. 17(2); Art. 16(2) for who may ask). */
export interface RegisterRefusalInput {
  agency: { name: string; parentName?: string };
  /** e.g. "Hà Nội, ngày 5 tháng 12 năm 2026". */
  dateText: string;
  requesterId: string;
  requestId: string;
  registerTitle: string;
  entryNo: string;
  /** The ground as the decree words it, and its article. */
  ground: { text: string; basis: string };
  /** What the official wrote. */
  note: string;
  signer: { name: string; title?: string };
  createdAt: Date;
}

const LEFT = 62;
const RIGHT = 48;
const BODY = 12;

/**
 * Composes the reply: the agency's heading, "V/v trả lời yêu cầu cấp bản sao từ sổ gốc", the
 * request, the ground with its article and the official's note, then the signer and the field for
 * the agency's seal, which the caller signs.
 */
export async function composeRegisterRefusal(input: RegisterRefusalInput): Promise<ComposedCopy> {
  for (const [v, label] of [[input.agency?.name, 'Tên cơ quan'], [input.note, 'Nội dung trả lời'], [input.signer?.name, 'Người ký']] as const) {
    if (typeof v !== 'string' || v.trim() === '') throw new ValidationError(`${label} không được để trống.`);
  }
  const doc = await newCopyDocument();
  const fonts = await embedFonts(doc);
  const page = doc.addPage(A4);
  const width = A4[0] - LEFT - RIGHT;
  const half = width * 0.42;
  let y = A4[1] - 50;
  let ly = y;
  if (input.agency.parentName) ly = drawParagraph(page, cleanText(input.agency.parentName).toLocaleUpperCase('vi'), ly, { font: fonts.regular, size: 10.5, x: LEFT, width: half, align: 'center' });
  ly = drawParagraph(page, cleanText(input.agency.name).toLocaleUpperCase('vi'), ly, { font: fonts.bold, size: 10.5, x: LEFT, width: half, align: 'center' });
  ly = drawParagraph(page, 'V/v trả lời yêu cầu cấp bản sao từ sổ gốc', ly - 6, { font: fonts.regular, size: 10, x: LEFT, width: half, align: 'center' });
  const rx = LEFT + half + 6;
  const rw = width - half - 6;
  let ry = drawParagraph(page, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', y, { font: fonts.bold, size: 10.5, x: rx, width: rw, align: 'center' });
  ry = drawParagraph(page, 'Độc lập - Tự do - Hạnh phúc', ry, { font: fonts.bold, size: 11.5, x: rx, width: rw, align: 'center' });
  ry = drawParagraph(page, cleanText(input.dateText), ry - 8, { font: fonts.regular, size: 11, x: rx, width: rw, align: 'center' });
  y = Math.min(ly, ry) - 28;
  y = drawParagraph(page, 'VĂN BẢN TRẢ LỜI', y, { font: fonts.bold, size: 14, x: LEFT, width, align: 'center' });
  y = drawParagraph(page, 'về yêu cầu cấp bản sao từ sổ gốc', y, { font: fonts.bold, size: 12, x: LEFT, width, align: 'center' }) - 16;
  const paragraphs = [
    `Kính gửi: Người yêu cầu có số định danh cá nhân ${input.requesterId}.`,
    `${cleanText(input.agency.name)} đã nhận yêu cầu cấp bản sao từ sổ gốc (mã hồ sơ ${input.requestId}): ${cleanText(input.registerTitle)}, số ${cleanText(input.entryNo)}.`,
    `Cơ quan không cấp bản sao theo yêu cầu này vì: ${input.ground.text}`,
    `Căn cứ: ${input.ground.basis}.`,
    `Ghi chú của người xử lý: ${cleanText(input.note)}`,
  ];
  for (const p of paragraphs) y = drawParagraph(page, p, y, { font: fonts.regular, size: BODY, x: LEFT, width }) - 6;
  y -= 14;
  const colW = Math.max(STAMP_WIDTH + 20, width * 0.5);
  const cx = LEFT + width - colW;
  y = drawParagraph(page, cleanText(input.agency.name).toLocaleUpperCase('vi'), y, { font: fonts.bold, size: 11, x: cx, width: colW, align: 'center' });
  const top = y + 2;
  const r = (v: number) => Math.round(v * 100) / 100;
  const rect: [number, number, number, number] = [r(cx + (colW - STAMP_WIDTH) / 2), r(top - STAMP_HEIGHT), r(cx + (colW + STAMP_WIDTH) / 2), r(top)];
  drawStampBox(page, fonts, rect, AGENCY_STAMP_CAPTION);
  y = rect[1] - 16;
  drawLine(page, cleanText(input.signer.name), y, { font: fonts.bold, size: 12, x: cx, width: colW, align: 'center' });
  if (input.signer.title) drawLine(page, cleanText(input.signer.title), y - 16, { font: fonts.regular, size: 11, x: cx, width: colW, align: 'center' });
  doc.setTitle('Văn bản trả lời yêu cầu cấp bản sao từ sổ gốc');
  doc.setSubject(`Hồ sơ ${input.requestId}`);
  doc.setCreationDate(input.createdAt);
  doc.setModificationDate(input.createdAt);
  return { pdf: await saveCopy(doc), pages: 1, fields: { agency: { name: 'sig-agency', pageIndex: 0, rect } } };
}
