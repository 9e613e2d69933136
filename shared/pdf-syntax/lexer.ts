import { malformed } from './errors';
import type { PdfArray, PdfDict, PdfName, PdfNode, PdfNumber, PdfRef, PdfString } from './objects';

/** Explicit bounds, so that a caller can promise a fixed window and a fixed amount of work. */
export interface LexerLimits {
  /** Exclusive end of the window the lexer may read (default: the end of the buffer). */
  end?: number;
  /** Deepest nesting of dictionaries and arrays (default 64). */
  maxDepth?: number;
  /** A repeated dictionary key: refused (default: readers disagree on which wins) or last wins. */
  duplicateKeys?: 'refuse' | 'last-wins';
}

const WHITESPACE = new Uint8Array(256);
const DELIMITER = new Uint8Array(256);
// §7.2.2: white-space and delimiter characters.
for (const c of [0, 9, 10, 12, 13, 32]) WHITESPACE[c] = DELIMITER[c] = 1;
for (const c of '()<>[]{}/%') DELIMITER[c.charCodeAt(0)] = 1;

/** Value of each hex digit (§7.3.4.3), 255 for any other byte. */
export const HEX_VALUE = new Uint8Array(256).fill(255);
for (let d = 0; d < 16; d++) {
  HEX_VALUE['0123456789abcdef'.charCodeAt(d)] = d;
  HEX_VALUE['0123456789ABCDEF'.charCodeAt(d)] = d;
}

const LT = 0x3c;
const GT = 0x3e;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const UNSIGNED = /^\d+$/;

/** Whether a byte is PDF white-space (§7.2.2). */
export function isPdfWhitespace(b: number): boolean {
  return WHITESPACE[b] === 1;
}

/** Whether byte `c` ends a PDF token (white-space, a delimiter, or the end of the data). */
export function isDelimiter(c: number | undefined): boolean {
  return c === undefined || DELIMITER[c] === 1;
}

/** Latin-1 text of raw bytes (names, numbers and keywords are ASCII). */
export function latin1(b: Uint8Array, start = 0, end = b.length): string {
  // Most tokens are a few bytes: building the string directly avoids a Buffer view per token,
  // which was a tenth of a verification.
  if (end - start <= 24) {
    let text = '';
    for (let i = start; i < end; i++) text += String.fromCharCode(b[i]);
    return text;
  }
  return Buffer.from(b.buffer, b.byteOffset + start, end - start).toString('latin1');
}

/**
 * A hex string (§7.3.4.3), its digits already checked, decoded on first use: a signature's
 * /Contents holds some 16,000 digits and each revision view parses the signature dictionary
 * again, while only the signature check reads the bytes.
 */
class HexString implements PdfString {
  readonly kind = 'string';
  private decoded?: Uint8Array;

  constructor(private readonly source: Uint8Array, readonly start: number, readonly end: number, private readonly bare: boolean) {}

  get bytes(): Uint8Array {
    // Bare digits (our signatures' form) go through Node's native hex decoder.
    this.decoded ??= this.bare
      ? new Uint8Array(Buffer.from(latin1(this.source, this.start + 1, this.end - 1), 'hex'))
      : decodeHex(this.source, this.start + 1, this.end - 1);
    return this.decoded;
  }
}

/** Digits between `from` and `to`, white-space skipped, an odd last digit followed by 0 (§7.3.4.3). */
function decodeHex(buf: Uint8Array, from: number, to: number): Uint8Array {
  const bytes = new Uint8Array((to - from + 1) >> 1);
  let length = 0;
  let high = -1;
  for (let i = from; i < to; i++) {
    const value = HEX_VALUE[buf[i]];
    if (value === 255) continue; // white-space: anything else was refused by the lexer
    if (high < 0) high = value;
    else {
      bytes[length++] = (high << 4) | value;
      high = -1;
    }
  }
  if (high >= 0) bytes[length++] = high << 4;
  return bytes.subarray(0, length);
}

interface Frame {
  node: PdfDict | PdfArray;
  key?: string;
}

/**
 * A cursor over PDF bytes (§7.2–7.3) that never reads past `end` and never recurses: nesting is
 * an explicit stack bounded by `maxDepth`. Every failure is a 'malformed' PdfSyntaxError naming
 * the byte offset.
 */
