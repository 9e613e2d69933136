import { SigningError } from './errors';
import { parseIndirectObjectAt, type PdfDict, type PdfIndirectObject, type PdfNode, type PdfRef } from './pdf-syntax';
import { readXrefIndex, type XrefIndex } from './pdf-xref';

/**
 * Random access to the newest version of individual objects through the xref tables. We read
 * only the handful of dictionaries a signature touches, which is why this beats loading the
 * whole document with pdf-lib by orders of magnitude on large scans.
 */
export class PdfObjectReader {
  readonly xref: XrefIndex;
  private readonly cache = new Map<number, PdfIndirectObject>();

  constructor(readonly buf: Uint8Array) {
    this.xref = readXrefIndex(buf);
  }

  /** The indirect object a reference points to (its newest revision). */
  object(ref: PdfRef): PdfIndirectObject {
    const cached = this.cache.get(ref.num);
    if (cached) return cached;
    const entry = this.xref.entries.get(ref.num);
    if (!entry || entry.gen !== ref.gen) {
      throw new SigningError('unsupported-pdf', `Object ${ref.num} ${ref.gen} R is not in the cross-reference table.`);
    }
    const parsed = parseIndirectObjectAt(this.buf, entry.offset, ref.num, ref.gen);
    this.cache.set(ref.num, parsed);
    return parsed;
  }

  /** Follows a reference (if it is one) and returns the direct value. */
  resolve(node: PdfNode): PdfNode {
    return node.kind === 'ref' ? this.object(node).value : node;
  }

  /** The dictionary a reference points to; `what` names it in the error if it is anything else. */
  dict(ref: PdfRef, what: string): PdfDict {
    const obj = this.object(ref);
    if (obj.value.kind !== 'dict' || obj.isStream) {
      throw new SigningError('unsupported-pdf', `The ${what} (object ${ref.num} ${ref.gen}) is not a plain dictionary.`);
    }
    return obj.value;
  }
}
