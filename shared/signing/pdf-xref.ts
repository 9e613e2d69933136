import { SigningError } from './errors';
import { PdfLexer, type PdfDict, type PdfNode } from './pdf-syntax';

/** Where the newest version of an object lives; null marks an object freed by a later revision. */
export interface XrefEntry {
  offset: number;
  gen: number;
}

export interface XrefIndex {
  /** Newest entry per object number, merged over every revision. */
  entries: Map<number, XrefEntry | null>;
  /** The trailer of the last revision. */
  trailer: PdfDict;
  /** Byte offset of the last revision's `xref` keyword: the new revision's /Prev. */
  startxref: number;
  /** /Size of the last trailer: the first free object number. */
  size: number;
}

const MAX_REVISIONS = 1000;
/** startxref and %%EOF must be near the end; 1 KB is what most readers search too. */
const TAIL_WINDOW = 1024;

/** Reads the classic cross-reference tables of every revision, newest first, and merges them. */
export function readXrefIndex(buf: Uint8Array): XrefIndex {
  const startxref = findStartxref(buf);
  const entries = new Map<number, XrefEntry | null>();
  const seen = new Set<number>();
  let trailer: PdfDict | undefined;
  let offset: number | undefined = startxref;
  while (offset !== undefined) {
    if (seen.has(offset) || seen.size >= MAX_REVISIONS) {
      throw new SigningError('unsupported-pdf', `The /Prev chain of cross-reference sections loops at byte ${offset}.`);
    }
    seen.add(offset);
    const section = readXrefSection(buf, offset, entries);
    trailer ??= section;
    offset = prevOffset(section);
  }
  if (!trailer) throw new SigningError('unsupported-pdf', 'The PDF has no trailer.');
  rejectUnsupportedTrailer(trailer);
  const sizeNode = trailer.entries.get('Size');
  if (sizeNode?.kind !== 'number' || !Number.isInteger(sizeNode.value) || sizeNode.value < 1) {
    throw new SigningError('unsupported-pdf', 'The trailer has no valid /Size.');
  }
  for (const num of entries.keys()) {
    // New objects are numbered from /Size on; a larger existing number would be overwritten.
    if (num >= sizeNode.value) throw new SigningError('unsupported-pdf', `Object ${num} lies beyond the trailer /Size ${sizeNode.value}.`);
  }
  return { entries, trailer, startxref, size: sizeNode.value };
}

function findStartxref(buf: Uint8Array): number {
  const tail = Buffer.from(buf.buffer, buf.byteOffset, buf.length).subarray(Math.max(0, buf.length - TAIL_WINDOW));
  const at = tail.lastIndexOf('startxref');
  if (at < 0 || tail.indexOf('%%EOF', at) < 0) {
    throw new SigningError('unsupported-pdf', 'The PDF does not end with startxref … %%EOF.');
  }
  const lexer = new PdfLexer(buf, buf.length - tail.length + at + 'startxref'.length);
  return lexer.readUnsignedInt('the startxref offset');
}

/** Parses one `xref … trailer <<…>>` section into `entries` (older entries never overwrite newer); exported for the verifier, which reads revisions one by one. */
export function readXrefSection(buf: Uint8Array, offset: number, entries: Map<number, XrefEntry | null>): PdfDict {
  const lexer = new PdfLexer(buf, offset);
  if (offset >= buf.length) lexer.fail('startxref points outside the file');
  lexer.skipWhitespace();
  const keyword = lexer.readToken();
  if (keyword !== 'xref') {
    if (/^\d+$/.test(keyword)) {
      throw new SigningError('unsupported-pdf',
        'The PDF uses a cross-reference stream (PDF 1.5 object streams); save it with pdf-lib `useObjectStreams: false`.');
    }
    lexer.fail('startxref does not point at an xref table');
  }
  for (;;) {
    lexer.skipWhitespace();
    const mark = lexer.pos;
    if (lexer.readToken() === 'trailer') break;
    lexer.pos = mark;
    const first = lexer.readUnsignedInt('the first object number of an xref subsection');
    const count = lexer.readUnsignedInt('the entry count of an xref subsection');
    for (let i = 0; i < count; i++) readXrefEntry(lexer, first + i, entries);
  }
  const trailer = lexer.parseValue();
  if (trailer.kind !== 'dict') throw new SigningError('unsupported-pdf', `The trailer at byte ${trailer.start} is not a dictionary.`);
  return trailer;
}

function readXrefEntry(lexer: PdfLexer, num: number, entries: Map<number, XrefEntry | null>): void {
  const offset = lexer.readUnsignedInt('an xref entry offset');
  const gen = lexer.readUnsignedInt('an xref entry generation');
  lexer.skipWhitespace();
  const type = lexer.readToken();
  if (type !== 'n' && type !== 'f') lexer.fail(`xref entry type "${type}" for object ${num}`);
  if (entries.has(num)) return;
  entries.set(num, type === 'n' ? { offset, gen } : null);
}

function prevOffset(trailer: PdfDict): number | undefined {
  const prev = trailer.entries.get('Prev');
  if (prev === undefined) return undefined;
  if (prev.kind !== 'number' || !Number.isInteger(prev.value) || prev.value < 0) {
    throw new SigningError('unsupported-pdf', 'The trailer /Prev is not a byte offset.');
  }
  return prev.value;
}

function rejectUnsupportedTrailer(trailer: PdfDict): void {
  if (trailer.entries.has('Encrypt')) {
    throw new SigningError('unsupported-pdf', 'The PDF is encrypted; only unencrypted PDFs can be signed.');
  }
  // A hybrid file hides objects in streams that only the /XRefStm knows; we read tables only.
  if (trailer.entries.has('XRefStm')) {
    throw new SigningError('unsupported-pdf', 'The PDF is a hybrid-reference file (/XRefStm); save it without object streams.');
  }
  if (trailer.entries.get('Root')?.kind !== 'ref') {
    throw new SigningError('unsupported-pdf', 'The trailer has no /Root reference.');
  }
}

/** Raw bytes of a node, for copying trailer values (/Root, /Info, /ID) verbatim. */
export function rawBytes(buf: Uint8Array, node: PdfNode): string {
  return Buffer.from(buf.buffer, buf.byteOffset + node.start, node.end - node.start).toString('latin1');
}
