import type { PDFContext } from 'pdf-lib';
import { parsePdfBounded } from './guarded-pdf-parser';
import { checkStructureStreams, declaresEncryption, findPdfHeader, hasEndOfFileMarker } from './pdf-guards';
import { collectPages, type PageEntry } from './pdf-page-tree';
import { OriginalFormatError } from './types';

/** A parsed original PDF (its objects) and its pages. */
export interface LoadedPdf {
  context: PDFContext;
  pages: PageEntry[];
}

/**
 * Parses an original PDF after the raw-byte guards (header, end marker, encryption, bounded
 * structure streams); throws OriginalFormatError with a Vietnamese reason.
 */
export async function loadOriginalPdf(bytes: Uint8Array, maxPages: number): Promise<LoadedPdf> {
  if (findPdfHeader(bytes) < 0) throw new OriginalFormatError('không phải tệp PDF (thiếu phần đầu %PDF-).');
  if (!hasEndOfFileMarker(bytes)) throw new OriginalFormatError('tệp PDF bị cắt cụt (thiếu dấu kết thúc %%EOF).');
  if (declaresEncryption(bytes)) {
    throw new OriginalFormatError('tệp PDF được mã hóa hoặc đặt mật khẩu; hãy tải lên bản không mã hóa.');
  }
  checkStructureStreams(bytes);
  let context: PDFContext;
  try {
    context = await parsePdfBounded(bytes);
  } catch (error) {
    if (error instanceof OriginalFormatError) throw error;
    throw new OriginalFormatError('tệp PDF bị hỏng, không đọc được.', { cause: error });
  }
  if (context.trailerInfo.Encrypt && context.lookup(context.trailerInfo.Encrypt)) {
    throw new OriginalFormatError('tệp PDF được mã hóa hoặc đặt mật khẩu; hãy tải lên bản không mã hóa.');
  }
  const pages = collectPages(context, maxPages);
  if (pages.length === 0) throw new OriginalFormatError('tệp PDF không có trang nào.');
  return { context, pages };
}
