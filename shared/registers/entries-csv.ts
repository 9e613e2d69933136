import { parse } from 'csv-parse/sync';
import { ENTRY_NO_LABEL, isoFromDisplay } from '../contracts/register-text';
import { entryNoError, searchKey, validateEntryData, type Register, type RegisterEntry } from '../domain/register';

export interface CsvRejection {
  line: number;
  error: string;
}

export interface ParsedEntriesCsv {
  entries: (RegisterEntry & { line: number })[];
  rejected: CsvRejection[];
}

/** Most data lines accepted in one import call (the API body limit bounds it too). */
export const MAX_IMPORT_LINES = 20_000;

/**
 * Parses a CSV of register entries: UTF-8 (a BOM is fine), CRLF or LF, RFC 4180 quoting; the
 * header row names the columns — `entryNo` and the register's field names, or the labels the
 * form shows ("Số vào sổ", "Họ, chữ đệm, tên"; case and accents ignored), as the template the
 * page offers writes them; a date may be written dd/mm/yyyy as well as YYYY-MM-DD. Every data line is
 * checked on its own: good lines come back as entries, bad ones as rejections with their line
 * number (as a spreadsheet shows it) and the reason in Vietnamese.
 */
export function parseEntriesCsv(register: Pick<Register, 'id' | 'fields'>, text: string): ParsedEntriesCsv {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true, max_record_size: 64 * 1024 }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 0;
    return { entries: [], rejected: [{ line, error: `Tệp CSV sai cú pháp ở dòng ${line}: ${(e as Error).message}` }] };
  }
  if (records.length === 0) return { entries: [], rejected: [{ line: 1, error: 'Tệp CSV trống (thiếu dòng tiêu đề).' }] };
  const header = records[0].record.map((h) => columnName(register, h.trim()));
  const headerErrors = checkHeader(register, header);
  if (headerErrors) return { entries: [], rejected: [{ line: records[0].info.lines, error: headerErrors }] };
  if (records.length - 1 > MAX_IMPORT_LINES) {
    return { entries: [], rejected: [{ line: 1, error: `Tệp có ${records.length - 1} dòng dữ liệu, vượt quá ${MAX_IMPORT_LINES} dòng mỗi lần nhập.` }] };
  }

  const entries: ParsedEntriesCsv['entries'] = [];
  const rejected: CsvRejection[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    if (record.length !== header.length) {
      rejected.push({ line, error: `Dòng có ${record.length} cột, tiêu đề có ${header.length} cột.` });
      continue;
    }
    const row = Object.fromEntries(header.map((h, i) => [h, record[i]]));
    const entryNo = (row.entryNo ?? '').trim();
    delete row.entryNo;
    for (const f of register.fields) if (f.type === 'date' && typeof row[f.name] === 'string') row[f.name] = isoFromDisplay(row[f.name]);
    const noError = entryNoError(entryNo);
    const { data, errors } = validateEntryData(register, row);
    const problems = [...(noError ? [noError] : []), ...errors];
    if (problems.length || !data) {
      rejected.push({ line, error: problems.map((p) => p.message).join('; ') });
      continue;
    }
    const first = seen.get(entryNo);
    if (first !== undefined) {
      rejected.push({ line, error: `Số mục ${entryNo} trùng với dòng ${first}.` });
      continue;
    }
    seen.set(entryNo, line);
    entries.push({ registerId: register.id, entryNo, data, line });
  }
  return { entries, rejected };
}

/** The column a header cell names: `entryNo` or a field's name, given as such or by its label. */
function columnName(register: Pick<Register, 'fields'>, cell: string): string {
  if (cell === 'entryNo' || register.fields.some((f) => f.name === cell)) return cell;
  const key = searchKey(cell);
  if (key === searchKey(ENTRY_NO_LABEL)) return 'entryNo';
  return register.fields.find((f) => searchKey(f.label) === key)?.name ?? cell;
}

function checkHeader(register: Pick<Register, 'fields'>, header: string[]): string | undefined {
  const names = new Set(register.fields.map((f) => f.name));
  if (!header.includes('entryNo')) return `Dòng tiêu đề thiếu cột ${ENTRY_NO_LABEL} (entryNo).`;
  const unknown = header.filter((h) => h !== 'entryNo' && !names.has(h));
  if (unknown.length) return `Dòng tiêu đề có cột không thuộc sổ: ${unknown.join(', ')}.`;
  const missing = register.fields.filter((f) => f.required && !header.includes(f.name)).map((f) => `${f.label} (${f.name})`);
  if (missing.length) return `Dòng tiêu đề thiếu cột bắt buộc: ${missing.join(', ')}.`;
  if (new Set(header).size !== header.length) return 'Dòng tiêu đề có cột trùng tên.';
  return undefined;
}
