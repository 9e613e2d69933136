import { ObjectResolver } from './object-resolver';
import type { PdfDict, PdfIndirectObject, PdfNode } from './objects';
import type { Revision } from './revisions';
import type { WorkBudget } from './work-budget';
import type { XrefEntry } from './xref-section';

/**
 * Object access as the document stood at the end of one revision (as pyHanko's
 * HistoricalResolver): an object rewritten by a later revision reads as it was then.
 */
export class HistoricalView extends ObjectResolver {
  constructor(buf: Uint8Array, revisions: readonly Revision[], readonly revision: Revision, budget: WorkBudget, parsedAt?: Map<number, PdfIndirectObject>) {
    super(buf, (num) => newestEntry(revisions, revision.index, num), budget, revision.end, parsedAt);
  }

  /** The trailer of the viewed revision. */
  get trailer(): PdfDict {
    return this.revision.trailer;
  }

  /** The dictionary at `node` (direct, or through a reference), or undefined when it is something else. */
  dict(node: PdfNode | undefined): PdfDict | undefined {
    const value = this.resolve(node);
    return value?.kind === 'dict' ? value : undefined;
  }
}

/**
 * The newest entry of an object up to revision `upTo`. Looked up section by section instead of
 * merging maps, so hostile files cost no memory per revision.
 */
function newestEntry(revisions: readonly Revision[], upTo: number, num: number): XrefEntry | null | undefined {
  for (let i = upTo; i >= 0; i--) {
    const entry = revisions[i].section.get(num);
    if (entry !== undefined) return entry;
  }
  return undefined;
}
