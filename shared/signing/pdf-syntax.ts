import { SigningError } from './errors';

/**
 * A minimal reader for PDF objects (ISO 32000-1 §7.3). Every node keeps its byte span in the
 * file so callers can splice text into the original bytes instead of re-serialising: the objects
 * rewritten by an incremental update stay byte-for-byte what they were, apart from the change.
 */
interface Span {
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
  /** Whether `stream` follows the dictionary (we never need stream data, only its absence). */
  isStream: boolean;
}

const MAX_DEPTH = 64;
const CHAR = (c: string) => c.charCodeAt(0);

/** Whether a byte is PDF white-space (§7.2.2). */
export function isPdfWhitespace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00;
}

function isDelimiter(b: number): boolean {
  return b === 0x28 || b === 0x29 || b === 0x3c || b === 0x3e || b === 0x5b || b === 0x5d
    || b === 0x7b || b === 0x7d || b === 0x2f || b === 0x25;
}

function isRegular(b: number): boolean {
  return !isPdfWhitespace(b) && !isDelimiter(b);
}

/** A cursor over the file bytes; every failure is a SigningError naming the byte offset. */
export class PdfLexer {
  pos: number;

  constructor(readonly buf: Uint8Array, pos = 0) {
    this.pos = pos;
  }

  fail(what: string): never {
    throw new SigningError('unsupported-pdf', `Cannot parse the PDF: ${what} at byte ${this.pos}.`);
  }

  skipWhitespace(): void {
    const { buf } = this;
    while (this.pos < buf.length) {
      const b = buf[this.pos];
      if (isPdfWhitespace(b)) this.pos++;
      else if (b === 0x25) { // a comment runs to the end of the line
        while (this.pos < buf.length && buf[this.pos] !== 0x0a && buf[this.pos] !== 0x0d) this.pos++;
      } else break;
    }
  }

  /** Reads a run of regular characters (a keyword or a number) without skipping white-space. */
  readToken(): string {
    const start = this.pos;
    while (this.pos < this.buf.length && isRegular(this.buf[this.pos])) this.pos++;
    return Buffer.from(this.buf.buffer, this.buf.byteOffset + start, this.pos - start).toString('latin1');
  }

  /** Reads a non-negative integer token, as used by xref tables and object headers. */
  readUnsignedInt(what: string): number {
    this.skipWhitespace();
    const token = this.readToken();
    if (!/^\d{1,15}$/.test(token)) this.fail(`expected ${what}, found "${token.slice(0, 20)}"`);
    return Number(token);
  }

  expectKeyword(keyword: string): void {
    this.skipWhitespace();
    const token = this.readToken();
    if (token !== keyword) this.fail(`expected "${keyword}", found "${token.slice(0, 20)}"`);
  }

