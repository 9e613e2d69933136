import { constants, inflateSync } from 'node:zlib';
import { PDFArray, PDFName, PDFNumber, PDFRawStream, type PDFObject } from 'pdf-lib';
import { OriginalFormatError } from './types';

/**
 * Bounds on the streams an original's pages carry into the copy, checked at inspection. The copy
 * reuses stream data without decoding it, so nothing in the service inflates it — but every
 * reader of the certified copy will: a page whose content inflates to gigabytes, or an image
 * claiming 100000×100000 pixels, would make the copy itself a decompression bomb.
 * - Images: their declared size must fit the image limits (checked from the dictionary; readers
 *   decode no more than width × height).
 * - Any other stream (page content, form XObjects, fonts, ICC profiles…): only Flate (any number of
 *   times) or no filter, inflated here with a hard output limit per stream and per document.
 */
export const MAX_DECODED_STREAM = 64 * 1024 * 1024;
export const MAX_DECODED_TOTAL = 256 * 1024 * 1024;

const FLATE = new Set(['FlateDecode', 'Fl']);

/** The work a stream guard did: streams checked and bytes inflated (every filter stage, refused ones included). */
export interface StreamWork {
  streamsChecked: number;
  bytesInflated: number;
}

/**
 * A checker for the streams of one original; `checkImageSize` throws for an unacceptable image
 * size. `work` is counted as it goes, so a caller (and a test) can see what the limits bounded.
 */
export function streamGuard(
  checkImageSize: (width: number, height: number) => void,
  work: StreamWork = { streamsChecked: 0, bytesInflated: 0 },
): (stream: PDFRawStream) => void {
  let total = 0;
  return (stream) => {
    work.streamsChecked++;
    const { dict } = stream;
    if (dict.lookup(PDFName.of('Subtype')) === PDFName.of('Image')) {
      const width = dict.lookup(PDFName.of('Width'));
      const height = dict.lookup(PDFName.of('Height'));
      if (!(width instanceof PDFNumber) || !(height instanceof PDFNumber)) {
        throw new OriginalFormatError('một ảnh trong tệp PDF không có kích thước hợp lệ.');
      }
      checkImageSize(width.asNumber(), height.asNumber());
      return;
    }
    total += decodedLength(stream, MAX_DECODED_TOTAL - total, work);
  };
}

/** The decoded size of a non-image stream, refusing anything past its budget or not Flate. */
function decodedLength(stream: PDFRawStream, totalLeft: number, work: StreamWork): number {
  let data = Buffer.from(stream.contents.buffer, stream.contents.byteOffset, stream.contents.byteLength);
  for (const filter of filterNames(stream.dict.lookup(PDFName.of('Filter')))) {
    if (!FLATE.has(filter)) throw new OriginalFormatError('tệp PDF dùng kiểu nén không được hỗ trợ cho nội dung trang.');
    const budget = Math.min(MAX_DECODED_STREAM, totalLeft);
    if (budget <= 0) throw tooLarge();
    try {
      data = inflateSync(data, { maxOutputLength: budget, finishFlush: constants.Z_SYNC_FLUSH });
      work.bytesInflated += data.length;
    } catch (error) {
      if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        // zlib stopped at maxOutputLength: at most `budget` bytes were produced.
        work.bytesInflated += budget;
        throw tooLarge();
      }
      // Corrupt data: a reader stops where it breaks, having produced less than the budget.
      return Math.min(data.length, budget);
    }
  }
  if (data.length > totalLeft) throw tooLarge();
  return data.length;
}

function filterNames(filter: PDFObject | undefined): string[] {
  if (filter === undefined) return [];
  if (filter instanceof PDFName) return [filter.decodeText()];
  if (filter instanceof PDFArray) {
    return Array.from({ length: filter.size() }, (_, i) => filter.lookup(i)).map((f) => (f instanceof PDFName ? f.decodeText() : '?'));
  }
  return ['?'];
}

function tooLarge(): OriginalFormatError {
  return new OriginalFormatError('tệp PDF chứa dữ liệu nén quá lớn sau khi giải nén (nghi là "bom giải nén").');
}
