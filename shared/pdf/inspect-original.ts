import { createHash } from 'node:crypto';
import { PDFContext, PDFDocument } from 'pdf-lib';
import { CleanCopier } from './clean-copier';
import { embedImage } from './embed-image';
import { embedOriginalPage, pageContentStreams } from './embed-pdf-page';
import { readJpegHeader } from './jpeg-header';
import { loadOriginalPdf } from './load-original-pdf';
import { assertDeclaredType, rejectOriginal } from './original-kind';
import { MAX_DECODED_PNG_PIXELS, pngNeedsDecoding, readPngHeader } from './png-header';
import { streamGuard, type StreamWork } from './stream-guard';
import { OriginalFormatError, type OriginalContentType } from './types';

export type { OriginalContentType } from './types';

/** What an original may be; the numbers are configuration, not law. */
export interface InspectionLimits {
  maxPages: number;
  /** Longest side of an image, in pixels (e.g. 20000). */
  maxImageSide: number;
  /** Most pixels in an image (e.g. 100e6), checked from the header, before any decoding. */
  maxImagePixels: number;
}

/** The facts recorded about an accepted original. */
export interface InspectedOriginal {
  contentType: OriginalContentType;
  pages: number;
  /** SHA-256 of the bytes, lowercase hex. */
  sha256: string;
  /** Image size as displayed (EXIF orientation applied). */
  widthPx?: number;
  heightPx?: number;
}

/**
 * What one inspection did, counted as it goes (a refused original keeps the counts reached): the
 * quantities the limits bound — objects parsed (ParseBudget), pages checked (maxPages), streams
 * checked and bytes inflated (MAX_DECODED_STREAM / MAX_DECODED_TOTAL of stream-guard.ts).
 */
export interface InspectionWork extends StreamWork {
  /** Indirect objects of the parsed PDF; 0 when refused before parsing (and for images). */
  objectsParsed: number;
  /** Pages whose content and resources were checked (PDF), or 1 for an image. */
  pagesChecked: number;
}

/** A zeroed work counter for `inspectOriginal`. */
export function inspectionWork(): InspectionWork {
  return { objectsParsed: 0, pagesChecked: 0, streamsChecked: 0, bytesInflated: 0 };
}

/** Sensible defaults for callers without their own configuration. */
export const DEFAULT_INSPECTION_LIMITS: InspectionLimits = { maxPages: 500, maxImageSide: 20_000, maxImagePixels: 100e6 };

/** Checks that an uploaded original is what it claims and can be certified; throws OriginalRejectedError otherwise. */
export async function inspectOriginal(
  bytes: Uint8Array,
  declared: { fileName: string; contentType: OriginalContentType },
  limits: InspectionLimits,
  work: InspectionWork = inspectionWork(),
): Promise<InspectedOriginal> {
  try {
    assertDeclaredType(bytes, declared.contentType);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (declared.contentType === 'application/pdf') {
      const { context, pages } = await loadOriginalPdf(bytes, limits.maxPages);
      work.objectsParsed = context.enumerateIndirectObjects().length;
      // A dry run of what composing does with each page (content and resources), into a scratch
      // context: an original accepted here is one the copy can be made from. Every stream the
      // copy would carry is bounded (no decompression bombs, no absurd images).
      const guard = streamGuard((width, height) => checkImageSize(width, height, limits), work);
      const scratch = PDFContext.create();
      const copier = new CleanCopier(context, scratch, undefined, guard);
      for (const page of pages) {
        work.pagesChecked++;
        for (const stream of pageContentStreams(page)) guard(stream);
        embedOriginalPage(scratch, page, copier);
      }
      return { contentType: declared.contentType, pages: pages.length, sha256 };
    }
    work.pagesChecked = 1;
    const size = imageSize(bytes, declared.contentType);
    checkImageSize(size.width, size.height, limits);
    // A PNG with alpha or interlacing is decoded when composed: do it once here, so that an
    // original accepted now cannot fail later.
    if (size.decodes) await embedImage(await PDFDocument.create({ updateMetadata: false }), bytes, 'image/png');
    return { contentType: declared.contentType, pages: 1, sha256, widthPx: size.width, heightPx: size.height };
  } catch (error) {
    throw rejectOriginal(declared.fileName, error);
  }
}

/** Displayed size of a JPEG or PNG, with the PNG-specific decoding limit applied. */
function imageSize(bytes: Uint8Array, contentType: 'image/jpeg' | 'image/png'): { width: number; height: number; decodes: boolean } {
  if (contentType === 'image/jpeg') {
    const jpeg = readJpegHeader(bytes);
    const swap = jpeg.orientation >= 5;
    return { width: swap ? jpeg.height : jpeg.width, height: swap ? jpeg.width : jpeg.height, decodes: false };
  }
  const png = readPngHeader(bytes);
  if (pngNeedsDecoding(png) && png.width * png.height > MAX_DECODED_PNG_PIXELS) {
    throw new OriginalFormatError(
      `ảnh PNG có kênh trong suốt hoặc lưu xen kẽ (interlace) chỉ được tối đa ${MAX_DECODED_PNG_PIXELS / 1e6} triệu điểm ảnh; ` +
        'hãy lưu lại ảnh không có kênh trong suốt hoặc dùng JPEG.',
    );
  }
  return { width: png.width, height: png.height, decodes: pngNeedsDecoding(png) };
}

/** Throws OriginalFormatError for a zero, absurd or too large image size. */
export function checkImageSize(width: number, height: number, limits: InspectionLimits): void {
  if (width < 1 || height < 1) throw new OriginalFormatError(`ảnh có kích thước không hợp lệ (${width}×${height} điểm ảnh).`);
  if (width > limits.maxImageSide || height > limits.maxImageSide) {
    throw new OriginalFormatError(
      `ảnh quá lớn (${width}×${height} điểm ảnh; mỗi chiều tối đa ${limits.maxImageSide} điểm ảnh).`,
    );
  }
  if (width * height > limits.maxImagePixels) {
    throw new OriginalFormatError(
      `ảnh quá lớn (${width}×${height} điểm ảnh; tối đa ${Math.round(limits.maxImagePixels / 1e6)} triệu điểm ảnh).`,
    );
  }
}
