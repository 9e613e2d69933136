import type { AuditEntry } from '../domain/audit';
import type { BookLineColumns } from '../domain/book';
import type { DocumentRecord } from '../domain/document';
import type { RequestRecord } from '../domain/request';
import type { CounterDelta } from '../domain/stats';
import type { Notification } from './notification-repo';

/** One numbering book: an agency's register of one kind for one year (Decree 23 Art. 13). */
export interface BookRef {
  agencyId: string;
  bookCode: string;
  year: number;
}

/** Everything one issuance writes, recorded all together or not at all. */
export interface Issuance {
  book: BookRef;
  /** The number taken: the book's last number as read, plus one. */
  seq: number;
  /** The book (quyển) of the year the line goes into, open when read (Decree 23/2015 Art. 13(2)). */
  bookNo: number;
  /** The columns of the book's line (Circular 01/2020/TT-BTP book form). */
  line: BookLineColumns;
  /** The issued copy; its verify code gets a pointer, and the book's line for `seq` points to it. */
  document: DocumentRecord;
  /** The request as read (the condition) and as issued. */
  request: { before: RequestRecord; after: RequestRecord };
  /** Appended to the request's trail. */
  audit: AuditEntry;
  /** Added to the agency's and to the all-agencies figures of `day`. */
  stats: { day: string; delta: CounterDelta };
  /** The citizen's notification, left in the outbox for delivery. */
  notification: Omit<Notification, 'delivery'>;
}

/** A revocation: the document's new state and its two audit lines, recorded together. */
export interface Revocation {
  /** The document as revoked; recorded only while it still has `previousStatus`. */
  document: DocumentRecord;
  previousStatus: DocumentRecord['status'];
  audit: { document: AuditEntry; request: AuditEntry };
}

/**
 * The register of issued copies (sổ chứng thực / sổ cấp bản sao): hands out numbers and records
 * each issuance (and revocation) atomically. A number is only taken by the commit that records
 * its line, conditioned on the number read, so numbers are never repeated nor skipped.
 */
export interface IssuanceLedger {
  /** The last number given in the book (0 while the year's book is empty). */
  lastNumber(book: BookRef): Promise<number>;
  /** The book (quyển) of the year open for new lines: the one after the last closed (1 at first). */
  openBook(book: BookRef): Promise<number>;
  /**
   * Records an issuance. Rejects with NumberTakenError when the number went to a concurrent
   * issuance or the book `bookNo` was closed meanwhile, with RequestMovedError when the request changed since it was read; any other
   * error means nothing was recorded (an adapter resolves an unknown outcome before answering).
   */
  recordIssuance(issuance: Issuance): Promise<void>;
  /** Records a revocation; rejects with DocumentMovedError when the document changed since it was read. */
  recordRevocation(revocation: Revocation): Promise<void>;
}

/** The number (or, astronomically unlikely, the verify code) was taken meanwhile: the next one is free. */
export class NumberTakenError extends Error {
  constructor(options?: ErrorOptions) {
    super('The number was taken by a concurrent issuance', options);
    this.name = 'NumberTakenError';
  }
}

/** The request was issued or rejected by someone else since it was read. */
export class RequestMovedError extends Error {
  constructor(options?: ErrorOptions) {
    super('The request changed since it was read', options);
    this.name = 'RequestMovedError';
  }
}

/** The document was revoked by someone else since it was read. */
export class DocumentMovedError extends Error {
  constructor(options?: ErrorOptions) {
    super('The document changed since it was read', options);
    this.name = 'DocumentMovedError';
  }
}
