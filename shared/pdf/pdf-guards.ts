import { filterNames, inflateBounded, isDelimiter, latin1, PdfLexer, PdfSyntaxError, type PdfDict, type PdfNode } from '../pdf-syntax';
import { OriginalFormatError } from './types';

/**
 * Checks on the raw bytes of a PDF, done before pdf-lib sees them: pdf-lib reads the file front
 * to back, hides encryption behind `ignoreEncryption`, inflates object and cross-reference streams
 * without a size limit, and trusts their `/Index` and `/N` counts. Every search here runs in a
 * bounded window, and each byte is tokenized at most once per kind of search.
 */

/** How far back from a key we look for the `obj`/`trailer` keyword that opens its dictionary. */
const LOOK_BACK = 4096;
/** Largest dictionary we tokenize, and its deepest nesting. */
const MAX_DICT = 64 * 1024;
const MAX_NESTING = 256;
/** Largest inflated size of one object or cross-reference stream, and of all of them together. */
const MAX_INFLATED_STREAM = 64 * 1024 * 1024;
const MAX_INFLATED_TOTAL = 192 * 1024 * 1024;
/** More objects than any real scan has; pdf-lib interns every reference for the process's life. */
const MAX_OBJECTS = 500_000;
const MAX_STRUCTURE_STREAMS = 100_000;

const asBuffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

/** Offset of `%PDF-` within the first 1024 bytes (where readers look for it), or -1. */
export function findPdfHeader(bytes: Uint8Array): number {
  const at = asBuffer(bytes).subarray(0, 1024).indexOf('%PDF-');
  return at >= 0 && bytes[at + 5] >= 0x31 && bytes[at + 5] <= 0x32 ? at : -1;
}

/** Whether `%%EOF` appears in the last 2 KiB: a file cut short in transfer loses it. */
export function hasEndOfFileMarker(bytes: Uint8Array): boolean {
  return asBuffer(bytes).subarray(Math.max(0, bytes.length - 2048)).includes('%%EOF');
}

/** Whether any trailer or cross-reference stream dictionary carries an `/Encrypt` entry. */
export function declaresEncryption(bytes: Uint8Array): boolean {
  for (const { dict, opener } of dictionariesHolding(bytes, '/Encrypt')) {
    if (!dict.entries.has('Encrypt')) continue;
    if (opener === 'trailer' || nameOf(dict.entries.get('Type')) === 'XRef') return true;
  }
  return false;
}

/**
 * Inflates every object stream and cross-reference stream with a hard output limit and checks
 * their counts against their sizes, so that pdf-lib's own parsing stays bounded.
 */
export function checkStructureStreams(bytes: Uint8Array): void {
  let inflatedTotal = 0;
  let objects = 0;
  let streams = 0;
  for (const needle of ['/ObjStm', '/XRef']) {
    for (const { dict } of dictionariesHolding(bytes, needle)) {
      const type = nameOf(dict.entries.get('Type'));
      if (type !== 'ObjStm' && type !== 'XRef') continue;
      if (++streams > MAX_STRUCTURE_STREAMS) throw abnormal();
      const data = streamData(bytes, dict);
      const budget = Math.min(MAX_INFLATED_STREAM, MAX_INFLATED_TOTAL - inflatedTotal);
      const decodedLength = inflatedLength(data, dict, budget);
      inflatedTotal += decodedLength;
      objects += type === 'ObjStm' ? objectStreamCount(dict, decodedLength) : xrefEntryCount(dict, decodedLength);
      if (objects > MAX_OBJECTS) throw abnormal();
    }
  }
}

function abnormal(): OriginalFormatError {
  return new OriginalFormatError('tệp PDF có cấu trúc bất thường (quá nhiều đối tượng hoặc dữ liệu nén quá lớn).');
}

/**
 * Yields each distinct dictionary that contains `needle` as a token, found by looking back for the
 * nearest `obj` or `trailer` keyword. Occurrences inside an already parsed dictionary are skipped.
 */
function* dictionariesHolding(bytes: Uint8Array, needle: string): Generator<{ dict: PdfDict; opener: 'obj' | 'trailer' }> {
  const buf = asBuffer(bytes);
  let coveredUntil = -1;
  for (let at = buf.indexOf(needle); at >= 0; at = buf.indexOf(needle, at + needle.length)) {
    if (at < coveredUntil || !isDelimiter(bytes[at + needle.length])) continue;
    const windowStart = Math.max(0, at - LOOK_BACK);
    const window = buf.subarray(windowStart, at);
    const objAt = window.lastIndexOf('obj');
    const trailerAt = window.lastIndexOf('trailer');
    if (objAt < 0 && trailerAt < 0) continue;
    const opener = trailerAt > objAt ? 'trailer' : 'obj';
    const dictStart = buf.indexOf('<<', windowStart + Math.max(objAt, trailerAt));
    if (dictStart < 0 || dictStart > at) continue;
    const dict = windowedDict(bytes, dictStart);
    if (!dict || dict.end <= at) continue;
    coveredUntil = dict.end;
    yield { dict, opener };
  }
}

