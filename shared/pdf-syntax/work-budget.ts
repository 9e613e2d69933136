import { PdfSyntaxError } from './errors';

/** Work limits against hostile files: every loop over file structure is bounded by one of these. */
export interface WorkLimits {
  /** Revisions (cross-reference sections) followed through /Prev. */
  revisions: number;
  /** Indirect objects parsed, over all revisions and object streams. */
  objectsParsed: number;
  /** Cross-reference entries read, over all sections. */
  xrefEntries: number;
  /** Bytes produced by decompression, over all streams. */
  inflatedBytes: number;
}

/** Far beyond any real document, far below what would hurt a Lambda. */
export const DEFAULT_LIMITS: Readonly<WorkLimits> = {
  revisions: 64,
  objectsParsed: 20_000,
  xrefEntries: 500_000,
  inflatedBytes: 64 * 1024 * 1024,
};

export type WorkKind = keyof WorkLimits;

/**
 * Counts the work one caller does on one file. Each reader spends from it before the work, so a
 * hostile file stops with a 'limit' error, and tests assert on counts rather than elapsed time.
 */
export class WorkBudget {
  readonly limits: Readonly<WorkLimits>;
  private readonly spent: WorkLimits = { revisions: 0, objectsParsed: 0, xrefEntries: 0, inflatedBytes: 0 };

  constructor(limits: Partial<WorkLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** Records `amount` units of work, throwing a 'limit' PdfSyntaxError past the limit. */
  spend(kind: WorkKind, amount = 1): void {
    this.spent[kind] += amount;
    if (this.spent[kind] > this.limits[kind]) {
      throw new PdfSyntaxError('limit', `the file asks for more than ${this.limits[kind]} ${kind} of work`);
    }
  }

  /** What is left of one kind of work (never negative). */
  remaining(kind: WorkKind): number {
    return Math.max(0, this.limits[kind] - this.spent[kind]);
  }

  /** The work done so far, per kind. */
  used(): Readonly<WorkLimits> {
    return { ...this.spent };
  }
}
