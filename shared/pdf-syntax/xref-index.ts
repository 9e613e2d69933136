import { malformed, PdfSyntaxError } from './errors';
import { integerEntry, type PdfDict } from './objects';
import { findLastStartxref } from './startxref';
import { WorkBudget } from './work-budget';
import { readXrefSection, type XrefEntries, type XrefSection } from './xref-section';

export interface XrefIndex {
  /** Newest entry per object number, merged over every revision. */
  entries: XrefEntries;
  /** The trailer of the last revision. */
  trailer: PdfDict;
  /** Byte offset of the last revision's cross-reference section: the new revision's /Prev. */
  startxref: number;
  /** /Size of the last trailer: the first free object number. */
  size: number;
  /** The form of the last section, which an incremental update should keep (§7.5.8.4). */
  format: XrefSection['format'];
}

/** Reads the cross-reference sections of every revision, newest first, and merges them (§7.5.6). */
export function readXrefIndex(buf: Uint8Array, budget = new WorkBudget()): XrefIndex {
  const startxref = findLastStartxref(buf);
  const entries: XrefEntries = new Map();
  const seen = new Set<number>();
  let newest: XrefSection | undefined;
  let offset: number | undefined = startxref;
  while (offset !== undefined) {
    if (seen.has(offset)) throw malformed(`The /Prev chain of cross-reference sections loops at byte ${offset}.`);
    seen.add(offset);
    budget.spend('revisions');
    const section = readXrefSection(buf, offset, budget);
    for (const [num, entry] of section.entries) if (!entries.has(num)) entries.set(num, entry);
    newest ??= section;
    offset = integerEntry(section.trailer, 'Prev');
  }
  const trailer = newest!.trailer;
  if (trailer.entries.has('Encrypt')) throw new PdfSyntaxError('unsupported', 'The PDF is encrypted; only unencrypted PDFs can be read.');
  if (trailer.entries.get('Root')?.kind !== 'ref') throw malformed('The trailer has no /Root reference.');
  const size = integerEntry(trailer, 'Size');
  if (!size) throw malformed('The trailer has no valid /Size.');
  for (const num of entries.keys()) {
    // New objects are numbered from /Size on; a larger existing number would be overwritten.
    if (num >= size) throw malformed(`Object ${num} lies beyond the trailer /Size ${size}.`);
  }
  return { entries, trailer, startxref, size, format: newest!.format };
}
