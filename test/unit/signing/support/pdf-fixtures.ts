import { randomBytes } from 'node:crypto';
import {
  PDFDocument, PDFName, StandardFonts, concatTransformationMatrix, drawObject, popGraphicsState, pushGraphicsState,
} from 'pdf-lib';

export interface FixtureOptions {
  pages: number;
  /** Size of an uncompressed grey image drawn on each page, to reach scan-like file sizes. */
  imageBytesPerPage?: number;
  useObjectStreams?: boolean;
}

/** A pdf-lib document like the composer's: text on every page, optionally a big "scan" image. */
export async function buildPdf(options: FixtureOptions): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < options.pages; i++) {
    const page = doc.addPage([595.28, 841.89]);
    if (options.imageBytesPerPage) {
      const side = Math.floor(Math.sqrt(options.imageBytesPerPage));
      const image = doc.context.register(doc.context.stream(randomBytes(side * side), {
        Type: 'XObject', Subtype: 'Image', Width: side, Height: side, ColorSpace: 'DeviceGray', BitsPerComponent: 8,
      }));
      page.node.setXObject(PDFName.of('Scan'), image);
      page.pushOperators(pushGraphicsState(), concatTransformationMatrix(500, 0, 0, 700, 47, 70), drawObject('Scan'), popGraphicsState());
    }
    page.drawText(`Page ${i + 1} / ${options.pages}`, { x: 50, y: 40, size: 10, font });
  }
  return doc.save({ useObjectStreams: options.useObjectStreams ?? false });
}
