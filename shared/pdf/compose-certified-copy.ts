import type { PDFDocument, PDFPage } from 'pdf-lib';
import { ValidationError } from '../domain/errors';
import { attestationBlockHeight, drawAttestationBlock, type AttestationContent } from './attestation-block';
import { CleanCopier } from './clean-copier';
import { drawImage, embedImage } from './embed-image';
import { drawOriginalPage, embedOriginalPage } from './embed-pdf-page';
import { embedFonts, type FontPair } from './fonts';
import { A4, fitImage, MARGIN, newCopyDocument, saveCopy } from './layout';
import { loadOriginalPdf } from './load-original-pdf';
import { applyMetadata } from './metadata';
import { assertDeclaredType, rejectOriginal } from './original-kind';
import { drawFooter, drawQrHeader, footerHeight, FOOTER_HEIGHT, qrHeaderHeight, type FooterContent, type QrHeaderContent } from './page-chrome';
import type { ComposedCopy, OriginalFile, SignatureFieldSpot } from './types';

export type { ComposedCopy, OriginalFile, SignatureFieldSpot } from './types';

/** Everything printed on a certified copy besides the original's pages. */
export interface CertifiedCopyInput {
  /** In upload order; each image becomes one page. */
  originals: OriginalFile[];
  verifyCode: string;
  verifyUrl: string;
  /** e.g. "123/01-2026-SCT/BS", printed in the footer. */
  certificationNo: string;
  /** The lời chứng lines as worded by the domain (shared/domain/attestation.ts). */
  attestationLines: string[];
  official: { fullName: string; title: string };
  agency: { name: string };
  /** Document title for the metadata. */
  title?: string;
  /** Creation date written in the metadata (default: now). */
  createdAt?: Date;
  /**
   * The signing time both signatures show (Decree 30/2020/NĐ-CP Annex I); the issuance passes the
   * time it signs at. Default: `createdAt`.
   */
  signedAt?: Date;
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
 * XObjects, images on A4, the two sides of an ID card together on one A4 page), the QR code
 * top-left of page 1, a footer on every page and the lời chứng with the two signatures on the
 * last page, or on a page added after it.
 */
export async function composeCertifiedCopy(input: CertifiedCopyInput): Promise<ComposedCopy> {
  validate(input);
  const doc = await newCopyDocument();
  const fonts = await embedFonts(doc);
  const qr: QrHeaderContent = { verifyUrl: input.verifyUrl, verifyCode: input.verifyCode };
  const footer: FooterContent = { numberLabel: `Số chứng thực: ${input.certificationNo}`, verifyCode: input.verifyCode };
  const createdAt = input.createdAt ?? new Date();
  const pages: LaidOutPage[] = [];
  for (let i = 0; i < input.originals.length; i++) {
    const original = input.originals[i];
    const pair = idCardPair(original, input.originals[i + 1]);
    if (pair) {
      await addIdCardPage(doc, fonts, qr, pair, pages);
      i++;
      continue;
    }
    try {
      assertDeclaredType(original.bytes, original.contentType);
      if (original.contentType === 'application/pdf') await addPdfPages(doc, fonts, { qr, footer }, original, pages);
      else await addImagePage(doc, fonts, qr, original, pages);
    } catch (error) {
      throw rejectOriginal(original.fileName, error);
    }
  }
  const content: AttestationContent = {
    lines: input.attestationLines, official: input.official, agency: input.agency, signedAt: input.signedAt ?? createdAt,
  };
  const fields = placeAttestation(doc, fonts, content, pages);
  const total = doc.getPageCount();
  doc.getPages().forEach((page, i) =>
    drawFooter(page, fonts, footer, i, total),
  );
  applyMetadata(doc, {
    title: input.title ?? `Bản sao chứng thực từ bản chính số ${input.certificationNo}`,
    subject: 'Bản sao điện tử được chứng thực từ bản chính',
    verifyCode: input.verifyCode,
    certificationNo: input.certificationNo,
    createdAt,
  });
  return { pdf: await saveCopy(doc), pages: total, fields };
}

