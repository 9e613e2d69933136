import { parseIndirectObjectAt, PdfLexer, type PdfDict, type PdfIndirectObject, type PdfNode, type PdfRef } from '../signing/pdf-syntax';
import { readXrefSection, type XrefEntry } from '../signing/pdf-xref';
import { MalformedFileError } from './errors';

/** One incremental revision: its bytes run from `start` to `end`, just after its `%%EOF`. */
export interface Revision {
  /** 0-based, oldest first. */
  index: number;
  start: number;
  end: number;
  /** `end` plus the end-of-line after `%%EOF`, if any (signers differ on whether they sign it). */
  endWithEol: number;
  xrefOffset: number;
  /** Only this revision's cross-reference section. */
  section: Map<number, XrefEntry | null>;
  trailer: PdfDict;
  size: number;
}

export interface RevisionChain {
  revisions: Revision[];
  /** Bytes after the end of the last revision found from the file's tail. */
  trailingBytes: number;
  /** Object access as of each revision (index as in `revisions`). */
  views: RevisionView[];
}

/** Work limits against hostile files: every loop over file structure is bounded by one of these. */
export const LIMITS = {
  revisions: 64,
  /** Indirect objects parsed per verification, over all revisions. */
  objectsParsed: 20_000,
  /** Cross-reference entries over all sections. */
  xrefEntries: 500_000,
  /** How many `startxref` from the end are tried when the last one is broken (truncated file). */
  tailAttempts: 4,
} as const;

/** Counts parsed objects so that a hostile file cannot make us parse without end. */
export class WorkBudget {
  private objects = 0;

  spendObject(): void {
    if (++this.objects > LIMITS.objectsParsed) throw new MalformedFileError('the file has too many objects to examine');
  }
}

/**
 * Reads the chain of classic cross-reference sections from the end of the file back through
 * /Prev, and cuts the file into revisions at each section's `startxref … %%EOF`. When the file's
 * tail is broken (truncated, or junk appended), the previous `startxref` is tried, so that the
 * intact older revisions can still be examined and the damage reported precisely.
 */
export function readRevisionChain(buf: Uint8Array, budget: WorkBudget): RevisionChain {
  const file = Buffer.from(buf.buffer, buf.byteOffset, buf.length);
  let searchFrom = file.length;
  let lastError: unknown;
  for (let attempt = 0; attempt < LIMITS.tailAttempts; attempt++) {
    const at = file.lastIndexOf('startxref', searchFrom);
    if (at < 0) break;
    searchFrom = at - 1;
    try {
      const tail = readStartxref(file, at);
      const revisions = walkSections(file, tail.offset);
      if (revisions[revisions.length - 1].end !== tail.end) throw new MalformedFileError('the last startxref does not close its own revision');
      return { revisions, trailingBytes: file.length - tail.endWithEol, views: buildViews(file, revisions, budget) };
    } catch (error) {
      lastError ??= error;
    }
  }
  throw asStructureError(lastError ?? new MalformedFileError('the file has no startxref … %%EOF'));
}

/** Parses `startxref <offset> %%EOF` at `at`; returns the offset and where %%EOF (and its end-of-line) ends. */
function readStartxref(file: Buffer, at: number): { offset: number; end: number; endWithEol: number } {
  const lexer = new PdfLexer(file, at);
  lexer.expectKeyword('startxref');
  const offset = lexer.readUnsignedInt('the startxref offset');
  let pos = lexer.pos;
  // Not lexer.skipWhitespace(): it reads "%%EOF" as a comment.
  while (pos < file.length && (file[pos] === 0x20 || file[pos] === 0x0a || file[pos] === 0x0d || file[pos] === 0x09)) pos++;
  if (file.toString('latin1', pos, pos + 5) !== '%%EOF') throw new MalformedFileError(`startxref at byte ${at} is not followed by %%EOF`);
  const end = pos + 5;
  pos = end;
  if (file[pos] === 0x0d) pos++;
  if (file[pos] === 0x0a) pos++;
  return { offset, end, endWithEol: pos };
}

