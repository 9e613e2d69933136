import {
  beginText,
  closePath,
  drawEllipsePath,
  endText,
  fill,
  lineTo,
  moveTo,
  popGraphicsState,
  pushGraphicsState,
  setFillingRgbColor,
  setFontAndSize,
  setLineWidth,
  setStrokingRgbColor,
  setTextMatrix,
  showText,
  stroke,
  type PDFDocument,
  type PDFFont,
  type PDFOperator,
} from 'pdf-lib';
import { isoVnDateTime } from '../domain/dates';
import type { FontPair } from './fonts';
import { MIN_TEXT_SIZE } from './layout';
import { cleanText, wrapText } from './text-layout';

/**
 * The visible signatures (Decree 30/2020/NĐ-CP, Annex I, "hình thức, vị trí chữ ký số"): each is a
 * Form XObject that becomes the signature widget's normal appearance (/AP /N) when the signer
 * adds the widget, so that the signature's byte range covers what it shows.
 *
 * - The person's signature shows who signed, the title and the signing time, in blue (Annex I
 *   asks for the signer's signature image in blue; we have no handwritten image, so we print the
 *   facts it stands for).
 * - The agency's signature is the seal, red, on a transparent background, overlapping about the
 *   left third of the person's signature, with the agency's name and the signing time in ISO 8601
 *   (date; hour, minute, second; Vietnam time zone). Agencies have no uploaded seal image yet, so
 *   the seal is drawn as vectors: two circles, the name around the ring, a star in the centre.
 */

const LEADING = MIN_TEXT_SIZE * 1.3;
const PADDING = 4;
/** Blue of the person's signature, red of the seal (Annex I). */
const BLUE: [number, number, number] = [0.05, 0.2, 0.62];
const RED: [number, number, number] = [0.85, 0.08, 0.1];

/** Width of the person's signature area; its left third lies under the seal. */
export const OFFICIAL_SIGNATURE_WIDTH = 222;
/** Smallest height of the person's signature area. */
export const OFFICIAL_SIGNATURE_MIN_HEIGHT = 80;
/**
 * Seal diameter: a commune People's Committee seal is about 35 mm across (≈ 99 pt); the ring
 * grows when a long name needs more room at 9 pt.
 */
export const SEAL_DIAMETER = 100;
const RING = 13;
/** Largest arc of the ring the name may take, so that its two ends stay apart. */
const MAX_NAME_ARC = (300 / 180) * Math.PI;

const FONT_NAMES = { regular: 'SigR', bold: 'SigB' } as const;

export interface OfficialSignatureContent {
  fullName: string;
  title: string;
  signedAt: Date;
}

export interface AgencySealContent {
  agencyName: string;
  signedAt: Date;
}

/** The three lines of the person's signature, wrapped to the part the seal leaves free. */
function officialLines(fonts: FontPair, content: OfficialSignatureContent, width: number): { text: string; bold: boolean }[] {
  const free = textWidth(width);
  const parts: [string, boolean][] = [
    [`Người ký: ${cleanText(content.fullName)}`, true],
    [`Chức danh: ${cleanText(content.title)}`, false],
    [`Thời gian ký: ${isoVnDateTime(content.signedAt)}`, false],
  ];
  return parts.flatMap(([text, bold]) => wrapText(text, bold ? fonts.bold : fonts.regular, MIN_TEXT_SIZE, free).map((line) => ({ text: line, bold })));
}

/** Text of the person's signature starts right of the third the seal covers. */
const textLeft = (width: number) => width / 3 + PADDING;
const textWidth = (width: number) => width - textLeft(width) - PADDING;

/** Height the person's signature needs at `width` (at least OFFICIAL_SIGNATURE_MIN_HEIGHT). */
export function officialSignatureHeight(fonts: FontPair, content: OfficialSignatureContent, width = OFFICIAL_SIGNATURE_WIDTH): number {
  return Math.max(OFFICIAL_SIGNATURE_MIN_HEIGHT, officialLines(fonts, content, width).length * LEADING + 2 * PADDING);
}

/** Registers the person's signature appearance, `width` × `height`; returns its object number. */
export function officialSignatureAppearance(
  doc: PDFDocument, fonts: FontPair, content: OfficialSignatureContent, width: number, height: number,
): number {
  const lines = officialLines(fonts, content, width);
  const ops: PDFOperator[] = [];
  let y = height / 2 + (lines.length * LEADING) / 2 - MIN_TEXT_SIZE;
  for (const line of lines) {
    ops.push(...textOps(line.bold ? fonts.bold : fonts.regular, line.bold ? FONT_NAMES.bold : FONT_NAMES.regular, line.text, textLeft(width), y, 0, BLUE));
    y -= LEADING;
  }
  return register(doc, fonts, ops, width, height);
}

/** The seal's diameter for this agency name (the name must fit the ring at 9 pt). */
export function sealDiameter(fonts: FontPair, agencyName: string): number {
  const nameWidth = fonts.bold.widthOfTextAtSize(ringText(agencyName), MIN_TEXT_SIZE);
  const radius = nameWidth / MAX_NAME_ARC + RING - 3;
  return Math.max(SEAL_DIAMETER, Math.ceil(2 * radius + 2));
}