export class PdfLexer {
  pos: number;
  readonly end: number;
  private readonly maxDepth: number;
  private readonly keepLastKey: boolean;

  constructor(readonly buf: Uint8Array, pos = 0, limits: LexerLimits = {}) {
    this.pos = pos;
    this.end = Math.min(buf.length, limits.end ?? buf.length);
    this.maxDepth = limits.maxDepth ?? 64;
    this.keepLastKey = limits.duplicateKeys === 'last-wins';
  }

  /** Throws a 'malformed' error naming the current offset. */
  fail(what: string): never {
    throw malformed(`Cannot parse the PDF: ${what} at byte ${this.pos}.`);
  }

  /** Skips white-space and comments (§7.2.3). */
  skipWhitespace(): void {
    const { buf, end } = this;
    while (this.pos < end) {
      const b = buf[this.pos];
      if (WHITESPACE[b]) this.pos++;
      else if (b === 0x25) {
        while (this.pos < end && buf[this.pos] !== 0x0a && buf[this.pos] !== 0x0d) this.pos++;
      } else break;
    }
  }

  /** Reads a run of regular characters (a keyword or a number) without skipping white-space. */
  readToken(): string {
    const start = this.pos;
    while (this.pos < this.end && !DELIMITER[this.buf[this.pos]]) this.pos++;
    return latin1(this.buf, start, this.pos);
  }

  /** Reads a non-negative integer token, as used by xref tables and object headers. */
  readUnsignedInt(what: string): number {
    this.skipWhitespace();
    const token = this.readToken();
    if (!/^\d{1,15}$/.test(token)) this.fail(`expected ${what}, found "${token.slice(0, 20)}"`);
    return Number(token);
  }

  /** Reads the next token and fails unless it is `keyword`. */
  expectKeyword(keyword: string): void {
    this.skipWhitespace();
    const token = this.readToken();
    if (token !== keyword) this.fail(`expected "${keyword}", found "${token.slice(0, 20)}"`);
  }

  /** Parses one value; dictionaries and arrays are built on an explicit stack. */
  parseValue(): PdfNode {
    const stack: Frame[] = [];
    for (;;) {
      this.skipWhitespace();
      const top = stack[stack.length - 1];
      const closed = top ? this.closeOrKey(top) : undefined;
      if (closed === null) continue; // a dictionary key was read
      let value: PdfNode;
      if (closed) {
        stack.pop();
        value = closed;
      } else {
        if (this.pos >= this.end) this.fail(top ? `unterminated ${top.node.kind === 'dict' ? 'dictionary' : 'array'}` : 'unexpected end of file');
        const opened = this.open();
        if (opened) {
          if (stack.length >= this.maxDepth) this.fail('objects nested too deeply');
          stack.push({ node: opened });
          continue;
        }
        value = this.parseAtom();
      }
      const parent = stack[stack.length - 1];
      if (!parent) return value;
      if (parent.node.kind === 'array') parent.node.items.push(value);
      else {
        parent.node.entries.set(parent.key!, value);
        parent.key = undefined;
      }
    }
  }

  /** At the top of a container: its closed node, null after reading a key, undefined for a value. */
  private closeOrKey(top: Frame): PdfDict | PdfArray | null | undefined {
    const { buf } = this;
    const b = buf[this.pos];
    if (top.node.kind === 'array') {
      if (b !== 0x5d || this.pos >= this.end) return undefined;
      this.pos += 1;
      top.node.end = this.pos;
      return top.node;
    }
    if (top.key !== undefined) return undefined;
    if (this.pos + 1 >= this.end) this.fail('unterminated dictionary');
    if (b === GT && buf[this.pos + 1] === GT) {
      this.pos += 2;
      top.node.end = this.pos;
      return top.node;
    }
    if (b !== 0x2f) this.fail('expected a name as dictionary key');
    const key = this.parseName().value;
    if (!this.keepLastKey && top.node.entries.has(key)) this.fail(`duplicate dictionary key /${key}`);
    top.key = key;
    return null;
  }

  private open(): PdfDict | PdfArray | undefined {
    const { buf, pos: start } = this;
    if (buf[start] === LT && buf[start + 1] === LT && start + 1 < this.end) {
      this.pos += 2;
      return { kind: 'dict', entries: new Map(), start, end: start };
    }
    if (buf[start] === 0x5b) {
      this.pos += 1;
      return { kind: 'array', items: [], start, end: start };
    }
    return undefined;
  }

