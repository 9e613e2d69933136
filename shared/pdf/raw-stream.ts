import { PDFRawStream, type PDFDict } from 'pdf-lib';

const OPEN = Buffer.from('\nstream\n', 'latin1');
const CLOSE = Buffer.from('\nendstream', 'latin1');

/**
 * Writes the stream as pdf-lib does, but copies its data with one `set` instead of pdf-lib's
 * byte-by-byte loop (~130 ms for the 50 MB of a 200-page scan).
 */
function copyBytesInto(this: PDFRawStream, buffer: Uint8Array, offset: number): number {
  this.updateDict();
  const start = offset;
  offset += this.dict.copyBytesInto(buffer, offset);
  buffer.set(OPEN, offset);
  offset += OPEN.length;
  buffer.set(this.contents, offset);
  offset += this.contents.length;
  buffer.set(CLOSE, offset);
  offset += CLOSE.length;
  return offset - start;
}

/** A raw (already encoded) stream for a composed copy, serialized with a bulk copy. */
export function rawStream(dict: PDFDict, contents: Uint8Array): PDFRawStream {
  const stream = PDFRawStream.of(dict, contents);
  Object.defineProperty(stream, 'copyBytesInto', { value: copyBytesInto });
  return stream;
}
