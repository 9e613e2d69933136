/**
 * The certification statement (lời chứng) and the statement on copies from a master register.
 *
 * Lời chứng: the template annexed to Decree 23/2015/NĐ-CP ("Mẫu lời chứng chứng thực bản sao từ
 * bản chính"), placed on the last page of the copy (Circular 01/2020/TT-BTP Art. 10 for the pages
 * copied). Copies from a master register: Decree 23/2015 Art. 16–17 (who issues them, from which
 * register) and Decree 45/2020/NĐ-CP (electronic copies). The wording here is the legal text;
 * layout (where the signature field goes) is the PDF module's job.
 */
import { ValidationError } from './errors';
import { formatVnDate } from './dates';
import { numberAndBook } from './numbering';

/** The first line of the lời chứng, verbatim from the template. */
export const ATTESTATION_HEADING = 'Chứng thực bản sao đúng với bản chính.';
/** The caption above the certifying official's signature, verbatim from the template. */
export const ATTESTATION_SIGNER_CAPTION = 'Người thực hiện chứng thực';
/** Index, in `attestationLines`, of the caption under which the official's signature is placed. */
export const ATTESTATION_SIGNER_CAPTION_INDEX = 3;

/** What the lời chứng says: number, book, date, who certified and for which agency. */
export interface AttestationInput {
  /** Sequence number in the register ("Số chứng thực"), e.g. 123. */
  sequenceNo: number;
  /** The book as on its cover ("quyển số"), e.g. "01/2026-SCT/BS" (numbering.bookLabel, Art. 13(2)). */
  book: string;
  /** When the copy was certified; printed as the Vietnam date. */
  certifiedAt: Date;
  /** The certifying official's full name and title (e.g. "Phó Chủ tịch"). */
  official: { fullName: string; title: string };
  /** The certifying agency's name, e.g. "Ủy ban nhân dân phường Ba Đình". */
  agencyName: string;
}

function text(value: unknown, what: string): string {
  const s = typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '';
  if (s === '' || s.length > 200) throw new ValidationError(`${what} không được để trống (tối đa 200 ký tự).`);
  return s;
}

/**
 * The lời chứng lines in order: heading, "Số chứng thực {n}, quyển số {book}" (the number and the
 * book as the form writes them, Decree 23/2015 Art. 20(3) and Art. 13(2)), the date line,
 * "Người thực hiện chứng thực", the official's full name, title, and the agency's name.
 */
export function attestationLines(input: AttestationInput): string[] {
  if (!Number.isSafeInteger(input.sequenceNo) || input.sequenceNo < 1) {
    throw new ValidationError(`Số chứng thực phải là số nguyên dương (nhận được: ${String(input.sequenceNo)}).`);
  }
  const book = text(input.book, 'Quyển số');
  return [
    ATTESTATION_HEADING,
    numberAndBook('certify-copy', input.sequenceNo, book),
    formatVnDate(input.certifiedAt),
    ATTESTATION_SIGNER_CAPTION,
    text(input.official?.fullName, 'Họ tên người thực hiện chứng thực'),
    text(input.official?.title, 'Chức danh người thực hiện chứng thực'),
    text(input.agencyName, 'Tên cơ quan chứng thực'),
  ];
}

/**
 * Printed across every page of the official's preview of the lời chứng. A certified electronic
 * copy has legal value only with the certifying person's and the agency's digital signatures
 * (Decree 45/2020/NĐ-CP Art. 10(3)) and a number in the book (Decree 23/2015 Art. 13, 20(3));
 * the preview has neither, and says so on its face so that it can never pass as a copy.
 */
export const ATTESTATION_PREVIEW_WATERMARK = 'BẢN XEM TRƯỚC — CHƯA CÓ GIÁ TRỊ PHÁP LÝ';
/** Where the number and book go on the preview: they are given only when the copy is signed (Art. 13(2)). */
export const ATTESTATION_PREVIEW_NUMBER_LINE = 'Số chứng thực: ……, quyển số: …… (cấp khi ký)';

/**
 * The lời chứng lines as `attestationLines` words them, for the official's preview before signing:
 * the same heading, date and signer, the number line left blank (Decree 23/2015 Art. 13(2), 20(3)).
 */
export function attestationPreviewLines(input: Omit<AttestationInput, 'sequenceNo' | 'book'>): string[] {
  const lines = attestationLines({ ...input, sequenceNo: 1, book: 'preview' });
  lines[1] = ATTESTATION_PREVIEW_NUMBER_LINE;
  return lines;
}

/** What a copy from a master register states about its source. */
export interface RegisterCopyStatementInput {
  /** The master register's title, e.g. "Sổ đăng ký khai sinh năm 2020". */
  registerTitle: string;
  /** The entry's number in that register, e.g. "125" or "125/2020". */
  entryNo: string | number;
  /** When the copy was issued; printed as the Vietnam date. */
  issuedAt: Date;
  /** The copy's own number and book in the register-copy book (Art. 13(2)), e.g. 5 in "01/2026-TLKS/BS". */
  copy?: { number: number; book: string };
  /** The issuing agency (the holder of the master register). */
  agencyName?: string;
  /** Who signs for the agency, title exactly as in its signer record (Decree 23 Art. 5 as amended). */
  signer?: { fullName: string; title: string };
}

/**
 * The statement on a copy from a master register (Decree 23/2015 Art. 16–17, Decree 45/2020):
 * "Bản sao được cấp từ sổ gốc: {registerTitle}, số {entryNo}.", then "Số {n}, quyển số {book}" if given,
 * the date line, the agency's name if given, then the signer's title and name if given.
 */
export function registerCopyStatement(input: RegisterCopyStatementInput): string[] {
  const title = text(input.registerTitle, 'Tên sổ gốc');
  const entry = text(String(input.entryNo ?? ''), 'Số trong sổ gốc');
  const lines = [`Bản sao được cấp từ sổ gốc: ${title}, số ${entry}.`];
  if (input.copy !== undefined) lines.push(numberAndBook('register-copy', input.copy.number, text(input.copy.book, 'Quyển số')));
  lines.push(formatVnDate(input.issuedAt));
  if (input.agencyName !== undefined) lines.push(text(input.agencyName, 'Tên cơ quan cấp bản sao'));
  if (input.signer !== undefined) lines.push(text(input.signer.title, 'Chức danh người ký'), text(input.signer.fullName, 'Họ tên người ký'));
  return lines;
}