  private parseAtom(): PdfNode {
    const start = this.pos;
    const b = this.buf[start];
    if (b === LT) return this.parseHexString();
    if (b === 0x28) return this.parseLiteralString();
    if (b === 0x2f) return this.parseName();
    const token = this.readToken();
    if (token === 'true' || token === 'false') return { kind: 'bool', value: token === 'true', start, end: this.pos };
    if (token === 'null') return { kind: 'null', value: null, start, end: this.pos };
    if (NUMBER.test(token)) return this.numberOrRef(token, start);
    this.pos = start;
    return this.fail(`unexpected token "${token.slice(0, 20) || String.fromCharCode(b)}"`);
  }

  private numberOrRef(token: string, start: number): PdfNumber | PdfRef {
    const number: PdfNumber = { kind: 'number', value: Number(token), start, end: this.pos };
    if (!UNSIGNED.test(token)) return number;
    // "12 0 R" is a reference (§7.3.10): look ahead two tokens, and rewind if they are something else.
    const afterFirst = this.pos;
    this.skipWhitespace();
    const gen = this.readToken();
    if (UNSIGNED.test(gen)) {
      this.skipWhitespace();
      if (this.readToken() === 'R') return { kind: 'ref', num: Number(token), gen: Number(gen), start, end: this.pos };
    }
    this.pos = afterFirst;
    return number;
  }

  private parseName(): PdfName {
    const start = this.pos;
    this.pos += 1;
    const raw = this.readToken();
    // #xx escapes (§7.3.5); names are byte strings, latin1 keeps them one char per byte.
    const value = raw.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return { kind: 'name', value, start, end: this.pos };
  }

  private parseHexString(): PdfString {
    const start = this.pos;
    const { buf } = this;
    const close = buf.subarray(0, this.end).indexOf(GT, start);
    if (close < 0) this.fail('unterminated hex string');
    // §7.3.4.3: digits and white-space only. Checked now, decoded when first read (HexString).
    let bare = (close - start - 1) % 2 === 0;
    for (let i = start + 1; i < close; i++) {
      if (HEX_VALUE[buf[i]] !== 255) continue;
      if (WHITESPACE[buf[i]] !== 1) this.fail('invalid hex string');
      bare = false;
    }
    this.pos = close + 1;
    return new HexString(buf, start, this.pos, bare);
  }

  private parseLiteralString(): PdfString {
    const start = this.pos;
    const { buf, end } = this;
    const out: number[] = [];
    let depth = 0;
    this.pos += 1;
    for (;;) {
      if (this.pos >= end) this.fail('unterminated string');
      const b = buf[this.pos++];
      if (b === 0x5c) this.pos = readEscape(buf, this.pos, out);
      else if (b === 0x28) {
        depth++;
        out.push(b);
      } else if (b === 0x29) {
        if (depth === 0) break;
        depth--;
        out.push(b);
      } else if (b === 0x0d) { // an unescaped end-of-line inside a string reads as \n (§7.3.4.2)
        if (buf[this.pos] === 0x0a) this.pos++;
        out.push(0x0a);
      } else out.push(b);
    }
    return { kind: 'string', bytes: Uint8Array.from(out), start, end: this.pos };
  }
}

const ESCAPES: Record<number, number> = {
  0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c,
};

/** Decodes the escape after a backslash into `out` (§7.3.4.2); returns the position after it. */
function readEscape(buf: Uint8Array, pos: number, out: number[]): number {
  const c = buf[pos];
  if (c in ESCAPES) {
    out.push(ESCAPES[c]);
    return pos + 1;
  }
  if (c >= 0x30 && c <= 0x37) {
    let value = 0;
    let i = pos;
    while (i < pos + 3 && buf[i] >= 0x30 && buf[i] <= 0x37) value = value * 8 + (buf[i++] - 0x30);
    out.push(value & 0xff);
    return i;
  }
  if (c === 0x0d) return buf[pos + 1] === 0x0a ? pos + 2 : pos + 1; // line continuation
  if (c === 0x0a) return pos + 1;
  return pos; // an unknown escape: the backslash is dropped, the character kept
}
