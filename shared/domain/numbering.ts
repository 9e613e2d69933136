/**
 * Certification numbers and books, as the book form writes them.
 *
 * Decree 23/2015/NĐ-CP Art. 13(2) and Circular 01/2020/TT-BTP Art. 4: a certification is
 * identified by its sequence number in the agency's book, together with the book's number, the
 * year and the code of the kind of act. The sequence restarts at 1 each year, is strictly
 * increasing and never reused; a second book opened in the same year continues the sequence.
 * Several copies of one original made at once share one number (Art. 20(3)).
 *
 * The number and the book are two things, printed as the form prints them (Art. 20(3), the
 * attestation form): "Số chứng thực 17, quyển số 01/2026-SCT/BS" — the book written as it stands
 * on its cover, "{bookNo}/{year}-{bookCode}". No compound of the two ("17/01-2026-…") is made
 * anywhere. The year is the Vietnam calendar year of the certification.
 */
import { ValidationError } from './errors';
import { vnDateParts } from './dates';

/**
 * Code of the kind of act "certified copy from an original" (Circular 01/2020/TT-BTP Art. 4). The
 * electronic book an agency keeps is its own configured code (the agency's `certifiedCopyBookCode`,
 * e.g. "SCT/BS-ĐT"), so its numbers never read like those of the paper book (docs/legal.md).
 */
export const CERTIFIED_COPY_KIND_CODE = 'SCT/BS';

/** The two kinds of request that produce a numbered document. */
export type NumberedKind = 'certify-copy' | 'register-copy';

const BOOK_CODE_RE = /^[A-ZĐ0-9]+(?:[/,.-][A-ZĐ0-9]+)*$/u;
const BOOK_NO_MAX = 99;

function assertBookCode(bookCode: string): void {
  if (typeof bookCode !== 'string' || bookCode.length > 40 || !BOOK_CODE_RE.test(bookCode)) {
    throw new ValidationError(`Ký hiệu sổ không hợp lệ: ${String(bookCode)}.`);
  }
}

/** True when `bookCode` is a well-formed book code ("SCT/BS", "SCT/BS-ĐT", "TLKS/BS"). */
export function isBookCode(bookCode: unknown): bookCode is string {
  return typeof bookCode === 'string' && bookCode.length <= 40 && BOOK_CODE_RE.test(bookCode);
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new ValidationError(`Năm không hợp lệ: ${String(year)}.`);
  }
}

function assertBookNo(bookNo: number): void {
  if (!Number.isInteger(bookNo) || bookNo < 1 || bookNo > BOOK_NO_MAX) throw new ValidationError(`Quyển số không hợp lệ: ${String(bookNo)}.`);
}

function assertSeq(seq: number): void {
  if (!Number.isSafeInteger(seq) || seq < 1) {
    throw new ValidationError(`Số thứ tự phải là số nguyên dương (nhận được: ${String(seq)}).`);
  }
}

/** The numbering year of an instant: the Vietnam calendar year (numbers restart at 1 each year). */
export function numberingYear(at: Date): number {
  return vnDateParts(at).year;
}

/**
 * The book as written on its cover (Art. 13(2)): "{bookNo}/{year}-{bookCode}", the book number
 * padded to two digits, e.g. "01/2026-SCT/BS".
 */
export function bookLabel({ bookNo = 1, year, bookCode }: { bookNo?: number; year: number; bookCode: string }): string {
  assertBookNo(bookNo);
  assertYear(year);
  assertBookCode(bookCode);
  return `${String(bookNo).padStart(2, '0')}/${year}-${bookCode}`;
}

/**
 * The number and book as the attestation form writes them (Decree 23/2015 Art. 20(3)):
 * "Số chứng thực 17, quyển số 01/2026-SCT/BS". A copy from a master register is numbered in its
 * own book and says "Số 5, quyển số 01/2026-TLKS/BS".
 */
export function numberAndBook(kind: NumberedKind, number: number, book: string): string {
  assertSeq(number);
  return `${kind === 'certify-copy' ? 'Số chứng thực' : 'Số'} ${number}, quyển số ${book}`;
}

/**
 * The id of one book: agency, book code, year and book number (Art. 13(2): books of one year are
 * numbered), readable and safe in a URL path: "{agencyId}~{year}~{bookNo}~{bookCode with '/' as '_'}".
 */
export interface BookIdParts {
  agencyId: string;
  bookCode: string;
  year: number;
  bookNo: number;
}

const AGENCY_ID_RE = /^[a-z0-9][a-z0-9-]{0,99}$/;

export function bookId({ agencyId, bookCode, year, bookNo }: BookIdParts): string {
  if (!AGENCY_ID_RE.test(agencyId)) throw new ValidationError(`Mã cơ quan không hợp lệ: ${String(agencyId)}.`);
  assertBookCode(bookCode);
  assertYear(year);
  assertBookNo(bookNo);
  return `${agencyId}~${year}~${String(bookNo).padStart(2, '0')}~${bookCode.replaceAll('/', '_')}`;
}

/** The parts of a book id; null when the text is not one. */
export function parseBookId(text: string): BookIdParts | null {
  if (typeof text !== 'string' || text.length > 200) return null;
  const m = /^([a-z0-9][a-z0-9-]{0,99})~(\d{4})~(\d{2})~([A-ZĐ0-9_,.-]+)$/u.exec(text);
  if (!m) return null;
  const parts = { agencyId: m[1], year: Number(m[2]), bookNo: Number(m[3]), bookCode: m[4].replaceAll('_', '/') };
  if (!isBookCode(parts.bookCode) || parts.bookNo < 1) return null;
  return parts;
}

/** The identity of one counter: an agency's register of one book type for one year, with a stable key. */
export interface CounterKeyParts {
  agencyId: string;
  bookCode: string;
  year: number;
  /** "{agencyId}#{bookCode}#{year}", stable and unique per counter. */
  key: string;
}

/** Validated parts of the counter key for an agency, book code and year (Decree 23 Art. 13: one sequence per book per year). */
export function counterKeyParts(agencyId: string, bookCode: string, year: number): CounterKeyParts {
  if (typeof agencyId !== 'string' || agencyId.trim() === '' || agencyId.includes('#') || agencyId.length > 100) {
    throw new ValidationError(`Mã cơ quan không hợp lệ: ${String(agencyId)}.`);
  }
  assertBookCode(bookCode);
  assertYear(year);
  return { agencyId, bookCode, year, key: `${agencyId}#${bookCode}#${year}` };
}

/** The next sequence number after `current` (0 or undefined: no number yet this year → 1). */
export function nextSequence(current: number | undefined): number {
  const c = current ?? 0;
  if (!Number.isSafeInteger(c) || c < 0 || c >= Number.MAX_SAFE_INTEGER) {
    throw new ValidationError(`Bộ đếm số chứng thực không hợp lệ: ${String(current)}.`);
  }
  return c + 1;
}
