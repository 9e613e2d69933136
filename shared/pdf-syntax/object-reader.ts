import { malformed } from './errors';
import { ObjectResolver } from './object-resolver';
import type { PdfArray, PdfDict, PdfRef } from './objects';
import { WorkBudget } from './work-budget';
import { readXrefIndex, type XrefIndex } from './xref-index';

/**
 * Random access to the newest version of individual objects through the merged cross-reference
 * sections. Reading only the handful of dictionaries a signature touches beats loading the whole
 * document by orders of magnitude on large scans.
 */
export class PdfObjectReader extends ObjectResolver {
  readonly xref: XrefIndex;

  constructor(buf: Uint8Array, budget = new WorkBudget()) {
    const xref = readXrefIndex(buf, budget);
    super(buf, (num) => xref.entries.get(num), budget);
    this.xref = xref;
  }

  /** The dictionary a reference points to; `what` names it in the error if it is anything else. */
  dict(ref: PdfRef, what: string): PdfDict {
    const obj = this.object(ref);
    if (obj.value.kind !== 'dict' || obj.isStream) throw malformed(`The ${what} (object ${ref.num} ${ref.gen}) is not a plain dictionary.`);
    return obj.value;
  }

  /** The array a reference points to; `what` names it in the error if it is anything else. */
  array(ref: PdfRef, what: string): PdfArray {
    const value = this.object(ref).value;
    if (value.kind !== 'array') throw malformed(`The ${what} (object ${ref.num}) is not an array.`);
    return value;
  }
}