function validate(input: CertifiedCopyInput): void {
  if (!Array.isArray(input.originals) || input.originals.length === 0) {
    throw new ValidationError('Cần ít nhất một bản gốc để chứng thực bản sao.');
  }
  const required: [string, string][] = [
    [input.verifyCode, 'Mã kiểm tra'],
    [input.verifyUrl, 'Địa chỉ xác thực'],
    [input.certificationNo, 'Số chứng thực'],
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

/**
 * Each page keeps its own size (issue #17): the footer band (and on page 1 of the copy the QR
 * band) goes inside it, and the original's content is scaled down into the rest of the page,
 * centred, so that the chrome covers nothing of it.
 */
async function addPdfPages(
  doc: PDFDocument, fonts: FontPair, chrome: { qr: QrHeaderContent; footer: FooterContent }, original: OriginalFile, pages: LaidOutPage[],
) {
  const { context: source, pages: sourcePages } = await loadOriginalPdf(original.bytes, MAX_PAGES_PER_ORIGINAL);
  const copier = new CleanCopier(source, doc.context);
  for (const sourcePage of sourcePages) {
    const embedded = embedOriginalPage(doc.context, sourcePage, copier);
    const { width, height } = embedded;
    const margin = Math.min(MARGIN, width * 0.06);
    const header = pages.length === 0 ? qrHeaderHeight(fonts, chrome.qr, width - 2 * margin) : 0;
    const bottom = footerHeight(fonts, chrome.footer, width);
    // A page too small for the bands still gets them (over its content) rather than vanish.
    const scale = Math.max(0.25, Math.min(1, (height - bottom - header) / height));
    const page = doc.addPage([width, height]);
    drawOriginalPage(page, embedded, (width - width * scale) / 2, bottom, scale);
    if (header > 0) drawQrHeader(page, fonts, chrome.qr, margin, height, width - 2 * margin);
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

type ImageOriginal = OriginalFile & { contentType: 'image/jpeg' | 'image/png' };
const isImage = (o: OriginalFile | undefined): o is ImageOriginal => o?.contentType === 'image/jpeg' || o?.contentType === 'image/png';

/** A scanned front and back of one ID card uploaded one after the other (either order), front first. */
function idCardPair(a: OriginalFile, b: OriginalFile | undefined): [ImageOriginal, ImageOriginal] | undefined {
  if (!isImage(a) || !isImage(b) || !a.side || !b.side || a.side === b.side) return undefined;
  return a.side === 'id-card-front' ? [a, b] : [b, a];
}

/**
 * Both sides of an ID card on one A4 portrait page (issue #17), the front above the back, each at
 * its resolution (a card scanned at its dpi prints at its real size) and shrunk only to fit half
 * of the page; the lời chứng may follow below them.
 */
async function addIdCardPage(doc: PDFDocument, fonts: FontPair, qr: QrHeaderContent, sides: [ImageOriginal, ImageOriginal], pages: LaidOutPage[]) {
  const images = [];
  for (const side of sides) {
    try {
      assertDeclaredType(side.bytes, side.contentType);
      images.push(await embedImage(doc, side.bytes, side.contentType));
    } catch (error) {
      throw rejectOriginal(side.fileName, error);
    }
  }
  const [width, height] = A4;
  const page = doc.addPage(A4);
  let top = height - MARGIN;
  if (pages.length === 0) top = height - MARGIN / 2 - drawQrHeader(page, fonts, qr, MARGIN, height - MARGIN / 2, width - 2 * MARGIN);
  const half = (top - (FOOTER_HEIGHT + 8) - BLOCK_GAP) / 2;
  let y = top;
  for (const image of images) {
    const size = fitImage(image.widthPx, image.heightPx, image.dpi, width - 2 * MARGIN, half);
    y -= size.height;
    drawImage(page, image, (width - size.width) / 2, y, size.width, size.height);
    y -= BLOCK_GAP;
  }
  pages.push({ page, freeTop: y });
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
