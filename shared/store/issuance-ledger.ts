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

/**
 * A claim on the next number of a book, made before the copy is composed, so that the copy is
 * composed, signed and stored once, for a number no one else can take meanwhile.
 */
export interface NumberClaim {
  book: BookRef;
  /** Who holds the reservation: one fresh id per issuance. */
  holder: string;
  /** The request as read: the reservation is refused when it changed since (no copy to make). */
  request: RequestRecord;
  /** The claimant's clock; the reservation holds until `at + leaseMs`. */
  at: Date;
  leaseMs: number;
}

/** The book's next number, held by `holder` until `until` (or until it is recorded or released). */
export interface Reservation {
  book: BookRef;
  holder: string;
  seq: number;
  until: Date;
}

/** Everything one issuance writes, recorded all together or not at all. */
export interface Issuance {
  book: BookRef;
  /** The number reserved: the book's last number plus one. */
  seq: number;
  /** The holder of the reservation of `seq`: the commit is refused to anyone else. */
  holder: string;
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
  /** The owner's notification, left in the outbox in the same transaction (a closed book has no owner). */
  notification?: Omit<Notification, 'delivery'>;
  /** The issuing agency's figures of the day of the decision. */
  stats?: { day: string; delta: CounterDelta };
  /**
   * The revocation webhook event (docs/webhooks.md), recorded with the revocation so none is lost:
   * the table stream fans it out to the subscriptions of the agencies that verified the copy.
   */
  webhookEvent?: { eventId: string; documentId: string; body: string };
}

/**
 * The register of issued copies (sổ chứng thực / sổ cấp bản sao): hands out numbers and records
 * each issuance (and revocation) atomically. One issuance at a time holds a book's next number
 * (a reservation with a lease); the counter only moves with the commit that records the line,
 * by its holder, so numbers are never repeated nor skipped (Decree 23/2015 Art. 13(2); Circular
 * 01/2020 Art. 4). A holder that died leaves the counter where it was, and once its lease has run
 * out the next claimant takes the same number over: no gap.
 */
export interface IssuanceLedger {
  /** The last number given in the book (0 while the year's book is empty). */
  lastNumber(book: BookRef): Promise<number>;
  /** The book (quyển) of the year open for new lines: the one after the last closed (1 at first). */
  openBook(book: BookRef): Promise<number>;
  /**
   * Reserves the book's next number for `claim.holder` (again, if it holds it already). Rejects
   * with BookBusyError while another holder's lease runs, with RequestMovedError when the request
   * changed since it was read; then nothing is held.
   */
  reserveNumber(claim: NumberClaim): Promise<Reservation>;
  /** Gives the book back when the issuance is abandoned; does nothing unless `holder` holds it. */
  releaseNumber(book: BookRef, holder: string): Promise<void>;
  /**
   * Records an issuance. Rejects with NumberTakenError when its holder no longer holds the
   * reservation of its number (or the verify code was given already) or the book `bookNo` was
   * closed meanwhile, with RequestMovedError when the request changed since it was read; any
   * other error means nothing was recorded (an adapter resolves an unknown outcome before
   * answering). A recorded issuance frees the book.
   */
  recordIssuance(issuance: Issuance): Promise<void>;
  /** Records a revocation; rejects with DocumentMovedError when the document changed since it was read. */
  recordRevocation(revocation: Revocation): Promise<void>;
}

/**
 * The commit's number is not (or no longer) reserved by its holder — its lease ran out and another
 * issuance took the number over — or, astronomically unlikely, the verify code was given already.
 */
export class NumberTakenError extends Error {
  constructor(options?: ErrorOptions) {
    super('The number is not reserved by this issuance', options);
    this.name = 'NumberTakenError';
  }
}

/** Another issuance holds the book's next number: wait and claim again. */
export class BookBusyError extends Error {
  constructor(options?: ErrorOptions) {
    super('Another issuance holds the next number of this book', options);
    this.name = 'BookBusyError';
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
