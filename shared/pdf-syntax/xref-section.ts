import { malformed } from './errors';
import { PdfLexer } from './lexer';
import { integerEntry, type PdfDict } from './objects';
import type { WorkBudget } from './work-budget';
import { readXrefStream } from './xref-stream';
import { readXrefTable } from './xref-table';

/** An object at a byte offset (type 1 of §7.5.8.3, `n` of §7.5.4). */
export interface InUseEntry {
  offset: number;
  gen: number;
  objectStream?: undefined;
}
/** An object compressed in an object stream (type 2 of §7.5.8.3). */
export interface CompressedEntry {
  objectStream: number;
  index: number;
  gen: 0;
}
export type XrefEntry = InUseEntry | CompressedEntry;
/** One section's entries; null marks an object freed by this section. */
export type XrefEntries = Map<number, XrefEntry | null>;

/** One cross-reference section with its trailer: a classic table (§7.5.4) or an xref stream (§7.5.8). */
export interface XrefSection {
  offset: number;
  format: 'table' | 'stream';
  entries: XrefEntries;
  /** The trailer dictionary, or the xref stream's dictionary which plays its part. */
  trailer: PdfDict;
  /** Where the section ends: after the trailer dictionary, or after the stream's `endobj`. */
  end: number;
  /** The object number of the xref stream, when the section is one. */
  streamNum?: number;
}

/** Reads the section at `offset`, whichever its form; a hybrid table takes in its /XRefStm (§7.5.8.4). */
export function readXrefSection(buf: Uint8Array, offset: number, budget: WorkBudget): XrefSection {
  if (!Number.isSafeInteger(offset) || offset < 0 || offset >= buf.length) throw malformed(`startxref points outside the file (byte ${offset})`);
  const lexer = new PdfLexer(buf, offset);
  lexer.skipWhitespace();
  const keyword = lexer.readToken();
  if (keyword === 'xref') {
    const section = readXrefTable(lexer, offset, budget);
    const hybrid = integerEntry(section.trailer, 'XRefStm');
    // Entries of the table win; the stream only adds the objects a pre-1.5 reader must not see.
    if (hybrid !== undefined) for (const [num, entry] of readXrefStream(buf, hybrid, budget).entries) if (!section.entries.has(num)) section.entries.set(num, entry);
    return section;
  }
  if (/^\d+$/.test(keyword)) return readXrefStream(buf, offset, budget);
  return lexer.fail('startxref does not point at a cross-reference section');
}
