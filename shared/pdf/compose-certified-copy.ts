import type { PDFDocument, PDFPage } from 'pdf-lib';
import { ValidationError } from '../domain/errors';
import { numberAndBook } from '../domain/numbering';
import { attestationBlockHeight, drawAttestationBlock, type AttestationContent } from './attestation-block';
import { CleanCopier } from './clean-copier';
import { drawImage, embedImage } from './embed-image';
import { drawOriginalPage, embedOriginalPage } from './embed-pdf-page';
import { embedFonts, type FontPair } from './fonts';
import { A4, fitImage, MARGIN, MIN_PAGE_WIDTH, newCopyDocument, saveCopy } from './layout';
import { loadOriginalPdf } from './load-original-pdf';
import { applyMetadata } from './metadata';
import { assertDeclaredType, rejectOriginal } from './original-kind';
import { drawFooter, drawQrHeader, FOOTER_HEIGHT, qrHeaderHeight, type QrHeaderContent } from './page-chrome';
import type { ComposedCopy, OriginalFile, SignatureFieldSpot } from './types';

export type { ComposedCopy, OriginalFile, SignatureFieldSpot } from './types';

/** Everything printed on a certified copy besides the original's pages. */
export interface CertifiedCopyInput {
  /** In upload order; each image becomes one page. */
  originals: OriginalFile[];
  verifyCode: string;
  verifyUrl: string;
  /** The sequence number in the book (Decree 23/2015 Art. 13(2)), printed in the footer. */
  number: number;
  /** The book as on its cover, e.g. "01/2026-SCT/BS" (see domain/numbering.ts bookLabel). */
  book: string;
  /** The lời chứng lines as worded by the domain (shared/domain/attestation.ts). */
  attestationLines: string[];
  official: { fullName: string; title: string };
  agency: { name: string };
  /** Document title for the metadata. */
  title?: string;
  /** Creation date written in the metadata (default: now). */
  createdAt?: Date;
}

/** Upper bound on pages taken from one original PDF (inspection applies the configured limit). */
const MAX_PAGES_PER_ORIGINAL = 5_000;
/** Space kept between a laid-out image and the lời chứng below it. */
const BLOCK_GAP = 14;

interface LaidOutPage {
  page: PDFPage;
  /** For image pages laid out here: the y below which the page is blank down to the footer. */
  freeTop?: number;
}

/**
 * Composes the certified copy: every page of the originals (PDF pages at their own size as Form
 * XObjects, images on A4), the QR code top-left of page 1, a footer on every page and the lời
 * chứng with two signature areas on the last page, or on a page added after it.
 */
export async function composeCertifiedCopy(input: CertifiedCopyInput): Promise<ComposedCopy> {
  validate(input);
  const doc = await newCopyDocument();
  const fonts = await embedFonts(doc);
  const qr: QrHeaderContent = { verifyUrl: input.verifyUrl, verifyCode: input.verifyCode };
  const pages: LaidOutPage[] = [];
  for (const original of input.originals) {
    try {
      assertDeclaredType(original.bytes, original.contentType);
      if (original.contentType === 'application/pdf') await addPdfPages(doc, fonts, qr, original, pages);
      else await addImagePage(doc, fonts, qr, original, pages);
    } catch (error) {
      throw rejectOriginal(original.fileName, error);
    }
  }
  const content: AttestationContent = { lines: input.attestationLines, official: input.official, agency: input.agency };
  const fields = placeAttestation(doc, fonts, content, pages);
  const total = doc.getPageCount();
  doc.getPages().forEach((page, i) =>
    drawFooter(page, fonts, { numberLabel: numberAndBook('certify-copy', input.number, input.book), verifyCode: input.verifyCode }, i, total),
  );
  applyMetadata(doc, {
    title: input.title ?? `Bản sao chứng thực từ bản chính, ${numberAndBook('certify-copy', input.number, input.book)}`,
    subject: 'Bản sao điện tử được chứng thực từ bản chính',
    verifyCode: input.verifyCode,
    number: input.number,
    book: input.book,
    createdAt: input.createdAt ?? new Date(),
  });
  return { pdf: await saveCopy(doc), pages: total, fields };
}

