import {
  PDFName,
  PDFObjectParser,
  PDFRef,
  PDFParser,
  PDFXRefStreamParser,
  type PDFContext,
  type PDFDict,
} from 'pdf-lib';
import { OriginalFormatError } from './types';

/**
 * pdf-lib's parser with a budget. pdf-lib turns every token of a PDF's structure into a JS object
 * (~90 bytes each) and interns every name and reference in process-wide pools that are never
 * emptied: a 20 MB file holding two million distinct names cost ~350 MB that a warm Lambda kept.
 * For the contexts parsed here (and no others in the process) pdf-lib internals are wrapped:
 * - `parseObject` counts every object against a per-document budget (bounds time and memory);
 * - `parseName`, `parseNumberOrRef` and `parseIndirectObjectHeader` count the names and
 *   references the process had not seen before (bounds what stays in the pools);
 * - cross-reference tables are skipped instead of parsed (pdf-lib reads objects sequentially and
 *   discards the table, but interns one reference per entry while reading it);
 * - cross-reference streams only set the trailer entries, for the same reason.
 * pdf-lib is pinned at 1.17.1 (its last release); test/unit/pdf covers these paths.
 */
export interface ParseBudget {
  /** Objects of any kind (numbers, names, strings, arrays, dictionaries, references). */
  objects: number;
  /** Names not seen before by this process. */
  newNames: number;
  /** References (`n g R`, `n g obj`) not seen before by this process. */
  newRefs: number;
}

/**
 * Far above a 1000-page born-digital document (a 200-page scan uses ~20 000 objects, a few hundred
 * distinct names); worst case ~140 MB while parsing and ~60 MB left in pdf-lib's pools.
 */
export const DEFAULT_PARSE_BUDGET: ParseBudget = { objects: 1_500_000, newNames: 100_000, newRefs: 300_000 };

interface Guard {
  left: ParseBudget;
  /** Ends the document parser for good (pdf-lib rewinds and retries after some errors). */
  stop(): void;
}

const budgets = new WeakMap<PDFContext, Guard>();
let installed = false;

interface ParserInternals {
  context: PDFContext;
  bytes: { done(): boolean; peek(): number; next(): number; moveTo(offset: number): void };
  skipWhitespaceAndComments(): void;
  matchKeyword(keyword: number[]): boolean;
}

const XREF = [...'xref'].map((c) => c.charCodeAt(0));
const XREF_TABLE_BYTE = new Uint8Array(256);
for (const c of '0123456789 \t\r\n\f\0nf') XREF_TABLE_BYTE[c.charCodeAt(0)] = 1;

/** Interned objects this process has already counted (they are never freed, so neither is this). */
const seen = new WeakSet<object>();

/**
 * Charges one unit to the parser's document; past the budget it also stops the document parser,
 * because pdf-lib swallows some errors (while looking for the next object it rewinds and tries
 * again one byte further) and would otherwise crawl on through the file.
 */
function spend(parser: ParserInternals, key: keyof ParseBudget): void {
  const guard = budgets.get(parser.context);
  if (guard && --guard.left[key] < 0) {
    guard.stop();
    throw overBudget();
  }
}

function spendIfNew(parser: ParserInternals, key: 'newNames' | 'newRefs', interned: unknown): void {
  if (!budgets.has(parser.context) || typeof interned !== 'object' || interned === null || seen.has(interned)) return;
  seen.add(interned);
  spend(parser, key);
}

function overBudget(): OriginalFormatError {
  return new OriginalFormatError('tệp PDF có cấu trúc bất thường (quá nhiều đối tượng).');
}

function install(): void {
  if (installed) return;
  installed = true;
  type Method = (this: ParserInternals) => unknown;
  const objectParser = PDFObjectParser.prototype as unknown as Record<'parseObject' | 'parseName' | 'parseNumberOrRef', Method>;
  const parseObject = objectParser.parseObject;
  objectParser.parseObject = function parseObjectWithBudget(this: ParserInternals) {
    spend(this, 'objects');
    return parseObject.call(this);
  };
  const parseName = objectParser.parseName;
  objectParser.parseName = function parseNameWithBudget(this: ParserInternals) {
    const name = parseName.call(this);
    spendIfNew(this, 'newNames', name);
    return name;
  };
  const parseNumberOrRef = objectParser.parseNumberOrRef;
  objectParser.parseNumberOrRef = function parseNumberOrRefWithBudget(this: ParserInternals) {
    const value = parseNumberOrRef.call(this);
    if (value instanceof PDFRef) spendIfNew(this, 'newRefs', value);
    return value;
  };

  const documentParser = PDFParser.prototype as unknown as Record<'maybeParseCrossRefSection' | 'parseIndirectObjectHeader', Method>;
  const parseHeader = documentParser.parseIndirectObjectHeader;
  documentParser.parseIndirectObjectHeader = function parseHeaderWithBudget(this: ParserInternals) {
    const ref = parseHeader.call(this);
    spendIfNew(this, 'newRefs', ref);
    return ref;
  };
  const parseXrefTable = documentParser.maybeParseCrossRefSection;
  documentParser.maybeParseCrossRefSection = function skipXrefTable(this: ParserInternals) {
    if (!budgets.has(this.context)) return parseXrefTable.call(this);
    this.skipWhitespaceAndComments();
    if (!this.matchKeyword(XREF)) return undefined;
    while (!this.bytes.done() && XREF_TABLE_BYTE[this.bytes.peek()]) this.bytes.next();
    return undefined;
  };

  const xrefStreamParser = PDFXRefStreamParser.prototype as unknown as Record<'parseIntoContext', (this: { context: PDFContext; dict: PDFDict; alreadyParsed: boolean }) => unknown>;
  const parseXrefStream = xrefStreamParser.parseIntoContext;
  xrefStreamParser.parseIntoContext = function xrefStreamTrailerOnly(this: { context: PDFContext; dict: PDFDict; alreadyParsed: boolean }) {
    if (!budgets.has(this.context)) return parseXrefStream.call(this);
    this.alreadyParsed = true;
    const get = (key: string) => this.dict.get(PDFName.of(key));
    this.context.trailerInfo = { Root: get('Root'), Encrypt: get('Encrypt'), Info: get('Info'), ID: get('ID') };
    return [];
  };
}

/** Parses a PDF's objects into a context, within `budget`; throws OriginalFormatError past it. */
export async function parsePdfBounded(bytes: Uint8Array, budget: ParseBudget = DEFAULT_PARSE_BUDGET): Promise<PDFContext> {
  install();
  const parser = PDFParser.forBytesWithOptions(bytes, Infinity, true, false);
  const context = (parser as unknown as ParserInternals).context;
  const left = { ...budget };
  const stream = (parser as unknown as ParserInternals).bytes;
  const stop = () => {
    stream.moveTo(Number.MAX_SAFE_INTEGER);
    Object.assign(stream, { done: () => true, moveTo: () => undefined });
  };
  budgets.set(context, { left, stop });
  const exhausted = () => Object.values(left).some((n) => n < 0);
  try {
    const parsed = await parser.parseDocument();
    if (exhausted()) throw overBudget();
    return parsed;
  } catch (error) {
    // pdf-lib catches errors inside objects and rethrows its own: say what really happened.
    if (exhausted()) throw overBudget();
    throw error;
  } finally {
    budgets.delete(context);
  }
}
