import { malformed } from './errors';
import { latin1, PdfLexer } from './lexer';

/** `startxref <offset> %%EOF` (§7.5.5): the offset, where %%EOF ends, and where its end-of-line ends. */
export interface StartxrefTail {
  offset: number;
  end: number;
  endWithEol: number;
}

/** Parses `startxref <offset> %%EOF` at `at`. */
export function readStartxref(buf: Uint8Array, at: number): StartxrefTail {
  const lexer = new PdfLexer(buf, at);
  lexer.expectKeyword('startxref');
  const offset = lexer.readUnsignedInt('the startxref offset');
  let pos = lexer.pos;
  // Not lexer.skipWhitespace(): it reads "%%EOF" as a comment.
  while (pos < buf.length && (buf[pos] === 0x20 || buf[pos] === 0x0a || buf[pos] === 0x0d || buf[pos] === 0x09)) pos++;
  if (latin1(buf, pos, Math.min(buf.length, pos + 5)) !== '%%EOF') throw malformed(`startxref at byte ${at} is not followed by %%EOF`);
  const end = pos + 5;
  pos = end;
  if (buf[pos] === 0x0d) pos++;
  if (buf[pos] === 0x0a) pos++;
  return { offset, end, endWithEol: pos };
}

/** startxref and %%EOF must be near the end; 1 KB is what most readers search too. */
const TAIL_WINDOW = 1024;

/** The offset named by the last `startxref … %%EOF` of the file's final kilobyte. */
export function findLastStartxref(buf: Uint8Array): number {
  const tail = Buffer.from(buf.buffer, buf.byteOffset, buf.length).subarray(Math.max(0, buf.length - TAIL_WINDOW));
  const at = tail.lastIndexOf('startxref');
  if (at < 0 || tail.indexOf('%%EOF', at) < 0) throw malformed('The PDF does not end with startxref … %%EOF.');
  return new PdfLexer(buf, buf.length - tail.length + at + 'startxref'.length).readUnsignedInt('the startxref offset');
}