/**
 * The dictionary at `start`, read by the layer's lexer inside a fixed window and nesting bound;
 * undefined when it does not parse there. A repeated key is not refused here: the guards look
 * for what any reader might see, so the last value stands in for all of them.
 */
function windowedDict(bytes: Uint8Array, start: number): PdfDict | undefined {
  try {
    const value = new PdfLexer(bytes, start, { end: start + MAX_DICT, maxDepth: MAX_NESTING, duplicateKeys: 'last-wins' }).parseValue();
    return value.kind === 'dict' ? value : undefined;
  } catch (error) {
    if (error instanceof PdfSyntaxError) return undefined;
    throw error;
  }
}

const nameOf = (node: PdfNode | undefined) => (node?.kind === 'name' ? node.value : undefined);

/** A direct non-negative integer, or undefined (an indirect /Length is not followed here). */
const integerOf = (node: PdfNode | undefined) =>
  (node?.kind === 'number' && Number.isSafeInteger(node.value) && node.value >= 0 ? node.value : undefined);

/** The integers of an array value, or undefined if anything else is in it. */
function integersOf(node: PdfNode | undefined): number[] | undefined {
  if (node?.kind !== 'array') return undefined;
  const values = node.items.map(integerOf);
  return values.every((v) => v !== undefined) ? (values as number[]) : undefined;
}

/** The bytes between `stream` and `endstream` that follow a dictionary. */
function streamData(bytes: Uint8Array, dict: PdfDict): Uint8Array {
  const buf = asBuffer(bytes);
  const lexer = new PdfLexer(bytes, dict.end);
  lexer.skipWhitespace();
  const keyword = lexer.pos;
  if (latin1(bytes, keyword, Math.min(bytes.length, keyword + 6)) !== 'stream') throw corrupt();
  let start = keyword + 6;
  if (bytes[start] === 13) start++;
  if (bytes[start] === 10) start++;
  const length = integerOf(dict.entries.get('Length'));
  if (length !== undefined && start + length <= bytes.length) {
    const after = new PdfLexer(bytes, start + length, { end: start + length + 64 });
    after.skipWhitespace();
    if (latin1(bytes, after.pos, Math.min(bytes.length, after.pos + 9)) === 'endstream') return bytes.subarray(start, start + length);
  }
  const end = buf.indexOf('endstream', start);
  if (end < 0) throw corrupt();
  return bytes.subarray(start, end);
}

function corrupt(): OriginalFormatError {
  return new OriginalFormatError('tệp PDF bị hỏng (luồng cấu trúc không đọc được).');
}

/** The decoded size of a structure stream, refusing anything past `budget`. */
function inflatedLength(data: Uint8Array, dict: PdfDict, budget: number): number {
  let filters: string[];
  try {
    filters = filterNames(dict);
  } catch {
    throw corrupt();
  }
  if (filters.length === 0) return data.length;
  if (filters.length !== 1 || (filters[0] !== 'FlateDecode' && filters[0] !== 'Fl')) {
    throw new OriginalFormatError('tệp PDF dùng kiểu nén không được hỗ trợ cho luồng cấu trúc.');
  }
  try {
    return inflateBounded(data, budget).length;
  } catch (error) {
    if (error instanceof PdfSyntaxError && error.code === 'limit') throw abnormal();
    throw corrupt();
  }
}

/** `/N` objects need at least four bytes each (two numbers and separators). */
function objectStreamCount(dict: PdfDict, decodedLength: number): number {
  const n = integerOf(dict.entries.get('N'));
  if (n === undefined || n * 4 > decodedLength) throw corrupt();
  return n;
}

/** pdf-lib loops over every `/Index` entry whether or not the data holds it. */
function xrefEntryCount(dict: PdfDict, decodedLength: number): number {
  const w = integersOf(dict.entries.get('W'));
  const size = integerOf(dict.entries.get('Size'));
  const index = dict.entries.has('Index') ? integersOf(dict.entries.get('Index')) : [0, size ?? -1];
  if (w?.length !== 3 || w.some((x) => x > 8) || !index || index.length % 2 !== 0 || index.some((x) => x < 0)) {
    throw corrupt();
  }
  const rowWidth = w[0] + w[1] + w[2];
  const count = index.reduce((sum, x, i) => (i % 2 === 1 ? sum + x : sum), 0);
  if (rowWidth === 0 || count * rowWidth > decodedLength) throw corrupt();
  return count;
}
