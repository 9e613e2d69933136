import { drawAgencySignature } from './compose-refusal';
import { embedFonts } from './fonts';
import { A4, MIN_TEXT_SIZE, newCopyDocument, saveCopy } from './layout';
import { applyMetadata } from './metadata';
import { drawFooter, drawQrHeader, FOOTER_HEIGHT, VERIFY_CODE_LABEL } from './page-chrome';
import { cleanText, drawLine, drawParagraph, wrapText } from './text-layout';
import type { ComposedCopy } from './types';

/** What a verification receipt ("phiếu kết quả kiểm tra bản sao điện tử") states. */
export interface ReceiptInput {
  /** The service that checked and seals the receipt. */
  service: { name: string };
  /** The receipt's own verify code and the URL of its QR code: a receipt is checked like a copy. */
  verifyCode: string;
  verifyUrl: string;
  /** "14:05 ngày 05/12/2026 (giờ Việt Nam)". */
  checkedAtText: string;
  /** What was checked: "Mã kiểm tra 7K2M-…" or "Tệp PDF (SHA-256 …, 123 456 byte)". */
  subject: string;
  /** The verdict's headline and its plain reasons (the checks, in the verifier's words). */
  verdict: string;
  reasons: readonly { passed: boolean; text: string }[];
  /** The document found in the registry, as label/value lines; absent when none was found. */
  document?: readonly [label: string, value: string][];
  /** Who asked: the verifier's agency, or that the check was anonymous. */
  askedBy: string;
  createdAt: Date;
}

const LEFT = 56;
const RIGHT = 48;
const TOP = 40;
const BOTTOM = 48 + FOOTER_HEIGHT;
const BODY = 11;
const LEADING = BODY * 1.4;
const SMALL = Math.max(MIN_TEXT_SIZE, 10);

/**
 * The receipt a receiving agency files instead of asking for paper: QR header (its own code), the
 * service heading, the title, when and what was checked, the verdict with its reasons, the
 * document's identifiers and hash, who asked, and the service's seal. It is built like every other
 * signed output of the service (fonts with Vietnamese glyphs, text ≥ 9 pt, a footer with the code
 * on every page, the code in the metadata) so POST /api/verify recognises it like a copy.
 */
export async function composeReceipt(input: ReceiptInput): Promise<ComposedCopy> {
  const doc = await newCopyDocument();
  const fonts = await embedFonts(doc);
  const width = A4[0] - LEFT - RIGHT;
  let page = doc.addPage(A4);
  let y = A4[1] - TOP;
  y -= drawQrHeader(page, fonts, { verifyUrl: input.verifyUrl, verifyCode: input.verifyCode }, LEFT, y, width) + 8;
  y = drawParagraph(page, cleanText(input.service.name).toLocaleUpperCase('vi'), y, { font: fonts.bold, size: 11, x: LEFT, width, align: 'center' }) - 10;
  y = drawParagraph(page, 'PHIẾU KẾT QUẢ KIỂM TRA BẢN SAO ĐIỆN TỬ', y, { font: fonts.bold, size: 15, x: LEFT, width, align: 'center' }) - 14;

  const ensure = (need: number) => {
    if (y - need < BOTTOM) {
      page = doc.addPage(A4);
      y = A4[1] - TOP;
    }
  };
  const paragraph = (text: string, opts: { bold?: boolean; size?: number; indent?: number } = {}) => {
    const font = opts.bold ? fonts.bold : fonts.regular;
    const size = opts.size ?? BODY;
    const x = LEFT + (opts.indent ?? 0);
    for (const line of wrapText(cleanText(text), font, size, width - (opts.indent ?? 0))) {
      ensure(size * 1.4);
      drawLine(page, line, y, { font, size, x, width: width - (opts.indent ?? 0) });
      y -= size * 1.4;
    }
  };
  const heading = (text: string) => {
    ensure(LEADING * 3);
    y -= 6;
    paragraph(text, { bold: true, size: 12 });
  };

  heading('1. Thời điểm và đối tượng kiểm tra');
  paragraph(`Thời điểm kiểm tra: ${input.checkedAtText}`);
  paragraph(`Đối tượng kiểm tra: ${input.subject}`);
  paragraph(`Người yêu cầu kiểm tra: ${input.askedBy}`);

  heading('2. Kết quả');
  paragraph(input.verdict, { bold: true, size: 12 });
  for (const reason of input.reasons) paragraph(`${reason.passed ? '[Đạt]' : '[Không đạt]'} ${reason.text}`, { size: SMALL, indent: 10 });

  heading('3. Bản sao được kiểm tra (theo sổ của cơ quan cấp)');
  if (input.document?.length) {
    for (const [label, value] of input.document) paragraph(`${label}: ${value}`);
  } else {
    paragraph('Không tìm thấy bản sao tương ứng trong sổ của cơ quan cấp.');
  }

  y -= 6;
  paragraph(
    `Phiếu này do ${input.service.name} lập tự động và ký số bằng con dấu điện tử của hệ thống. Có thể kiểm tra tính xác thực của phiếu tại địa chỉ tra cứu trong mã QR hoặc bằng cách tải tệp phiếu lên trang kiểm tra (${VERIFY_CODE_LABEL} ở đầu trang).`,
    { size: SMALL },
  );

  const signature = drawAgencySignature(doc, fonts, { page, y, x: LEFT, width }, { agencyName: input.service.name, signedAt: input.createdAt }, []);
  const pages = doc.getPageCount();
  doc.getPages().forEach((p, i) => drawFooter(p, fonts, { numberLabel: 'Phiếu kết quả kiểm tra bản sao điện tử', verifyCode: input.verifyCode }, i, pages));
  applyMetadata(doc, {
    title: 'Phiếu kết quả kiểm tra bản sao điện tử',
    subject: cleanText(`Kết quả kiểm tra: ${input.subject}`),
    verifyCode: input.verifyCode,
    book: '',
    createdAt: input.createdAt,
  });
  return { pdf: await saveCopy(doc), pages, fields: { agency: { name: 'sig-agency', pageIndex: signature.pageIndex, rect: signature.rect, appearance: signature.appearance } } };
}
