import type { PDFDocument, PDFPage } from 'pdf-lib';
import type { FontPair } from './fonts';
import {
  agencySealAppearance, agencySealSize, officialSignatureAppearance, officialSignatureHeight, OFFICIAL_SIGNATURE_WIDTH,
} from './signature-appearance';
import { cleanText, drawParagraph, paragraphHeight } from './text-layout';
import type { SignatureFieldSpot } from './types';

/** What the lời chứng block shows. */
export interface AttestationContent {
  lines: string[];
  official: { fullName: string; title: string };
  agency: { name: string };
  /** The signing time shown in both signatures (the issuance time). */
  signedAt: Date;
}

/** Caption above the official's signature (template annexed to Decree 23/2015/NĐ-CP). */
export const SIGNER_CAPTION = 'Người thực hiện chứng thực';

const BODY_SIZE = 11.5;
const NAME_SIZE = 11;
const GAP = 8;
const COLUMN_GAP = 16;

/**
 * The statement lines without those the signature columns print (caption, name, title, agency):
 * the domain may give the full template or only its first lines, and nothing is printed twice.
 */
function bodyLines(content: AttestationContent): string[] {
  const key = (s: string) => cleanText(s).toLocaleLowerCase('vi');
  const shown = new Set([SIGNER_CAPTION, content.official.fullName, content.official.title, content.agency.name].map(key));
  return content.lines.map(cleanText).filter((l) => l !== '' && !shown.has(key(l)));
}

function columns(width: number) {
  const column = Math.max(OFFICIAL_SIGNATURE_WIDTH, (width - COLUMN_GAP) / 2);
  return { column, leftX: 0, rightX: width - column };
}

/**
 * The signatures' row: the official's signature, and the seal centred on its height with its
 * right edge at the end of the signature's left third (Decree 30/2020/NĐ-CP Annex I: the agency's
 * signature overlaps about a third of the signer's, on the left), the time line under the seal.
 */
function signatureRow(fonts: FontPair, content: AttestationContent) {
  const officialHeight = officialSignatureHeight(fonts, { ...content.official, signedAt: content.signedAt });
  const seal = agencySealSize(fonts, { agencyName: content.agency.name, signedAt: content.signedAt });
  const core = Math.max(officialHeight, seal.diameter);
  const below = Math.max(officialHeight / 2, seal.height - seal.diameter / 2);
  return { officialHeight, seal, core, height: core / 2 + below };
}

/** Height of the block when `width` wide. */
export function attestationBlockHeight(fonts: FontPair, content: AttestationContent, width: number): number {
  const { column } = columns(width);
  const body = bodyLines(content).reduce((h, l, i) => h + paragraphHeight(l, { font: i === 0 ? fonts.bold : fonts.regular, size: BODY_SIZE, width }), 0);
  const left = paragraphHeight(content.agency.name, { font: fonts.bold, size: NAME_SIZE, width: column });
  const right =
    paragraphHeight(SIGNER_CAPTION, { font: fonts.bold, size: NAME_SIZE, width: column }) + GAP + signatureRow(fonts, content).height + GAP +
    paragraphHeight(content.official.fullName, { font: fonts.bold, size: NAME_SIZE, width: column }) +
    paragraphHeight(content.official.title, { font: fonts.regular, size: NAME_SIZE, width: column });
  return body + 2 * GAP + Math.max(left, right);
}

/**
 * Draws the lời chứng with its top-left corner at (x, yTop), `width` wide: the statement, the
 * agency's name on the left, and on the right the caption, the two signatures (the official's,
 * the agency's seal over its left third), the official's name and title. Registers the two
 * signature appearances and returns the two signature spots on page `pageIndex`.
 */
export function drawAttestationBlock(
  page: PDFPage,
  pageIndex: number,
  fonts: FontPair,
  content: AttestationContent,
  x: number,
  yTop: number,
  width: number,
): { official: SignatureFieldSpot; agency: SignatureFieldSpot } {
  let y = yTop - BODY_SIZE;
  bodyLines(content).forEach((line, i) => {
    y = drawParagraph(page, line, y, { font: i === 0 ? fonts.bold : fonts.regular, size: BODY_SIZE, x, width });
  });
  const top = y + BODY_SIZE - 2 * GAP;
  const { column, leftX, rightX } = columns(width);

  drawParagraph(page, content.agency.name, top - NAME_SIZE, { font: fonts.bold, size: NAME_SIZE, x: x + leftX, width: column, align: 'center' });

  let ry = drawParagraph(page, SIGNER_CAPTION, top - NAME_SIZE, { font: fonts.bold, size: NAME_SIZE, x: x + rightX, width: column, align: 'center' });
  const row = signatureRow(fonts, content);
  const rowTop = ry + NAME_SIZE - GAP;
  const cy = rowTop - row.core / 2;
  const ox = x + rightX + (column - OFFICIAL_SIGNATURE_WIDTH) / 2;
  const officialRect = rect(ox, cy - row.officialHeight / 2, OFFICIAL_SIGNATURE_WIDTH, row.officialHeight);
  const sealX = ox + OFFICIAL_SIGNATURE_WIDTH / 3 - row.seal.diameter / 2;
  const agencyRect = rect(sealX - row.seal.width / 2, cy + row.seal.diameter / 2 - row.seal.height, row.seal.width, row.seal.height);
  const official = { ...content.official, signedAt: content.signedAt };
  const officialAppearance = officialSignatureAppearance(page.doc, fonts, official, officialRect[2] - officialRect[0], officialRect[3] - officialRect[1]);
  const agencyAppearance = agencySealAppearance(page.doc, fonts, { agencyName: content.agency.name, signedAt: content.signedAt });

  ry = rowTop - row.height - GAP - NAME_SIZE;
  ry = drawParagraph(page, content.official.fullName, ry, { font: fonts.bold, size: NAME_SIZE, x: x + rightX, width: column, align: 'center' });
  drawParagraph(page, content.official.title, ry, { font: fonts.regular, size: NAME_SIZE, x: x + rightX, width: column, align: 'center' });
  return {
    official: { name: 'sig-official', pageIndex, rect: officialRect, appearance: officialAppearance },
    agency: { name: 'sig-agency', pageIndex, rect: agencyRect, appearance: agencyAppearance },
  };
}

/** A widget rectangle; the appearance's BBox is its size, so both are rounded alike. */
export function rect(x: number, y: number, width: number, height: number): [number, number, number, number] {
  const r = (v: number) => Math.round(v * 1000) / 1000;
  return [r(x), r(y), r(x) + r(width), r(y) + r(height)].map(r) as [number, number, number, number];
}
