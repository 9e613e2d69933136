/** The three kinds of original the service accepts. */
export type OriginalContentType = 'application/pdf' | 'image/jpeg' | 'image/png';

/**
 * Where a signature widget goes: `rect` is `[llx, lly, urx, ury]` in PDF points, in the default
 * user space of page `pageIndex` (0-based) — the same convention as an annotation's `/Rect`.
 */
export interface SignatureFieldSpot {
  name: string;
  pageIndex: number;
  rect: [number, number, number, number];
  /**
   * Object number (generation 0) of a Form XObject already in the PDF that shows the signature
   * (shared/pdf/signature-appearance.ts); it becomes the widget's /AP /N, inside the signed bytes.
   * Without it the widget gets an empty appearance.
   */
  appearance?: number;
}

/** One uploaded original, as stored. */
export interface OriginalFile {
  bytes: Uint8Array;
  contentType: OriginalContentType;
  fileName: string;
  /** One side of an ID card (see OriginalSchema.side): a front and its back share one A4 page. */
  side?: 'id-card-front' | 'id-card-back';
}

/** A composed, not yet signed copy: the PDF bytes and where the signature widgets go. */
export interface ComposedCopy {
  pdf: Uint8Array;
  pages: number;
  fields: { official?: SignatureFieldSpot; agency: SignatureFieldSpot };
}

/**
 * Raised inside shared/pdf when bytes are not what they should be; the public functions turn it
 * into an OriginalRejectedError that names the file. `message` is Vietnamese, for the citizen.
 */
export class OriginalFormatError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'OriginalFormatError';
  }
}