  parseValue(depth = 0): PdfNode {
    if (depth > MAX_DEPTH) this.fail('objects nested too deeply');
    this.skipWhitespace();
    const { buf } = this;
    const start = this.pos;
    if (start >= buf.length) this.fail('unexpected end of file');
    const b = buf[start];
    if (b === CHAR('<') && buf[start + 1] === CHAR('<')) return this.parseDict(depth);
    if (b === CHAR('<')) return this.parseHexString();
    if (b === CHAR('[')) return this.parseArray(depth);
    if (b === CHAR('(')) return this.parseLiteralString();
    if (b === CHAR('/')) return this.parseName();
    const token = this.readToken();
    if (token === 'true' || token === 'false') return { kind: 'bool', value: token === 'true', start, end: this.pos };
    if (token === 'null') return { kind: 'null', value: null, start, end: this.pos };
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(token)) return this.numberOrRef(token, start);
    this.pos = start;
    return this.fail(`unexpected token "${token.slice(0, 20) || String.fromCharCode(b)}"`);
  }

  private numberOrRef(token: string, start: number): PdfNumber | PdfRef {
    const number: PdfNumber = { kind: 'number', value: Number(token), start, end: this.pos };
    if (!/^\d+$/.test(token)) return number;
    // "12 0 R" is a reference: look ahead two tokens, and rewind if they are something else.
    const afterFirst = this.pos;
    this.skipWhitespace();
    const gen = this.readToken();
    if (/^\d+$/.test(gen)) {
      this.skipWhitespace();
      if (this.readToken() === 'R') {
        return { kind: 'ref', num: Number(token), gen: Number(gen), start, end: this.pos };
      }
    }
    this.pos = afterFirst;
    return number;
  }

  private parseDict(depth: number): PdfDict {
    const start = this.pos;
    this.pos += 2;
    const entries = new Map<string, PdfNode>();
    for (;;) {
      this.skipWhitespace();
      if (this.pos + 1 >= this.buf.length) this.fail('unterminated dictionary');
      if (this.buf[this.pos] === CHAR('>') && this.buf[this.pos + 1] === CHAR('>')) {
        this.pos += 2;
        return { kind: 'dict', entries, start, end: this.pos };
      }
      if (this.buf[this.pos] !== CHAR('/')) this.fail('expected a name as dictionary key');
      const key = this.parseName();
      // A repeated key is ambiguous: readers disagree on which one wins, so refuse the file.
      if (entries.has(key.value)) this.fail(`duplicate dictionary key /${key.value}`);
      entries.set(key.value, this.parseValue(depth + 1));
    }
  }

  private parseArray(depth: number): PdfArray {
    const start = this.pos;
    this.pos += 1;
    const items: PdfNode[] = [];
    for (;;) {
      this.skipWhitespace();
      if (this.pos >= this.buf.length) this.fail('unterminated array');
      if (this.buf[this.pos] === CHAR(']')) {
        this.pos += 1;
        return { kind: 'array', items, start, end: this.pos };
      }
      items.push(this.parseValue(depth + 1));
    }
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
    const close = this.buf.indexOf(CHAR('>'), start);
    if (close < 0) this.fail('unterminated hex string');
    let hex = Buffer.from(this.buf.subarray(start + 1, close)).toString('latin1').replace(/[\s\0]+/g, '');
    if (!/^[0-9A-Fa-f]*$/.test(hex)) this.fail('invalid hex string');
    if (hex.length % 2 === 1) hex += '0';
    this.pos = close + 1;
    return { kind: 'string', bytes: new Uint8Array(Buffer.from(hex, 'hex')), start, end: this.pos };
  }

  private parseLiteralString(): PdfString {
    const start = this.pos;
    const { buf } = this;
    const out: number[] = [];
    let depth = 0;
    this.pos += 1;
    for (;;) {
      if (this.pos >= buf.length) this.fail('unterminated string');
      const b = buf[this.pos++];
      if (b === CHAR('\\')) {
        this.pos = readEscape(buf, this.pos, out);
      } else if (b === CHAR('(')) {
        depth++;
        out.push(b);
      } else if (b === CHAR(')')) {
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
  [CHAR('n')]: 0x0a, [CHAR('r')]: 0x0d, [CHAR('t')]: 0x09, [CHAR('b')]: 0x08, [CHAR('f')]: 0x0c,
  [CHAR('(')]: 0x28, [CHAR(')')]: 0x29, [CHAR('\\')]: 0x5c,
};

/** Decodes the escape after a backslash into `out`; returns the position after it. */
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

/** Parses the indirect object `num gen obj … endobj|stream` at `offset`, checking its header. */
export function parseIndirectObjectAt(buf: Uint8Array, offset: number, num: number, gen: number): PdfIndirectObject {
  if (!Number.isInteger(offset) || offset < 0 || offset >= buf.length) {
    throw new SigningError('unsupported-pdf', `The cross-reference offset ${offset} of object ${num} lies outside the file.`);
  }
  const lexer = new PdfLexer(buf, offset);
  const foundNum = lexer.readUnsignedInt('an object number');
  const foundGen = lexer.readUnsignedInt('a generation number');
  lexer.expectKeyword('obj');
  if (foundNum !== num || foundGen !== gen) {
    throw new SigningError('unsupported-pdf',
      `The cross-reference table points object ${num} ${gen} at byte ${offset}, where object ${foundNum} ${foundGen} starts.`);
  }
  const value = lexer.parseValue();
  lexer.skipWhitespace();
  const keyword = lexer.readToken();
  if (keyword !== 'endobj' && keyword !== 'stream') lexer.fail(`object ${num} ${gen} is not closed by endobj`);
  return { num, gen, value, isStream: keyword === 'stream' };
}

/** The dictionary entry `key` if it has the expected kind, undefined if absent; throws otherwise. */
export function dictEntry<K extends PdfNode['kind']>(dict: PdfDict, key: string, ...kinds: K[]): Extract<PdfNode, { kind: K }> | undefined {
  const node = dict.entries.get(key);
  if (node === undefined || node.kind === 'null') return undefined;
  if (!(kinds as string[]).includes(node.kind)) {
    throw new SigningError('unsupported-pdf', `/${key} at byte ${node.start} is a ${node.kind}, expected ${kinds.join(' or ')}.`);
  }
  return node as Extract<PdfNode, { kind: K }>;
}
