import { PDFDocument } from 'pdf-lib';
import { embedFonts } from './fonts';
import { drawLine, drawParagraph } from './text-layout';

export interface AppointmentSlipInput {
  /** The slip's number, e.g. "12/2026/PH". */
  slipNo: string;
  agencyName: string;
  parentName?: string;
  /** The place written before the date (the province); the agency's name when unknown. */
  place?: string;
  /** "Ngày 25 tháng 11 năm 2026": when the appointment was made (received, or extended). */
  dateText: string;
  citizenName?: string;
  citizenId: string;
  requestTitle: string;
  requestId: string;
  receivedAtText: string;
  /** "17 giờ 00, ngày 30 tháng 11 năm 2026". */
  dueAtText: string;
  /** Why the due time was extended, when it was. */
  reason?: string;
  /** The written agreement allowing an extension beyond 2 working days (Decree 23/2015 Art. 21(4)). */
  agreement?: string;
  officialName: string;
}

/**
 * The appointment slip (phiếu hẹn trả kết quả), given whenever the result is not returned the day
 * the request is received (Circular 01/2020/TT-BTP Art. 2): its number, the requester, the
 * receiving official, the place and date, and the hour and day of the appointment.
 */
export async function renderAppointmentSlip(input: AppointmentSlipInput): Promise<Uint8Array> {
  // No creation time of its own: the same slip downloaded twice is the same file.
  const doc = await PDFDocument.create({ updateMetadata: false });
  const { regular, bold } = await embedFonts(doc);
  const page = doc.addPage([595.28, 420.94]); // A5 landscape
  const x = 40;
  const width = page.getWidth() - 80;
  let y = page.getHeight() - 40;
  const half = width / 2 - 10;
  drawLine(page, (input.parentName ?? '').toUpperCase(), y, { font: regular, size: 9.5, x, width: half, align: 'center' });
  drawLine(page, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', y, { font: bold, size: 9.5, x: x + half + 20, width: half, align: 'center' });
  y -= 13;
  drawLine(page, input.agencyName.toUpperCase(), y, { font: bold, size: 9.5, x, width: half, align: 'center' });
  drawLine(page, 'Độc lập - Tự do - Hạnh phúc', y, { font: bold, size: 10, x: x + half + 20, width: half, align: 'center' });
  y -= 15;
  drawLine(page, `Số: ${input.slipNo}`, y, { font: regular, size: 10, x, width: half, align: 'center' });
  const date = input.dateText.charAt(0).toLowerCase() + input.dateText.slice(1);
  drawLine(page, `${input.place ?? input.agencyName}, ${date}`, y, { font: regular, size: 10, x: x + half + 20, width: half, align: 'center' });
  y -= 30;
  drawLine(page, 'PHIẾU HẸN TRẢ KẾT QUẢ', y, { font: bold, size: 15, x, width, align: 'center' });
  y -= 26;
  const lines = [
    `Người yêu cầu: ${input.citizenName ? `${input.citizenName} — ` : ''}CCCD ${input.citizenId}`,
    `Hồ sơ: ${input.requestTitle} (mã hồ sơ ${input.requestId})`,
    `Tiếp nhận lúc: ${input.receivedAtText}`,
    ...(input.reason ? [`Lý do gia hạn: ${input.reason}`] : []),
    ...(input.agreement ? [`Thỏa thuận bằng văn bản với người yêu cầu: ${input.agreement}`] : []),
  ];
  for (const line of lines) y = drawParagraph(page, line, y, { font: regular, size: 11, x, width }) - 4;
  y -= 6;
  y = drawParagraph(page, `Hẹn trả kết quả vào: ${input.dueAtText}`, y, { font: bold, size: 12, x, width });
  y -= 20;
  drawLine(page, 'NGƯỜI TIẾP NHẬN', y, { font: bold, size: 10.5, x: x + width / 2, width: width / 2, align: 'center' });
  drawParagraph(page, input.officialName, y - 40, { font: regular, size: 11, x: x + width / 2, width: width / 2, align: 'center' });
  doc.setTitle(`Phiếu hẹn trả kết quả số ${input.slipNo} — ${input.requestTitle}`);
  doc.setProducer('Bản sao điện tử');
  return doc.save();
}
