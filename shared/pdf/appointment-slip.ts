import { PDFDocument } from 'pdf-lib';
import { embedFonts } from './fonts';
import { drawLine, drawParagraph } from './text-layout';

export interface AppointmentSlipInput {
  agencyName: string;
  parentName?: string;
  citizenName?: string;
  citizenId: string;
  requestTitle: string;
  requestId: string;
  receivedAtText: string;
  /** "17 giờ 00, ngày 30 tháng 11 năm 2026". */
  dueAtText: string;
  reason: string;
  officialName: string;
}

/** The appointment slip (phiếu hẹn trả kết quả) given when the due time is extended (Decree 23 Art. 7). */
export async function renderAppointmentSlip(input: AppointmentSlipInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
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
  y -= 36;
  drawLine(page, 'PHIẾU HẸN TRẢ KẾT QUẢ', y, { font: bold, size: 15, x, width, align: 'center' });
  y -= 28;
  const lines = [
    `Người yêu cầu: ${input.citizenName ? `${input.citizenName} — ` : ''}CCCD ${input.citizenId}`,
    `Hồ sơ: ${input.requestTitle} (mã hồ sơ ${input.requestId})`,
    `Tiếp nhận lúc: ${input.receivedAtText}`,
    `Lý do gia hạn: ${input.reason}`,
  ];
  for (const line of lines) y = drawParagraph(page, line, y, { font: regular, size: 11, x, width }) - 4;
  y -= 6;
  y = drawParagraph(page, `Hẹn trả kết quả vào: ${input.dueAtText}`, y, { font: bold, size: 12, x, width });
  y -= 24;
  drawLine(page, 'NGƯỜI TIẾP NHẬN', y, { font: bold, size: 10.5, x: x + width / 2, width: width / 2, align: 'center' });
  drawLine(page, input.officialName, y - 46, { font: regular, size: 11, x: x + width / 2, width: width / 2, align: 'center' });
  doc.setTitle(`Phiếu hẹn trả kết quả — ${input.requestTitle}`);
  doc.setProducer('Bản sao điện tử');
  return doc.save();
}
