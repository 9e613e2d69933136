/**
 * Certification numbers.
 *
 * Decree 23/2015/NĐ-CP Art. 13 and Circular 01/2020/TT-BTP Art. 4: the number is the sequence
 * number of the entry in the agency's certification register (sổ chứng thực) for that book type
 * and year; it starts again at 1 on the first working day of each year, is strictly increasing
 * and never reused. Several copies of one original made at once share one number. The register
 * is identified by its book label "{bookNo}-{year}-{bookCode}" (e.g. "01-2026-SCT/BS"), and a
 * full number reads "{seq}/{bookLabel}" — it begins with the sequence number, as the API
 * contract requires. The year is the Vietnam calendar year of the certification.
 */
import { ValidationError } from './errors';
import { vnDateParts } from './dates';

/** Book code of the register of certified copies from originals (Circular 01/2020/TT-BTP Art. 4). */
export const CERTIFIED_COPY_BOOK_CODE = 'SCT/BS';

/** Book codes in force; the register-copy book's code is not fixed by law and is configured. */
export interface NumberingConfig {
  certifiedCopyBookCode: string;
  /** Book of copies issued from master registers (sổ cấp bản sao từ sổ gốc, Decree 23 Art. 13). */
  registerCopyBookCode: string;
}

/** Defaults: `SCT/BS` for certified copies, `SG/BS` (our choice, configurable) for register copies. */
export const DEFAULT_NUMBERING_CONFIG: NumberingConfig = {
  certifiedCopyBookCode: CERTIFIED_COPY_BOOK_CODE,
  registerCopyBookCode: 'SG/BS',
};

/** The two kinds of request that produce a numbered document. */
export type NumberedKind = 'certify-copy' | 'register-copy';

const BOOK_CODE_RE = /^[A-ZĐ0-9]+(?:[/,.][A-ZĐ0-9]+)*$/u;
const BOOK_NO_RE = /^\d{1,4}$/;
const CERT_NO_RE = /^([1-9]\d*)\/(\d{1,4})-(\d{4})-([A-ZĐ0-9]+(?:[/,.][A-ZĐ0-9]+)*)$/u;

/** The parts of a full certification number "123/01-2026-SCT/BS". */
export interface CertificationNoParts {
  seq: number;
  bookNo: string;
  year: number;
  bookCode: string;
  bookLabel: string;
}

function assertBookCode(bookCode: string): void {
  if (typeof bookCode !== 'string' || !BOOK_CODE_RE.test(bookCode)) {
    throw new ValidationError(`Ký hiệu sổ không hợp lệ: ${String(bookCode)}.`);
  }
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new ValidationError(`Năm không hợp lệ: ${String(year)}.`);
  }
}

function assertSeq(seq: number): void {
  if (!Number.isSafeInteger(seq) || seq < 1) {
    throw new ValidationError(`Số thứ tự phải là số nguyên dương (nhận được: ${String(seq)}).`);
  }
}

/** The book code for a kind of request (Circular 01/2020/TT-BTP Art. 4). */
export function bookCodeFor(kind: NumberedKind, config: NumberingConfig = DEFAULT_NUMBERING_CONFIG): string {
  return kind === 'certify-copy' ? config.certifiedCopyBookCode : config.registerCopyBookCode;
}

/** The numbering year of an instant: the Vietnam calendar year (numbers restart at 1 each year). */
export function numberingYear(at: Date): number {
  return vnDateParts(at).year;
}

/** The register's label "{bookNo}-{year}-{bookCode}", e.g. "01-2026-SCT/BS" (bookNo padded to 2 digits). */
export function bookLabel({ bookNo = '01', year, bookCode }: { bookNo?: string | number; year: number; bookCode: string }): string {
  const no = String(bookNo);
  if (!BOOK_NO_RE.test(no) || Number(no) < 1) throw new ValidationError(`Quyển số không hợp lệ: ${no}.`);
  assertYear(year);
  assertBookCode(bookCode);
  return `${no.padStart(2, '0')}-${year}-${bookCode}`;
}

/** The full certification number "{seq}/{bookLabel}", e.g. "123/01-2026-SCT/BS". */
export function formatCertificationNo(seq: number, label: string): string {
  assertSeq(seq);
  const formatted = `${seq}/${label}`;
  if (!CERT_NO_RE.test(formatted)) throw new ValidationError(`Nhãn sổ không hợp lệ: ${String(label)}.`);
  return formatted;
}

/** Splits "123/01-2026-SCT/BS" into its parts; null when the text is not a certification number. */
export function parseCertificationNo(text: string): CertificationNoParts | null {
  if (typeof text !== 'string' || text.length > 100) return null;
  const m = CERT_NO_RE.exec(text.trim());
  if (!m) return null;
  const seq = Number(m[1]);
  if (!Number.isSafeInteger(seq)) return null;
  const [, , bookNo, year, bookCode] = m;
  return { seq, bookNo, year: Number(year), bookCode, bookLabel: `${bookNo}-${year}-${bookCode}` };
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
