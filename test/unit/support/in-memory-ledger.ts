import type { AuditEntry } from '../../../shared/domain/audit';
import type { DocumentRecord } from '../../../shared/domain/document';
import type { RequestRecord } from '../../../shared/domain/request';
import {
  BookBusyError, DocumentMovedError, NumberTakenError, RequestMovedError,
  type BookRef, type Issuance, type IssuanceLedger, type NumberClaim, type Reservation, type Revocation,
} from '../../../shared/store/issuance-ledger';
import type { Notification } from '../../../shared/store/notification-repo';
import { ALL_AGENCIES } from '../../../shared/store/stats-repo';

/** A numbered line of a book: the number and what it was given to. */
export interface RegisterLine {
  seq: number;
  documentId: string;
  requestId: string;
  verifyCode: string;
}

const bookKey = (b: BookRef) => `${b.agencyId}#${b.bookCode}#${b.year}`;

/**
 * The ledger's contract in memory, for the use cases' unit tests: a reservation is refused while
 * another holder's lease runs, and one commit checks every condition the DynamoDB transaction
 * checks (the number reserved by the commit's holder, request unchanged, line, document and
 * verify code new) and then writes everything, or nothing. Requests live in the map the tests'
 * request reader shares, as they share the table in AWS.
 */
export class InMemoryIssuanceLedger implements IssuanceLedger {
  readonly counters = new Map<string, number>();
  readonly books = new Map<string, RegisterLine[]>();
  readonly documents = new Map<string, DocumentRecord>();
  /** Closed books: "{agency}#{code}#{year}#{bookNo}" (Decree 23/2015 Art. 14(1)). */
  readonly closedBooks = new Set<string>();
  /** The book each number went into, by "{agency}#{code}#{year}#{seq}". */
  readonly lineBooks = new Map<string, { bookNo: number; line: Issuance['line'] }>();
  readonly verifyCodes = new Map<string, string>();
  readonly audit: { owner: string; entry: AuditEntry }[] = [];
  readonly stats = new Map<string, Record<string, number>>();
  readonly outbox: Notification[] = [];
  /** Revocation webhook events, recorded with their revocation. */
  readonly webhookEvents: { eventId: string; documentId: string; body: string }[] = [];
  /** The live or lapsed reservation of each book (dropped by its commit or release). */
  readonly reservations = new Map<string, { holder: string; until: number }>();
  commits = 0;
  reserveCalls = 0;
  /** Runs at the start of every reservation: a test frees a book held elsewhere, or throws (a fault). */
  beforeReserve?: (claim: NumberClaim) => void | Promise<void>;
  /** Runs at the start of every commit: a test throws from it (a fault) or takes a number meanwhile. */
  beforeCommit?: (issuance: Issuance) => void | Promise<void>;

  constructor(readonly requests: Map<string, RequestRecord>) {}

  async lastNumber(book: BookRef): Promise<number> {
    return this.counters.get(bookKey(book)) ?? 0;
  }

  async openBook(book: BookRef): Promise<number> {
    let n = 1;
    while (this.closedBooks.has(`${bookKey(book)}#${n}`)) n += 1;
    return n;
  }

  /** The lines of a book, in number order. */
  lines(book: BookRef): RegisterLine[] {
    return [...(this.books.get(bookKey(book)) ?? [])].sort((a, b) => a.seq - b.seq);
  }

  async reserveNumber(claim: NumberClaim): Promise<Reservation> {
    this.reserveCalls += 1;
    await this.beforeReserve?.(claim);
    const { book, holder, request } = claim;
    const held = this.reservations.get(bookKey(book));
    if (held && held.holder !== holder && held.until > claim.at.getTime()) throw new BookBusyError();
    const stored = this.requests.get(request.id);
    if (stored?.status !== request.status || stored.updatedAt !== request.updatedAt) throw new RequestMovedError();
    const until = claim.at.getTime() + claim.leaseMs;
    this.reservations.set(bookKey(book), { holder, until });
    return { book, holder, seq: (this.counters.get(bookKey(book)) ?? 0) + 1, until: new Date(until) };
  }