/** Size of the agency's signature widget: the seal with the time line under it. */
export function agencySealSize(fonts: FontPair, content: AgencySealContent): { width: number; height: number; diameter: number } {
  const diameter = sealDiameter(fonts, content.agencyName);
  const time = fonts.regular.widthOfTextAtSize(isoVnDateTime(content.signedAt), MIN_TEXT_SIZE);
  return { width: Math.ceil(Math.max(diameter, time + 2 * PADDING)), height: diameter + LEADING + PADDING, diameter };
}

/** Registers the agency's seal appearance (size from agencySealSize); returns its object number. */
export function agencySealAppearance(doc: PDFDocument, fonts: FontPair, content: AgencySealContent): number {
  const { width, height, diameter } = agencySealSize(fonts, content);
  const cx = width / 2;
  const cy = height - diameter / 2;
  const outer = diameter / 2 - 1.5;
  const inner = outer - RING;
  const ops: PDFOperator[] = [
    pushGraphicsState(), setStrokingRgbColor(...RED), setFillingRgbColor(...RED),
    setLineWidth(2.2), ...circle(cx, cy, outer), stroke(),
    setLineWidth(0.9), ...circle(cx, cy, inner), stroke(),
    ...star(cx, cy, inner * 0.42), fill(),
    popGraphicsState(),
  ];
  ops.push(...ringOps(fonts.bold, ringText(content.agencyName), cx, cy, outer - RING + 2.4));
  const time = isoVnDateTime(content.signedAt);
  const timeX = cx - fonts.regular.widthOfTextAtSize(time, MIN_TEXT_SIZE) / 2;
  ops.push(...textOps(fonts.regular, FONT_NAMES.regular, time, timeX, PADDING + 2, 0, RED));
  return register(doc, fonts, ops, width, height);
}

const ringText = (name: string) => cleanText(name).toLocaleUpperCase('vi');

/** The name along the top of the ring, read left to right, each glyph upright to the centre. */
function ringOps(font: PDFFont, text: string, cx: number, cy: number, radius: number): PDFOperator[] {
  const chars = Array.from(text);
  const widths = chars.map((c) => font.widthOfTextAtSize(c, MIN_TEXT_SIZE));
  const total = widths.reduce((a, b) => a + b, 0) / radius;
  let angle = Math.PI / 2 + total / 2;
  const ops: PDFOperator[] = [];
  chars.forEach((ch, i) => {
    const half = widths[i] / 2 / radius;
    const mid = angle - half;
    angle -= 2 * half;
    if (ch === ' ') return;
    const [sin, cos] = [Math.sin(mid), Math.cos(mid)];
    // Baseline runs clockwise (sin, -cos), glyphs stand outward (cos, sin).
    const x = cx + radius * cos - (widths[i] / 2) * sin;
    const y = cy + radius * sin + (widths[i] / 2) * cos;
    ops.push(...textOps(font, FONT_NAMES.bold, ch, x, y, mid, RED));
  });
  return ops;
}

function textOps(font: PDFFont, name: string, text: string, x: number, y: number, angle: number, color: [number, number, number]): PDFOperator[] {
  const [sin, cos] = angle === 0 ? [0, 1] : [Math.sin(angle), Math.cos(angle)];
  // For angle θ on the ring the matrix is [sinθ −cosθ cosθ sinθ]; for straight text, the identity.
  const m: [number, number, number, number] = angle === 0 ? [1, 0, 0, 1] : [sin, -cos, cos, sin];
  return [
    beginText(), setFillingRgbColor(...color), setFontAndSize(name, MIN_TEXT_SIZE),
    setTextMatrix(...m.map(round) as [number, number, number, number], round(x), round(y)),
    showText(font.encodeText(text)), endText(),
  ];
}

const round = (v: number) => Math.round(v * 1000) / 1000;

function circle(cx: number, cy: number, r: number): PDFOperator[] {
  // drawEllipsePath wraps the path in q … Q; the painting operator must follow inside it.
  const path = drawEllipsePath({ x: cx, y: cy, xScale: r, yScale: r });
  return path.slice(1, -1);
}

function star(cx: number, cy: number, r: number): PDFOperator[] {
  const ops: PDFOperator[] = [];
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 === 0 ? r : r * 0.4;
    const a = Math.PI / 2 + (i * Math.PI) / 5;
    const [x, y] = [round(cx + radius * Math.cos(a)), round(cy + radius * Math.sin(a))];
    ops.push(i === 0 ? moveTo(x, y) : lineTo(x, y));
  }
  ops.push(closePath());
  return ops;
}

function register(doc: PDFDocument, fonts: FontPair, ops: PDFOperator[], width: number, height: number): number {
  const form = doc.context.formXObject(ops, {
    BBox: [0, 0, round(width), round(height)],
    Resources: { Font: { [FONT_NAMES.regular]: fonts.regular.ref, [FONT_NAMES.bold]: fonts.bold.ref } },
  });
  return doc.context.register(form).objectNumber;
}
