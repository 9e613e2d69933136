/**
 * How a register's entries are written for people — in the form, the table and the CSV template —
 * next to how the API carries them. Plain values, no zod: the web page imports them at run time
 * without pulling zod in, and the CSV import reads what the page's template writes.
 */

/** The label of an entry's number; the CSV import accepts it as well as the column name `entryNo`. */
export const ENTRY_NO_LABEL = 'Số vào sổ';

/**
 * A date as a person writes it in Vietnam, "15/03/1990" (or "5/3/1990"), as the API stores it:
 * "1990-03-15"; any other text is returned unchanged, for the validation to name.
 */
export function isoFromDisplay(value: string): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : value;
}

/** A stored date "1990-03-15" as people read it, "15/03/1990"; any other text unchanged. */
export function displayFromIso(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}

/** Whether a stored date "YYYY-MM-DD" is a real calendar day. */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}