  async releaseNumber(book: BookRef, holder: string): Promise<void> {
    if (this.reservations.get(bookKey(book))?.holder === holder) this.reservations.delete(bookKey(book));
  }

  /**
   * What a concurrent issuance in another process does to the book: takes its next number, unless
   * a reservation holds the book; then it would wait, and takes nothing (undefined).
   */
  takeNumberElsewhere(book: BookRef): number | undefined {
    if (this.reservations.has(bookKey(book))) return undefined;
    const seq = (this.counters.get(bookKey(book)) ?? 0) + 1;
    this.counters.set(bookKey(book), seq);
    this.books.set(bookKey(book), [...(this.books.get(bookKey(book)) ?? []), { seq, documentId: `elsewhere-${seq}`, requestId: `elsewhere-${seq}`, verifyCode: `elsewhere-${seq}` }]);
    return seq;
  }

  async recordIssuance(issuance: Issuance): Promise<void> {
    this.commits += 1;
    await this.beforeCommit?.(issuance);
    const { book, seq, document: doc, request } = issuance;
    const stored = this.requests.get(request.before.id);
    if (stored?.status !== request.before.status || stored.updatedAt !== request.before.updatedAt) throw new RequestMovedError();
    const reserved = this.reservations.get(bookKey(book))?.holder === issuance.holder;
    const numberFree = (this.counters.get(bookKey(book)) ?? 0) === seq - 1 && !this.lines(book).some((l) => l.seq === seq);
    if (!reserved || !numberFree || this.documents.has(doc.id) || this.verifyCodes.has(doc.verifyCode)) throw new NumberTakenError();
    if (this.closedBooks.has(`${bookKey(book)}#${issuance.bookNo}`)) throw new NumberTakenError();
    this.lineBooks.set(`${bookKey(book)}#${seq}`, { bookNo: issuance.bookNo, line: issuance.line });

    this.reservations.delete(bookKey(book));
    this.counters.set(bookKey(book), seq);
    this.books.set(bookKey(book), [...(this.books.get(bookKey(book)) ?? []), { seq, documentId: doc.id, requestId: doc.requestId, verifyCode: doc.verifyCode }]);
    this.documents.set(doc.id, doc);
    this.verifyCodes.set(doc.verifyCode, doc.id);
    this.requests.set(request.after.id, request.after);
    this.audit.push({ owner: `REQ#${doc.requestId}`, entry: issuance.audit });
    for (const owner of [book.agencyId, ALL_AGENCIES]) {
      const day = { ...this.stats.get(`${owner}#${issuance.stats.day}`) };
      for (const [name, value] of Object.entries(issuance.stats.delta)) day[name] = (day[name] ?? 0) + (value ?? 0);
      this.stats.set(`${owner}#${issuance.stats.day}`, day);
    }
    this.outbox.push({ ...issuance.notification, delivery: 'pending' });
  }

  async recordRevocation(revocation: Revocation): Promise<void> {
    const doc = revocation.document;
    if (this.documents.get(doc.id)?.status !== revocation.previousStatus) throw new DocumentMovedError();
    this.documents.set(doc.id, doc);
    this.audit.push({ owner: `DOC#${doc.id}`, entry: revocation.audit.document }, { owner: `REQ#${doc.requestId}`, entry: revocation.audit.request });
    if (revocation.notification) this.outbox.push({ ...revocation.notification, delivery: 'pending' });
    if (revocation.stats) this.bump(doc.agencyId, revocation.stats.day, revocation.stats.delta);
    if (revocation.webhookEvent) this.webhookEvents.push(revocation.webhookEvent);
  }

  private bump(agencyId: string, dayKey: string, delta: Record<string, number | undefined>): void {
    for (const owner of [agencyId, ALL_AGENCIES]) {
      const day = { ...this.stats.get(`${owner}#${dayKey}`) };
      for (const [name, value] of Object.entries(delta)) day[name] = (day[name] ?? 0) + (value ?? 0);
      this.stats.set(`${owner}#${dayKey}`, day);
    }
  }

  /** The trail of `owner` (e.g. `REQ#<id>`), oldest first. */
  trail(owner: string): AuditEntry[] {
    return this.audit.filter((a) => a.owner === owner).map((a) => a.entry);
  }
}
