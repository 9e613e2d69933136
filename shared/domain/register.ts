import * as z from 'zod';
import { displayFromIso, isCalendarDate } from '../contracts/register-text';
import { plainText } from './text';

/** A field of a master register type: name, Vietnamese label, type, required. */
export const RegisterFieldSchema = z.object({
  name: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,49}$/),
  label: z.string().min(1).max(200),
  type: z.enum(['string', 'date', 'enum', 'number']),
  required: z.boolean(),
  options: z.array(z.string()).optional(),
});
export type RegisterField = z.infer<typeof RegisterFieldSchema>;

/** A master register (sổ gốc) an agency holds, with the declaration of its entries' fields. */
export const RegisterSchema = z.object({
  id: z.string(),
  agencyId: z.string(),
  type: z.string(),
  title: z.string(),
  /** The copy's title, e.g. "TRÍCH LỤC KHAI SINH"; rendered with "(BẢN SAO)". */
  copyTitle: z.string(),
  /** Book code of the copies issued from this register (configured per register type). */
  bookCode: z.string(),
  /** Fee per copy in đồng (0 when none). */
  feePerCopy: z.number().int().min(0),
  fields: z.array(RegisterFieldSchema),
});
export type Register = z.infer<typeof RegisterSchema>;

export const RegisterEntrySchema = z.object({
  registerId: z.string(),
  entryNo: z.string(),
  data: z.record(z.string(), z.string()),
});
export type RegisterEntry = z.infer<typeof RegisterEntrySchema>;

/** Longest value a register field may hold. */
export const MAX_FIELD_LENGTH = 500;
const ENTRY_NO = /^[0-9A-Za-z][0-9A-Za-z/._-]{0,49}$/;

export interface FieldError {
  field: string;
  message: string;
}

/** Checks an entry number: short, no spaces or path characters beyond `/ . _ -`. */
export function entryNoError(entryNo: string): FieldError | undefined {
  return ENTRY_NO.test(entryNo) ? undefined : { field: 'entryNo', message: 'số mục không hợp lệ (chữ, số và / . _ -, tối đa 50 ký tự)' };
}

/**
 * Checks an entry's data against the register's declared fields: every required field present,
 * no undeclared field, dates as YYYY-MM-DD (a real calendar date), enums among their options.
 * Returns the cleaned data (`plainText`: it is printed on the copy) or the list of field errors in Vietnamese.
 */
export function validateEntryData(register: Pick<Register, 'fields'>, data: Record<string, unknown>): { data?: Record<string, string>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const clean: Record<string, string> = {};
  const declared = new Set(register.fields.map((f) => f.name));
  for (const key of Object.keys(data)) {
    if (!declared.has(key)) errors.push({ field: key, message: 'trường không có trong sổ' });
  }
  for (const f of register.fields) {
    const raw = data[f.name];
    const value = raw === undefined || raw === null ? '' : typeof raw === 'string' || typeof raw === 'number' ? plainText(String(raw), { keepLineBreaks: true }) : undefined;
    if (value === undefined) {
      errors.push({ field: f.name, message: `${f.label}: sai kiểu dữ liệu` });
      continue;
    }
    if (value === '') {
      if (f.required) errors.push({ field: f.name, message: `${f.label}: bắt buộc` });
      continue;
    }
    if (value.length > MAX_FIELD_LENGTH) errors.push({ field: f.name, message: `${f.label}: dài quá ${MAX_FIELD_LENGTH} ký tự` });
    else if (f.type === 'date' && !isCalendarDate(value)) errors.push({ field: f.name, message: `${f.label}: ngày phải theo dạng YYYY-MM-DD` });
    else if (f.type === 'enum' && !(f.options ?? []).includes(value)) errors.push({ field: f.name, message: `${f.label}: phải là một trong ${(f.options ?? []).join(', ')}` });
    else if (f.type === 'number' && !/^-?\d+(\.\d+)?$/.test(value)) errors.push({ field: f.name, message: `${f.label}: phải là số` });
    else clean[f.name] = value;
  }
  return errors.length ? { errors } : { data: clean, errors };
}

/** Search form of a text: lower case, without diacritics (đ → d), single spaces — "Nguyễn" matches "nguyen". */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The words of a search as the register matches them: the query's search form split on spaces.
 * A clerk types a name as the requester says it — in any case, with or without accents, sometimes
 * without the middle name ("Nguyễn An") — so each word is matched on its own.
 */
export function searchWords(q: string): string[] {
  return searchKey(q).split(' ').filter(Boolean);
}

/**
 * How well an entry's search text (`searchKey` of its number and values) matches a query:
 * undefined when some query word begins no word of the entry; otherwise a rank, lower first —
 * 0 when the whole query is one of the entry's values (the whole name, "Nguyễn Văn An"), 1 when
 * every query word is a whole word of the entry, 2 when some is only the beginning of one
 * ("Ngu"). So "Nguyễn Văn An" lists An before Anh, and "Nguyễn An" still finds Nguyễn Văn An.
 */
export function searchRank(values: readonly string[], q: string): number | undefined {
  const words = searchWords(q);
  if (words.length === 0) return 2;
  const keys = values.map(searchKey);
  const entryWords = keys.flatMap((v) => v.split(' '));
  if (!words.every((w) => entryWords.some((e) => e.startsWith(w)))) return undefined;
  const whole = words.join(' ');
  if (keys.includes(whole)) return 0;
  return words.every((w) => entryWords.includes(w)) ? 1 : 2;
}

/** How a date field is printed on a copy: "15/03/1990". */
export function displayValue(field: Pick<RegisterField, 'type'>, value: string): string {
  return field.type === 'date' ? displayFromIso(value) : value;
}
