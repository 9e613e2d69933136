import { malformed } from './errors';

/**
 * PDF values (ISO 32000-1 §7.3). Every node keeps its byte span in the bytes it was parsed from,
 * so callers can splice text into the original bytes instead of re-serialising: the objects
 * rewritten by an incremental update stay byte-for-byte what they were, apart from the change.
 */
export interface Span {
  start: number;
  /** Exclusive. */
  end: number;
}
export interface PdfDict extends Span { kind: 'dict'; entries: Map<string, PdfNode> }
export interface PdfArray extends Span { kind: 'array'; items: PdfNode[] }
export interface PdfName extends Span { kind: 'name'; value: string }
export interface PdfNumber extends Span { kind: 'number'; value: number }
export interface PdfRef extends Span { kind: 'ref'; num: number; gen: number }
export interface PdfString extends Span { kind: 'string'; bytes: Uint8Array }
export interface PdfKeyword extends Span { kind: 'bool' | 'null'; value: boolean | null }
export type PdfNode = PdfDict | PdfArray | PdfName | PdfNumber | PdfRef | PdfString | PdfKeyword;

export interface PdfIndirectObject {
  num: number;
  gen: number;
  value: PdfNode;
  /** Whether `stream` follows the dictionary. */
  isStream: boolean;
  /** The bytes the spans of `value` index: the file, or the decoded object stream holding it. */
  source: Uint8Array;
  /** Offset of the stream data in `source` (just after `stream` and its end-of-line). */
  streamStart?: number;
}

/** The dictionary entry `key` if it has the expected kind, undefined if absent; throws otherwise. */
export function dictEntry<K extends PdfNode['kind']>(dict: PdfDict, key: string, ...kinds: K[]): Extract<PdfNode, { kind: K }> | undefined {
  const node = dict.entries.get(key);
  if (node === undefined || node.kind === 'null') return undefined;
  if (!(kinds as string[]).includes(node.kind)) {
    throw malformed(`/${key} at byte ${node.start} is a ${node.kind}, expected ${kinds.join(' or ')}`);
  }
  return node as Extract<PdfNode, { kind: K }>;
}

/** A non-negative integer entry, or undefined when absent; throws when it is anything else. */
export function integerEntry(dict: PdfDict, key: string): number | undefined {
  const node = dictEntry(dict, key, 'number');
  if (node === undefined) return undefined;
  if (!Number.isSafeInteger(node.value) || node.value < 0) throw malformed(`/${key} at byte ${node.start} is not a non-negative integer`);
  return node.value;
}

/** The value of a name entry, or undefined when absent. */
export function nameValue(dict: PdfDict, key: string): string | undefined {
  return dictEntry(dict, key, 'name')?.value;
}

/** Raw bytes of a node as latin1 text, for copying values (/Root, /Info, /ID) verbatim. */
export function rawBytes(buf: Uint8Array, node: Span): string {
  return Buffer.from(buf.buffer, buf.byteOffset + node.start, node.end - node.start).toString('latin1');
}

/** A reference node built from numbers, for lookups that did not come from parsing. */
export function refTo(num: number, gen: number): PdfRef {
  return { kind: 'ref', num, gen, start: 0, end: 0 };
}
