/**
 * Free text a person typed — a request's title, a file name, a reason, a register entry's field —
 * as it is stored, shown and printed on a copy. One rule for all of them:
 * - invisible format characters (Unicode category Cf) are removed: a bidi override (U+202A–U+202E,
 *   U+2066–U+2069) reorders what the reader sees ("x\u202Efdp.exe" shows as "xexe.pdf"), and a
 *   zero-width character (U+200B–U+200D, U+2060, U+FEFF) makes two titles that look the same differ;
 * - then NFC, so that a Vietnamese letter typed precomposed or with combining marks is the same
 *   string and extracts from the PDF as typed (removing first lets a mark compose with its letter);
 * - other control characters (NUL, ESC…) are removed too; tabs, line breaks, line and paragraph
 *   separators and runs of white space become one space;
 * - trimmed.
 * With `keepLineBreaks` (a register entry's note, which a spreadsheet may hold on several lines)
 * white space is left as typed, only trimmed at both ends.
 */
export function plainText(text: string, options: { keepLineBreaks?: boolean } = {}): string {
  const clean = text
    // Cc is U+0000–U+001F and U+007F–U+009F; of those, U+0009–U+000D are white space and stay.
    .replace(/[\p{Cf}\u0000-\u0008\u000E-\u001F\u007F-\u009F]+/gu, '')
    .normalize('NFC');
  return (options.keepLineBreaks ? clean : clean.replace(/\s+/g, ' ')).trim();
}
