import { PDFDocument } from 'pdf-lib';

/** A4 portrait, in points. */
export const A4: [number, number] = [595.28, 841.89];
/** Margin around text and laid-out images. */
export const MARGIN = 36;
/** No text the service prints on a copy is smaller than this (issue #17: legible on paper). */
export const MIN_TEXT_SIZE = 9;
/** Resolution assumed for an image that states none (a common scanner setting). */
export const ASSUMED_DPI = 150;

/** A fresh document for a composed copy (pdf-lib adds no metadata of its own). */
export async function newCopyDocument(): Promise<PDFDocument> {
  return PDFDocument.create({ updateMetadata: false });
}

/** Serializes a composed copy with a classic cross-reference table (the signer appends to it). */
export async function saveCopy(doc: PDFDocument): Promise<Uint8Array> {
  return doc.save({ useObjectStreams: false, addDefaultPage: false, objectsPerTick: Infinity, updateFieldAppearances: false });
}

/**
 * Size of an image on paper: its stated resolution (or ASSUMED_DPI), shrunk to fit the box
 * (never enlarged), aspect kept.
 */
export function fitImage(
  widthPx: number,
  heightPx: number,
  dpi: { x: number; y: number } | undefined,
  boxWidth: number,
  boxHeight: number,
): { width: number; height: number } {
  const naturalW = (widthPx / (dpi?.x ?? ASSUMED_DPI)) * 72;
  const naturalH = (heightPx / (dpi?.y ?? ASSUMED_DPI)) * 72;
  const scale = Math.min(1, boxWidth / naturalW, boxHeight / naturalH);
  return { width: naturalW * scale, height: naturalH * scale };
}
