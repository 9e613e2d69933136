import type { PDFPage } from 'pdf-lib';
import type { FontPair } from './fonts';
import { drawStampBox } from './page-chrome';
import { cleanText, drawParagraph, paragraphHeight } from './text-layout';
import type { SignatureFieldSpot } from './types';

/** What the lời chứng block shows. */
export interface AttestationContent {
  lines: string[];
  official: { fullName: string; title: string };
  agency: { name: string };
}

/** Caption above the official's signature (template annexed to Decree 23/2015/NĐ-CP). */
export const SIGNER_CAPTION = 'Người thực hiện chứng thực';
export const OFFICIAL_STAMP_CAPTION = 'Chữ ký số của người thực hiện chứng thực';
export const AGENCY_STAMP_CAPTION = 'Chữ ký số của cơ quan (con dấu điện tử)';
export const STAMP_WIDTH = 190;
export const STAMP_HEIGHT = 64;

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
  const column = Math.max(STAMP_WIDTH, (width - COLUMN_GAP) / 2);
  return { column, leftX: 0, rightX: width - column };
}

/** Height of the block when `width` wide. */
export function attestationBlockHeight(fonts: FontPair, content: AttestationContent, width: number): number {
  const { column } = columns(width);
  const body = bodyLines(content).reduce((h, l, i) => h + paragraphHeight(l, { font: i === 0 ? fonts.bold : fonts.regular, size: BODY_SIZE, width }), 0);
  const left = paragraphHeight(content.agency.name, { font: fonts.bold, size: NAME_SIZE, width: column }) + GAP + STAMP_HEIGHT;
  const right =
    paragraphHeight(SIGNER_CAPTION, { font: fonts.bold, size: NAME_SIZE, width: column }) + GAP + STAMP_HEIGHT + GAP +
    paragraphHeight(content.official.fullName, { font: fonts.bold, size: NAME_SIZE, width: column }) +
    paragraphHeight(content.official.title, { font: fonts.regular, size: NAME_SIZE, width: column });
  return body + 2 * GAP + Math.max(left, right);
}

/**
 * Draws the lời chứng with its top-left corner at (x, yTop), `width` wide: the statement, then the
 * agency's column (name, seal area) on the left and the official's (caption, signature area,
 * name, title) on the right. Returns the two signature spots on page `pageIndex`.
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
  const stampX = (colX: number) => x + colX + (column - STAMP_WIDTH) / 2;

  const ly = drawParagraph(page, content.agency.name, top - NAME_SIZE, { font: fonts.bold, size: NAME_SIZE, x: x + leftX, width: column, align: 'center' });
  const agencyRect = rect(stampX(leftX), ly + NAME_SIZE - GAP - STAMP_HEIGHT);
  drawStampBox(page, fonts, agencyRect, AGENCY_STAMP_CAPTION);

  let ry = drawParagraph(page, SIGNER_CAPTION, top - NAME_SIZE, { font: fonts.bold, size: NAME_SIZE, x: x + rightX, width: column, align: 'center' });
  const officialRect = rect(stampX(rightX), ry + NAME_SIZE - GAP - STAMP_HEIGHT);
  drawStampBox(page, fonts, officialRect, OFFICIAL_STAMP_CAPTION);
  ry = officialRect[1] - GAP - NAME_SIZE;
  ry = drawParagraph(page, content.official.fullName, ry, { font: fonts.bold, size: NAME_SIZE, x: x + rightX, width: column, align: 'center' });
  drawParagraph(page, content.official.title, ry, { font: fonts.regular, size: NAME_SIZE, x: x + rightX, width: column, align: 'center' });
  return {
    official: { name: 'sig-official', pageIndex, rect: officialRect },
    agency: { name: 'sig-agency', pageIndex, rect: agencyRect },
  };
}

function rect(x: number, y: number): [number, number, number, number] {
  const r = (v: number) => Math.round(v * 100) / 100;
  return [r(x), r(y), r(x + STAMP_WIDTH), r(y + STAMP_HEIGHT)];
}
