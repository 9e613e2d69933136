import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, type PDFContext, type PDFObject } from 'pdf-lib';
import { OriginalFormatError } from './types';

/** One page of a loaded PDF with the attributes it inherits resolved. */
export interface PageEntry {
  node: PDFDict;
  resources?: PDFDict;
  /** The visible area: CropBox clipped to MediaBox, normalized so that x0 < x1 and y0 < y1. */
  box: { x0: number; y0: number; x1: number; y1: number };
  /** Clockwise display rotation: 0, 90, 180 or 270. */
  rotate: 0 | 90 | 180 | 270;
}

/** Thrown when the tree holds more pages than allowed; carries how many were seen so far. */
export class TooManyPagesError extends OriginalFormatError {
  constructor(readonly limit: number) {
    super(`tệp PDF có nhiều hơn ${limit} trang.`);
    this.name = 'TooManyPagesError';
  }
}

interface Inherited {
  resources?: PDFObject;
  mediaBox?: PDFObject;
  cropBox?: PDFObject;
  rotate?: PDFObject;
}

const US_LETTER = { x0: 0, y0: 0, x1: 612, y1: 792 };
const MAX_DEPTH = 64;

/**
 * Lists the pages in order with an explicit stack (no recursion), a visited set (no cycles), a
 * depth limit and a page limit — pdf-lib's own traversal recurses and follows cycles.
 */
export function collectPages(context: PDFContext, maxPages: number): PageEntry[] {
  const catalog = context.lookup(context.trailerInfo.Root);
  if (!(catalog instanceof PDFDict)) throw new OriginalFormatError('tệp PDF không có danh mục gốc (Catalog).');
  const root = catalog.lookup(PDFName.of('Pages'));
  if (!(root instanceof PDFDict)) throw new OriginalFormatError('tệp PDF không có cây trang.');
  const pages: PageEntry[] = [];
  const visited = new Set<PDFDict>();
  const stack: { node: PDFDict; inherited: Inherited; depth: number }[] = [{ node: root, inherited: {}, depth: 0 }];
  while (stack.length > 0) {
    const { node, inherited, depth } = stack.pop()!;
    if (visited.has(node)) throw new OriginalFormatError('cây trang của tệp PDF có vòng lặp.');
    visited.add(node);
    const own: Inherited = {
      resources: node.get(PDFName.of('Resources')) ?? inherited.resources,
      mediaBox: node.get(PDFName.of('MediaBox')) ?? inherited.mediaBox,
      cropBox: node.get(PDFName.of('CropBox')) ?? inherited.cropBox,
      rotate: node.get(PDFName.of('Rotate')) ?? inherited.rotate,
    };
    const kids = node.lookup(PDFName.of('Kids'));
    const type = node.lookup(PDFName.of('Type'));
    if (kids instanceof PDFArray && type !== PDFName.of('Page')) {
      if (depth >= MAX_DEPTH) throw new OriginalFormatError('cây trang của tệp PDF quá sâu.');
      for (let i = kids.size() - 1; i >= 0; i--) {
        const kid = kids.lookup(i);
        if (kid instanceof PDFDict) stack.push({ node: kid, inherited: own, depth: depth + 1 });
      }
      continue;
    }
    if (type !== undefined && type !== PDFName.of('Page')) continue;
    if (pages.length >= maxPages) throw new TooManyPagesError(maxPages);
    pages.push(toEntry(context, node, own));
  }
  return pages;
}

function toEntry(context: PDFContext, node: PDFDict, inherited: Inherited): PageEntry {
  const resources = deref(context, inherited.resources);
  const media = readBox(context, inherited.mediaBox) ?? US_LETTER;
  const crop = readBox(context, inherited.cropBox);
  const box = crop ? intersect(media, crop) ?? media : media;
  const rotation = deref(context, inherited.rotate);
  const degrees = rotation instanceof PDFNumber ? rotation.asNumber() : 0;
  const normalized = ((Math.round(degrees / 90) * 90) % 360 + 360) % 360;
  return {
    node,
    resources: resources instanceof PDFDict ? resources : undefined,
    box,
    rotate: (degrees % 90 === 0 ? normalized : 0) as PageEntry['rotate'],
  };
}

function deref(context: PDFContext, value: PDFObject | undefined): PDFObject | undefined {
  return value instanceof PDFRef ? context.lookup(value) : value;
}

function readBox(context: PDFContext, value: PDFObject | undefined): PageEntry['box'] | undefined {
  const array = deref(context, value);
  if (!(array instanceof PDFArray) || array.size() !== 4) return undefined;
  const n: number[] = [];
  for (let i = 0; i < 4; i++) {
    const v = deref(context, array.get(i));
    if (!(v instanceof PDFNumber) || !Number.isFinite(v.asNumber())) return undefined;
    n.push(v.asNumber());
  }
  const box = { x0: Math.min(n[0], n[2]), y0: Math.min(n[1], n[3]), x1: Math.max(n[0], n[2]), y1: Math.max(n[1], n[3]) };
  const w = box.x1 - box.x0;
  const h = box.y1 - box.y0;
  // 3..14400 pt is the range PDF readers accept (ISO 32000-1 Annex C).
  return w >= 3 && h >= 3 && w <= 14_400 && h <= 14_400 ? box : undefined;
}

function intersect(a: PageEntry['box'], b: PageEntry['box']): PageEntry['box'] | undefined {
  const box = { x0: Math.max(a.x0, b.x0), y0: Math.max(a.y0, b.y0), x1: Math.min(a.x1, b.x1), y1: Math.min(a.y1, b.y1) };
  return box.x1 - box.x0 >= 3 && box.y1 - box.y0 >= 3 ? box : undefined;
}
