/**
 * CSV as RFC 4180 writes it: fields with a comma, quote or line break are quoted, quotes doubled,
 * lines end in CRLF; a UTF-8 BOM first so that spreadsheet programs read the Vietnamese text as
 * UTF-8. Written here rather than adding csv-stringify: these few lines are all the reports and
 * the book need, and csv-parse (a dependency) is only for reading.
 */
export function csvText(rows: readonly (readonly unknown[])[]): string {
  const field = (v: unknown) => {
    const s = String(v ?? '');
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\uFEFF${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}
