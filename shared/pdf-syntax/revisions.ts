import { malformed, PdfSyntaxError } from './errors';
import { HistoricalView } from './historical-view';
import { PdfLexer } from './lexer';
import { integerEntry, type PdfIndirectObject } from './objects';
import { readStartxref } from './startxref';
import type { WorkBudget } from './work-budget';
import { readXrefSection, type XrefSection } from './xref-section';

/** One incremental revision (§7.5.6): its bytes run from `start` to `end`, just after its `%%EOF`. */
export interface Revision extends Omit<XrefSection, 'offset' | 'entries' | 'end'> {
  /** 0-based, oldest first. */
  index: number;
  start: number;
  end: number;
  /** `end` plus the end-of-line after `%%EOF`, if any (signers differ on whether they sign it). */
  endWithEol: number;
  xrefOffset: number;
  /** Only this revision's cross-reference section. */
  section: XrefSection['entries'];
  size: number;
}

export interface RevisionChain {
  revisions: Revision[];
  /** Bytes after the end of the last revision found from the file's tail. */
  trailingBytes: number;
  /** Object access as of each revision (index as in `revisions`). */
  views: HistoricalView[];
}

/** How many `startxref` from the end are tried when the last one is broken (truncated file). */
const TAIL_ATTEMPTS = 4;

/**
 * Reads the chain of cross-reference sections (tables or streams) from the end of the file back
 * through /Prev, and cuts the file into revisions at each section's `startxref … %%EOF`. When the
 * file's tail is broken (truncated, or junk appended), the previous `startxref` is tried, so that
 * the intact older revisions can still be examined and the damage reported precisely.
 */
export function readRevisionChain(buf: Uint8Array, budget: WorkBudget): RevisionChain {
  const file = Buffer.from(buf.buffer, buf.byteOffset, buf.length);
  let searchFrom = file.length;
  let lastError: unknown;
  for (let attempt = 0; attempt < TAIL_ATTEMPTS; attempt++) {
    const at = file.lastIndexOf('startxref', searchFrom);
    if (at < 0) break;
    searchFrom = at - 1;
    try {
      const tail = readStartxref(file, at);
      const revisions = walkSections(file, tail.offset, budget);
      if (revisions[revisions.length - 1].end !== tail.end) throw malformed('the last startxref does not close its own revision');
      const parsedAt = new Map<number, PdfIndirectObject>();
      const views = revisions.map((revision) => new HistoricalView(file, revisions, revision, budget, parsedAt));
      return { revisions, trailingBytes: file.length - tail.endWithEol, views };
    } catch (error) {
      // A limit is not damage at the tail: trying older tails would only spend more.
      if (error instanceof PdfSyntaxError && error.code === 'limit') throw error;
      lastError ??= error;
    }
  }
  throw lastError ?? malformed('the file has no startxref … %%EOF');
}

function walkSections(file: Buffer, newestOffset: number, budget: WorkBudget): Revision[] {
  const newestFirst: Omit<Revision, 'index' | 'start'>[] = [];
  let offset: number | undefined = newestOffset;
  while (offset !== undefined) {
    budget.spend('revisions');
    const previous = newestFirst[newestFirst.length - 1];
    // Linearized files (and loops) chain forwards; linearization is legal, so this is "unsupported".
    if (previous && offset >= previous.xrefOffset) throw new PdfSyntaxError('unsupported', 'the /Prev chain does not go backwards through the file (linearized?)');
    const { offset: xrefOffset, entries, end, ...section } = readXrefSection(file, offset, budget);
    if (section.trailer.entries.has('Encrypt')) throw new PdfSyntaxError('unsupported', 'the PDF is encrypted');
    const lexer = new PdfLexer(file, end);
    lexer.skipWhitespace();
    const close = readStartxref(file, lexer.pos);
    if (close.offset !== offset) throw malformed(`the revision at byte ${offset} ends with a startxref pointing elsewhere`);
    const size = integerEntry(section.trailer, 'Size');
    if (!size) throw malformed('a trailer has no valid /Size');
    newestFirst.push({ ...section, end: close.end, endWithEol: close.endWithEol, xrefOffset, section: entries, size });
    offset = integerEntry(section.trailer, 'Prev');
  }
  const revisions = newestFirst.reverse().map((revision, index, all) => ({ ...revision, index, start: index === 0 ? 0 : all[index - 1].end }));
  for (const revision of revisions) {
    if (revision.xrefOffset < revision.start || revision.end <= revision.xrefOffset) {
      throw malformed(`revision ${revision.index + 1} overlaps the one before it`);
    }
  }
  return revisions;
}
