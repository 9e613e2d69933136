import { randomBytes } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RequestRecord } from '../domain/request';
import { AuditRepository } from './audit-repo';
import { DocumentRepository } from './document-repo';
import {
  BookBusyError, DocumentMovedError, NumberTakenError, RequestMovedError,
  type BookRef, type Issuance, type IssuanceLedger, type NumberClaim, type Reservation, type Revocation,
} from './issuance-ledger';
import { NotificationRepository } from './notification-repo';
import { RegisterBookRepository } from './register-book-repo';
import { RequestRepository } from './request-repo';
import { StatsRepository } from './stats-repo';
import { SubscriptionRepository } from './subscription-repo';
import { ConditionFailedError, transact } from './transact';

/** The repositories whose items one issuance transaction is made of. */
export interface LedgerRepositories {
  book: RegisterBookRepository;
  documents: DocumentRepository;
  requests: RequestRepository;
  audit: AuditRepository;
  stats: StatsRepository;
  notifications: NotificationRepository;
  /** Webhook subscriptions and events (a revocation records its event in its own transaction). */
  subscriptions: SubscriptionRepository;
}

/** The ledger's repositories over one table (the composition root shares them with the use cases). */
export function ledgerRepositories(db: DynamoDBDocumentClient, tableName: string): LedgerRepositories {
  return {
    book: new RegisterBookRepository(db, tableName),
    documents: new DocumentRepository(db, tableName),
    requests: new RequestRepository(db, tableName),
    audit: new AuditRepository(db, tableName),
    stats: new StatsRepository(db, tableName),
    notifications: new NotificationRepository(db, tableName),
    subscriptions: new SubscriptionRepository(db, tableName),
  };
}

/**
 * The issuance ledger in the single table: the reservation is a conditional write on the book's
 * counter item; each issuance is ONE TransactWriteItems — counter (conditioned on the number
 * before it and on the reservation, which it ends), register line, document, verify-code pointer, request
 * (conditioned on the state read), audit, day counters and outbox (docs/architecture.md).
 */
export class DynamoIssuanceLedger implements IssuanceLedger {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly repos: LedgerRepositories,
  ) {}

  lastNumber(book: BookRef): Promise<number> {
    return this.repos.book.current(book.agencyId, book.bookCode, book.year);
  }

  openBook(book: BookRef): Promise<number> {
    return this.repos.book.openBook(book.agencyId, book.bookCode, book.year);
  }

  async reserveNumber(claim: NumberClaim): Promise<Reservation> {
    const { book, holder, request } = claim;
    const until = claim.at.getTime() + claim.leaseMs;
    const seq = await this.repos.book.reserve(book.agencyId, book.bookCode, book.year, { holder, until }, claim.at.getTime());
    if (seq === undefined) throw new BookBusyError();
    // Read after the reservation: no other issuance of this request (same book) can commit while
    // it is held, so a request found unchanged here can only be moved by a refusal or cancellation.
    let now: RequestRecord | undefined;
    try {
      now = await this.repos.requests.get(request.id);
    } catch (e) {
      await this.releaseNumber(book, holder).catch(() => undefined);
      throw e;
    }
    if (now?.status !== request.status || now.updatedAt !== request.updatedAt) {
      await this.releaseNumber(book, holder);
      throw new RequestMovedError();
    }
    return { book, holder, seq, until: new Date(until) };
  }

  releaseNumber(book: BookRef, holder: string): Promise<void> {
    return this.repos.book.release(book.agencyId, book.bookCode, book.year, holder);
  }

  async recordIssuance(issuance: Issuance): Promise<void> {
    const { book, document: doc, request } = issuance;
    const { requests, audit, stats, notifications } = this.repos;
    const requestItem = requests.replaceItem(request.after, request.before);
    const items = [
      ...this.repos.book.takeNumberItems(book.agencyId, book.bookCode, book.year, issuance.seq - 1, issuance.holder, {
        // The book form's columns (Decree 23/2015 Art. 13(1)), the book it is in (Art. 13(2)).
        ...issuance.line, issuedAt: doc.issuedAt, bookNo: issuance.bookNo,
      }),
      ...this.repos.documents.createItems(doc),
      requestItem,
      audit.appendItem(`REQ#${doc.requestId}`, issuance.audit),
      ...stats.bumpItems(book.agencyId, issuance.stats.day, issuance.stats.delta),
      notifications.outboxItem(issuance.notification, randomBytes(4).toString('hex')),
      // Last, so the items above keep their places: the book is still open (Decree 23/2015 Art. 13(2)).
      this.repos.book.openCheckItem(book.agencyId, book.bookCode, book.year, issuance.bookNo),
    ];
    try {
      await transact(this.db, items);
    } catch (e) {
      if (e instanceof ConditionFailedError) {
        throw e.failed.includes(items.indexOf(requestItem)) ? new RequestMovedError({ cause: e }) : new NumberTakenError({ cause: e });
      }
      // Unknown outcome (e.g. the connection dropped after DynamoDB committed): the request
      // record says whether this very transaction was committed. If so, it went well.
      if (!(await this.committed(doc.requestId, doc.id))) throw e;
    }
  }

  async recordRevocation(revocation: Revocation): Promise<void> {
    const doc = revocation.document;
    try {
      await transact(this.db, [
        this.repos.documents.replaceItem(doc, revocation.previousStatus),
        this.repos.audit.appendItem(`DOC#${doc.id}`, revocation.audit.document),
        this.repos.audit.appendItem(`REQ#${doc.requestId}`, revocation.audit.request),
        ...(revocation.notification ? [this.repos.notifications.outboxItem(revocation.notification, randomBytes(4).toString('hex'))] : []),
        ...(revocation.stats ? this.repos.stats.bumpItems(doc.agencyId, revocation.stats.day, revocation.stats.delta) : []),
        ...(revocation.webhookEvent ? [this.repos.subscriptions.eventItem(revocation.webhookEvent.eventId, revocation.webhookEvent.documentId, revocation.webhookEvent.body)] : []),
      ]);
    } catch (e) {
      if (e instanceof ConditionFailedError) throw new DocumentMovedError({ cause: e });
      throw e;
    }
  }

  /** True when the request is recorded as issued with this document. */
  private async committed(requestId: string, documentId: string): Promise<boolean> {
    try {
      const now = await this.repos.requests.get(requestId);
      return now?.status === 'issued' && now.documentId === documentId;
    } catch {
      return false;
    }
  }
}
