import { ValidationError } from '../domain/errors';
import { drawAgencySignature, drawOfficialHeading } from './compose-refusal';
import { embedFonts } from './fonts';
import { A4, newCopyDocument, saveCopy } from './layout';
import { PRODUCER } from './metadata';
import { cleanText, drawParagraph } from './text-layout';
import type { ComposedCopy } from './types';

/** The written reply refusing a copy from a master register (Decree 23/2015 Art. 17(2); Art. 16(2) for who may ask). */
export interface RegisterRefusalInput {
  agency: { name: string; parentName?: string };
  /** The place written before the date (the province); the agency's name when unknown. */
  place?: string;
  /** "Ngày 5 tháng 12 năm 2026": the day of the reply. */
  dateText: string;
  requesterId: string;
  /** The requester's full name (signed-in name online, the name given at the counter). */
  requesterName?: string;
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

const LEFT = 64;
const RIGHT = 48;
const TOP = 48;
const BODY = 12;

/**
 * Composes the reply: the agency's heading with "V/v trả lời yêu cầu cấp bản sao từ sổ gốc", the
 * request, the ground with its article and the official's note, then the agency's seal (signed by
 * the caller at `createdAt`) with the official who decided under it. The heading and the seal are
 * those of every written answer of the agency (compose-refusal.ts); only the wording differs.
 */
export async function composeRegisterRefusal(input: RegisterRefusalInput): Promise<ComposedCopy> {
  for (const [v, label] of [[input.agency?.name, 'Tên cơ quan'], [input.note, 'Nội dung trả lời'], [input.signer?.name, 'Người ký']] as const) {
    if (typeof v !== 'string' || v.trim() === '') throw new ValidationError(`${label} không được để trống.`);
  }
  const doc = await newCopyDocument();
  const fonts = await embedFonts(doc);
  const page = doc.addPage(A4);
  const width = A4[0] - LEFT - RIGHT;
  let y = drawOfficialHeading(page, fonts, { agency: input.agency, place: input.place, dateText: input.dateText, subject: 'V/v trả lời yêu cầu cấp bản sao từ sổ gốc' }, { x: LEFT, y: A4[1] - TOP, width });
  y -= 28;
  y = drawParagraph(page, 'VĂN BẢN TRẢ LỜI', y, { font: fonts.bold, size: 14, x: LEFT, width, align: 'center' });
  y = drawParagraph(page, 'về yêu cầu cấp bản sao từ sổ gốc', y, { font: fonts.bold, size: 12, x: LEFT, width, align: 'center' }) - 16;
  const paragraphs = [
    input.requesterName
      ? `Kính gửi: Ông/Bà ${cleanText(input.requesterName)}, số định danh cá nhân ${input.requesterId}.`
      : `Kính gửi: Người yêu cầu có số định danh cá nhân ${input.requesterId}.`,
    `${cleanText(input.agency.name)} đã nhận yêu cầu cấp bản sao từ sổ gốc (mã hồ sơ ${input.requestId}): ${cleanText(input.registerTitle)}, số ${cleanText(input.entryNo)}.`,
    `Cơ quan không cấp bản sao theo yêu cầu này vì: ${input.ground.text}`,
    `Căn cứ: ${input.ground.basis}.`,
    `Ghi chú của người xử lý: ${cleanText(input.note)}`,
  ];
  for (const p of paragraphs) y = drawParagraph(page, p, y, { font: fonts.regular, size: BODY, x: LEFT, width }) - 6;
  const under = [{ text: cleanText(input.signer.name), bold: true }, ...(input.signer.title ? [{ text: cleanText(input.signer.title), size: 11 }] : [])];
  const signature = drawAgencySignature(doc, fonts, { page, y: y - 4, x: LEFT, width }, { agencyName: input.agency.name, signedAt: input.createdAt }, under);
  doc.setTitle('Văn bản trả lời yêu cầu cấp bản sao từ sổ gốc');
  doc.setSubject(`Hồ sơ ${input.requestId}`);
  doc.setProducer(PRODUCER);
  doc.setCreator(PRODUCER);
  doc.setCreationDate(input.createdAt);
  doc.setModificationDate(input.createdAt);
  doc.setLanguage('vi-VN');
  return {
    pdf: await saveCopy(doc),
    pages: doc.getPageCount(),
    fields: { agency: { name: 'sig-agency', pageIndex: signature.pageIndex, rect: signature.rect, appearance: signature.appearance } },
  };
}
