import { malformed } from './errors';
import { PdfLexer, type LexerLimits } from './lexer';
import type { PdfIndirectObject } from './objects';

/** Parses the indirect object `num gen obj … endobj|stream` at `offset` (§7.3.10), checking its header. */
export function parseIndirectObjectAt(buf: Uint8Array, offset: number, num: number, gen: number, limits?: LexerLimits): PdfIndirectObject {
  if (!Number.isInteger(offset) || offset < 0 || offset >= buf.length) {
    throw malformed(`The cross-reference offset ${offset} of object ${num} lies outside the file.`);
  }
  const lexer = new PdfLexer(buf, offset, limits);
  const foundNum = lexer.readUnsignedInt('an object number');
  const foundGen = lexer.readUnsignedInt('a generation number');
  lexer.expectKeyword('obj');
  if (foundNum !== num || foundGen !== gen) {
    throw malformed(`The cross-reference table points object ${num} ${gen} at byte ${offset}, where object ${foundNum} ${foundGen} starts.`);
  }
  const value = lexer.parseValue();
  lexer.skipWhitespace();
  const keyword = lexer.readToken();
  if (keyword === 'endobj') return { num, gen, value, isStream: false, source: buf };
  if (keyword !== 'stream') lexer.fail(`object ${num} ${gen} is not closed by endobj`);
  return { num, gen, value, isStream: true, source: buf, streamStart: afterStreamEol(buf, lexer.pos) };
}

/** `stream` is followed by CRLF or LF (§7.3.8.1); a lone CR is tolerated as readers do. */
function afterStreamEol(buf: Uint8Array, pos: number): number {
  if (buf[pos] === 0x0d && buf[pos + 1] === 0x0a) return pos + 2;
  if (buf[pos] === 0x0a || buf[pos] === 0x0d) return pos + 1;
  return pos;
}

/** The raw (still encoded) data of a stream object whose /Length is `length`, checked against `endstream`. */
export function rawStreamData(object: PdfIndirectObject, length: number): Uint8Array {
  const { source, streamStart } = object;
  if (streamStart === undefined) throw malformed(`object ${object.num} is not a stream`);
  const end = streamStart + length;
  if (!Number.isSafeInteger(length) || length < 0 || end > source.length) throw malformed(`the /Length of stream ${object.num} runs past the file`);
  const lexer = new PdfLexer(source, end, { end: Math.min(source.length, end + 64) });
  lexer.expectKeyword('endstream');
  return source.subarray(streamStart, end);
}