function walkSections(file: Buffer, newestOffset: number): Revision[] {
  const newestFirst: Omit<Revision, 'index' | 'start'>[] = [];
  let entriesSeen = 0;
  let offset: number | undefined = newestOffset;
  while (offset !== undefined) {
    if (newestFirst.length >= LIMITS.revisions) throw new MalformedFileError(`more than ${LIMITS.revisions} revisions`);
    const previous = newestFirst[newestFirst.length - 1];
    // Linearized files (and loops) chain forwards; linearization is legal, so this is "unsupported".
    if (previous && offset >= previous.xrefOffset) throw new MalformedFileError('the /Prev chain does not go backwards through the file (linearized?)', true);
    const section = new Map<number, XrefEntry | null>();
    const trailer = readXrefSection(file, offset, section);
    entriesSeen += section.size;
    if (entriesSeen > LIMITS.xrefEntries) throw new MalformedFileError('too many cross-reference entries');
    if (trailer.entries.has('Encrypt')) throw new MalformedFileError('the PDF is encrypted', true);
    if (trailer.entries.has('XRefStm')) throw new MalformedFileError('hybrid cross-reference (/XRefStm) is not supported', true);
    const close = readStartxref(file, trailerEnd(file, trailer));
    if (close.offset !== offset) throw new MalformedFileError(`the revision at byte ${offset} ends with a startxref pointing elsewhere`);
    const size = trailer.entries.get('Size');
    if (size?.kind !== 'number' || !Number.isInteger(size.value) || size.value < 1) throw new MalformedFileError('a trailer has no valid /Size');
    newestFirst.push({ end: close.end, endWithEol: close.endWithEol, xrefOffset: offset, section, trailer, size: size.value });
    const prev = trailer.entries.get('Prev');
    if (prev !== undefined && (prev.kind !== 'number' || !Number.isInteger(prev.value) || prev.value < 0)) throw new MalformedFileError('a /Prev is not a byte offset');
    offset = prev?.kind === 'number' ? prev.value : undefined;
  }
  const revisions = newestFirst.reverse().map((revision, index, all) => ({ ...revision, index, start: index === 0 ? 0 : all[index - 1].end }));
  for (const revision of revisions) {
    if (revision.xrefOffset < revision.start || revision.end <= revision.xrefOffset) {
      throw new MalformedFileError(`revision ${revision.index + 1} overlaps the one before it`);
    }
  }
  return revisions;
}

/** Where the `startxref` after a trailer dictionary begins. */
function trailerEnd(file: Buffer, trailer: PdfDict): number {
  const lexer = new PdfLexer(file, trailer.end);
  lexer.skipWhitespace();
  return lexer.pos;
}

function buildViews(file: Buffer, revisions: Revision[], budget: WorkBudget): RevisionView[] {
  return revisions.map((revision) => new RevisionView(file, revisions, revision, budget));
}

/** Object access as the document stood at the end of one revision. */
export class RevisionView {
  private readonly cache = new Map<number, PdfIndirectObject>();

  constructor(
    readonly buf: Uint8Array,
    private readonly revisions: readonly Revision[],
    readonly revision: Revision,
    private readonly budget: WorkBudget,
  ) {}

  get trailer(): PdfDict {
    return this.revision.trailer;
  }

  /**
   * The newest cross-reference entry of an object up to this revision (null when freed). Looked
   * up section by section instead of merging maps, so hostile files cost no memory per revision.
   */
  entry(num: number): XrefEntry | null | undefined {
    for (let i = this.revision.index; i >= 0; i--) {
      const entry = this.revisions[i].section.get(num);
      if (entry !== undefined) return entry;
    }
    return undefined;
  }

  /** Whether the object number is in use at this revision. */
  has(num: number): boolean {
    return !!this.entry(num);
  }

  offsetOf(ref: PdfRef): number {
    const entry = this.entry(ref.num);
    if (!entry || entry.gen !== ref.gen) throw new MalformedFileError(`object ${ref.num} ${ref.gen} R does not exist`);
    return entry.offset;
  }

  object(ref: PdfRef): PdfIndirectObject {
    const cached = this.cache.get(ref.num);
    if (cached && cached.gen === ref.gen) return cached;
    const offset = this.offsetOf(ref);
    if (offset >= this.revision.end) throw new MalformedFileError(`object ${ref.num} lies after the end of its revision`);
    this.budget.spendObject();
    let parsed: PdfIndirectObject;
    try {
      parsed = parseIndirectObjectAt(this.buf, offset, ref.num, ref.gen);
    } catch (error) {
      throw asStructureError(error);
    }
    this.cache.set(ref.num, parsed);
    return parsed;
  }

  resolve(node: PdfNode | undefined): PdfNode | undefined {
    return node?.kind === 'ref' ? this.object(node).value : node;
  }

  /** The dictionary at `node` (direct, or through a reference), or undefined when it is something else. */
  dict(node: PdfNode | undefined): PdfDict | undefined {
    const value = this.resolve(node);
    return value?.kind === 'dict' ? value : undefined;
  }
}

/** Wraps a parser error (SigningError from shared/signing) into a MalformedFileError. */
export function asStructureError(error: unknown): MalformedFileError {
  if (error instanceof MalformedFileError) return error;
  const message = (error as Error)?.message ?? String(error);
  const unsupported = /cross-reference stream|encrypted|hybrid/i.test(message);
  return new MalformedFileError(message, unsupported, { cause: error });
}
