/**
 * A tiny, bounded tokenizer for PDF dictionaries in raw bytes. It lets the guards in
 * pdf-guards.ts look at trailers and stream dictionaries before (and independently of) pdf-lib,
 * without ever recursing or scanning past a fixed window.
 */

const WHITESPACE = new Uint8Array(256);
const DELIMITER = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) WHITESPACE[c] = DELIMITER[c] = 1;
for (const c of '()<>[]{}/%') DELIMITER[c.charCodeAt(0)] = 1;

const LT = 0x3c;
const GT = 0x3e;
const MAX_NESTING = 256;

/** A parsed dictionary: its top-level keys with their raw value bytes, and where it ends. */
export interface RawDict {
  end: number;
  entries: Map<string, Uint8Array>;
}

/** Whether byte `c` ends a PDF token. */
export function isDelimiter(c: number | undefined): boolean {
  return c === undefined || DELIMITER[c] === 1;
}

/** Skips whitespace and comments from `p`; returns the next position (≤ end). */
export function skipSpace(b: Uint8Array, p: number, end: number): number {
  while (p < end) {
    if (WHITESPACE[b[p]]) p++;
    else if (b[p] === 0x25) while (p < end && b[p] !== 10 && b[p] !== 13) p++;
    else break;
  }
  return p;
}

/** The end (exclusive) of the token or balanced composite object starting at `p`, or -1. */
export function objectEnd(b: Uint8Array, p: number, end: number): number {
  const c = b[p];
  if (c === 0x5b || (c === LT && b[p + 1] === LT)) return balancedEnd(b, p, end);
  return simpleTokenEnd(b, p, end);
}

function simpleTokenEnd(b: Uint8Array, p: number, end: number): number {
  const c = b[p];
  if (p >= end) return -1;
  if (c === 0x28) return literalStringEnd(b, p, end);
  if (c === LT) {
    for (let i = p + 1; i < end; i++) if (b[i] === GT) return i + 1;
    return -1;
  }
  if (c === 0x2f) {
    let i = p + 1;
    while (i < end && !DELIMITER[b[i]]) i++;
    return i;
  }
  if (DELIMITER[c]) return -1;
  let i = p;
  while (i < end && !DELIMITER[b[i]]) i++;
  return i;
}

function literalStringEnd(b: Uint8Array, p: number, end: number): number {
  let depth = 0;
  for (let i = p; i < end; i++) {
    const c = b[i];
    if (c === 0x5c) i++;
    else if (c === 0x28) depth++;
    else if (c === 0x29 && --depth === 0) return i + 1;
  }
  return -1;
}

function balancedEnd(b: Uint8Array, p: number, end: number): number {
  let depth = 0;
  let i = p;
  while (i < end) {
    i = skipSpace(b, i, end);
    const c = b[i];
    if ((c === LT && b[i + 1] === LT) || c === 0x5b) {
      if (++depth > MAX_NESTING) return -1;
      i += c === 0x5b ? 1 : 2;
    } else if ((c === GT && b[i + 1] === GT) || c === 0x5d) {
      i += c === 0x5d ? 1 : 2;
      if (--depth === 0) return i;
      if (depth < 0) return -1;
    } else {
      const e = simpleTokenEnd(b, i, end);
      if (e < 0) return -1;
      i = e;
    }
  }
  return -1;
}

/** Parses the dictionary starting with `<<` at `start`, looking at most `maxLen` bytes. */
export function parseRawDict(b: Uint8Array, start: number, maxLen: number): RawDict | undefined {
  const end = Math.min(b.length, start + maxLen);
  if (b[start] !== LT || b[start + 1] !== LT) return undefined;
  const entries = new Map<string, Uint8Array>();
  let i = start + 2;
  for (;;) {
    i = skipSpace(b, i, end);
    if (i >= end) return undefined;
    if (b[i] === GT && b[i + 1] === GT) return { end: i + 2, entries };
    if (b[i] !== 0x2f) return undefined;
    const keyEnd = simpleTokenEnd(b, i, end);
    const key = latin1(b.subarray(i + 1, keyEnd));
    const valueStart = skipSpace(b, keyEnd, end);
    let valueEnd = objectEnd(b, valueStart, end);
    if (valueEnd < 0) return undefined;
    valueEnd = extendToReference(b, valueStart, valueEnd, end);
    entries.set(key, b.subarray(valueStart, valueEnd));
    i = valueEnd;
  }
}

/** `12 0 R` is one value made of three tokens. */
function extendToReference(b: Uint8Array, start: number, e: number, end: number): number {
  if (!isInteger(b.subarray(start, e))) return e;
  const g = skipSpace(b, e, end);
  const gEnd = simpleTokenEnd(b, g, end);
  if (gEnd < 0 || !isInteger(b.subarray(g, gEnd))) return e;
  const r = skipSpace(b, gEnd, end);
  return b[r] === 0x52 && isDelimiter(b[r + 1]) ? r + 1 : e;
}

function isInteger(t: Uint8Array): boolean {
  if (t.length === 0 || t.length > 12) return false;
  for (const c of t) if (c < 0x30 || c > 0x39) return false;
  return true;
}

/** Latin-1 text of raw bytes (names and numbers are ASCII). */
export function latin1(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
}

/** The integers of a raw value such as `12`, `[0 5 20 3]`; undefined if anything else is in it. */
export function rawIntegers(raw: Uint8Array | undefined): number[] | undefined {
  if (!raw) return undefined;
  const text = latin1(raw).trim().replace(/^\[|\]$/g, '').trim();
  if (text === '') return [];
  const parts = text.split(/\s+/);
  return parts.every((p) => /^\d{1,12}$/.test(p)) ? parts.map(Number) : undefined;
}

/** The raw value as compact text (whitespace removed), e.g. `/FlateDecode` or `[/Fl]`. */
export function rawCompact(raw: Uint8Array | undefined): string | undefined {
  return raw ? latin1(raw).replace(/\s+/g, '') : undefined;
}