function validate(input: CertifiedCopyInput): void {
  if (!Array.isArray(input.originals) || input.originals.length === 0) {
    throw new ValidationError('Cần ít nhất một bản gốc để chứng thực bản sao.');
  }
  const required: [string, string][] = [
    [input.verifyCode, 'Mã xác thực'],
    [input.verifyUrl, 'Địa chỉ xác thực'],
    [input.book, 'Quyển số'],
    [input.official?.fullName, 'Họ tên người thực hiện chứng thực'],
    [input.official?.title, 'Chức danh người thực hiện chứng thực'],
    [input.agency?.name, 'Tên cơ quan chứng thực'],
  ];
  for (const [value, label] of required) {
    if (typeof value !== 'string' || value.trim() === '') throw new ValidationError(`${label} không được để trống.`);
  }
  if (!Array.isArray(input.attestationLines) || input.attestationLines.length === 0) {
    throw new ValidationError('Lời chứng không được để trống.');
  }
}

/** Each page at its own size; page 1 of the copy gets a band above it for the QR code. */
async function addPdfPages(doc: PDFDocument, fonts: FontPair, qr: QrHeaderContent, original: OriginalFile, pages: LaidOutPage[]) {
  const { context: source, pages: sourcePages } = await loadOriginalPdf(original.bytes, MAX_PAGES_PER_ORIGINAL);
  const copier = new CleanCopier(source, doc.context);
  for (const sourcePage of sourcePages) {
    const embedded = embedOriginalPage(doc.context, sourcePage, copier);
    const width = Math.max(embedded.width, MIN_PAGE_WIDTH);
    const margin = Math.min(MARGIN, width * 0.06);
    const header = pages.length === 0 ? qrHeaderHeight(fonts, qr, width - 2 * margin) : 0;
    const page = doc.addPage([width, embedded.height + FOOTER_HEIGHT + header]);
    drawOriginalPage(page, embedded, (width - embedded.width) / 2, FOOTER_HEIGHT);
    if (header > 0) drawQrHeader(page, fonts, qr, margin, page.getHeight(), width - 2 * margin);
    pages.push({ page });
  }
}

/** One A4 page (landscape for a landscape image), image at its resolution, top-aligned. */
async function addImagePage(doc: PDFDocument, fonts: FontPair, qr: QrHeaderContent, original: OriginalFile, pages: LaidOutPage[]) {
  const image = await embedImage(doc, original.bytes, original.contentType as 'image/jpeg' | 'image/png');
  const [width, height] = image.widthPx > image.heightPx ? [A4[1], A4[0]] : A4;
  const page = doc.addPage([width, height]);
  let top = height - MARGIN;
  if (pages.length === 0) top = height - MARGIN / 2 - drawQrHeader(page, fonts, qr, MARGIN, height - MARGIN / 2, width - 2 * MARGIN);
  const bottom = FOOTER_HEIGHT + 8;
  const size = fitImage(image.widthPx, image.heightPx, image.dpi, width - 2 * MARGIN, top - bottom);
  const y = top - size.height;
  drawImage(page, image, (width - size.width) / 2, y, size.width, size.height);
  pages.push({ page, freeTop: y - BLOCK_GAP });
}

/**
 * The lời chứng goes under the last page's image when that page was laid out here and the
 * blank space below the image holds it; otherwise on an A4 page added after the last one (the
 * blank area of a PDF page or a scan cannot be known without looking at its pixels).
 */
function placeAttestation(doc: PDFDocument, fonts: FontPair, content: AttestationContent, pages: LaidOutPage[]) {
  const last = pages[pages.length - 1];
  if (last.freeTop !== undefined) {
    const width = Math.min(A4[0], last.page.getWidth()) - 2 * MARGIN;
    const room = last.freeTop - (FOOTER_HEIGHT + 8);
    if (attestationBlockHeight(fonts, content, width) <= room) {
      return drawAttestationBlock(last.page, pages.length - 1, fonts, content, (last.page.getWidth() - width) / 2, last.freeTop, width);
    }
  }
  const page = doc.addPage(A4);
  const fields: { official: SignatureFieldSpot; agency: SignatureFieldSpot } = drawAttestationBlock(
    page,
    doc.getPageCount() - 1,
    fonts,
    content,
    MARGIN,
    A4[1] - MARGIN - 12,
    A4[0] - 2 * MARGIN,
  );
  return fields;
}
