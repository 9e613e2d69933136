import type { IssuedDocument } from '../contracts/requests';
import { ConflictError } from '../domain/errors';
import { bookLabel, numberingYear } from '../domain/numbering';
import type { Actor, RequestRecord } from '../domain/request';
import { nextStatus } from '../domain/request-state';
import { newVerifyCode } from '../domain/verify-code';
import type { ComposedCopy } from '../pdf/types';
import { signPdf, type Signer, type Timestamper } from '../signing';
import { BookBusyError, NumberTakenError, RequestMovedError, type BookRef, type Reservation } from '../store/issuance-ledger';
import { issuanceRecord, storeCopy } from './issuance-record';
import { withLock } from './keyed-lock';
import { longTermCopy } from './long-term-copy';
import { signatureTimestamper } from './signature-timestamp';
import type { IssuanceServices } from './ports';

/** What the copy is given when it is numbered: everything printed on it that issuance decides. */
export interface Numbering {
  /** The sequence number in the year (Decree 23/2015 Art. 13(2)). */
  seq: number;
  /** The book (quyển) of the year the line goes into. */
  bookNo: number;
  /** That book as on its cover, e.g. "01/2026-SCT/BS" (Art. 13(2)); never joined to the number. */
  book: string;
  verifyCode: string;
  verifyUrl: string;
  issuedAt: Date;
}

export interface SigningParty {
  signer: Signer;
  /** Printed in the signature dictionary's /Name. */
  name: string;
  reason: string;
}

export interface IssuancePlan {
  request: RequestRecord;
  actor: Actor;
  agencyName: string;
  bookCode: string;
  /** Composes the unsigned copy for the number reserved (once per issuance). */
  render(numbering: Numbering): Promise<ComposedCopy>;
  /** The certifying official signs first (certified copies only), then the agency's seal. */
  official?: SigningParty;
  agency: SigningParty;
  /** Who signs, as the book's line names them (the certifying official; for register copies the issuing official). */
  signer: { fullName: string; title: string };
  /** The book line's note column (Circular 01/2020/TT-BTP book form). */
  note?: string;
}

/**
 * How long a reservation holds a book. Longer than any function that issues may run — its Lambda
 * timeout, capped at MAX_TIMEOUT_SECONDS (29 s) in infra/functions.ts; the handler starts before
 * it reserves — so a live issuance never loses its number; with a margin for the clocks of two
 * Lambdas. A process that dies holding the book blocks its issuances for at most this long.
 */
export const NUMBER_LEASE_MS = 60_000;

/** How often a book held by another process is claimed again before the caller is told to retry. */
const MAX_ATTEMPTS = 12;

const BOOK_BUSY = 'Sổ chứng thực đang bận, vui lòng thử lại.';
const movedConflict = (cause: unknown) => new ConflictError('Hồ sơ đã được xử lý (cấp hoặc từ chối) bởi người khác.', { cause });

/**
 * Issues a document (docs/architecture.md): reserves the book's next number, composes and signs
 * the copy for it, puts the PDF ONCE in the issued bucket (Object Lock: whatever is put there
 * stays for the retention period) under a key derived from a fresh document id, then records the
 * issuance in the ledger — one atomic commit by the holder of the reservation. While the number
 * is held no other process can take it, so a copy is never composed again for another number and
 * the bucket receives one object per issuance; an issuance abandoned before its commit gives the
 * number back. A failed commit leaves at most one unreferenced object, never a numbered line
 * without its file. Within one process, issuances in the same book are serialised so they do not
 * wait on each other's reservations.
 */
export async function issueDocument(services: IssuanceServices, plan: IssuancePlan): Promise<IssuedDocument> {
  const to = nextStatus(plan.request.status, 'issue');
  const book: BookRef = { agencyId: plan.request.agencyId, bookCode: plan.bookCode, year: numberingYear(services.now()) };

  return withLock(`${book.agencyId}#${book.bookCode}#${book.year}`, async () => {
    const reservation = await reserve(services, plan, book);
    let recorded = false;
    try {
      // Read while the number is held; the commit checks the book is still open (a book closed
      // meanwhile fails it like a lost reservation: Decree 23/2015 Art. 13(2)).
      const bookNo = await services.ledger.openBook(book);
      const numbering = numberFor(services, book, reservation.seq, bookNo);
      const composed = await plan.render(numbering);
      const pdf = await signCopy(plan, composed, numbering.issuedAt, signatureTimestamper(services.timestamps));
      // B-LTA before anything is stored: a TSA or responder that does not answer fails the
      // issuance cleanly (503, the number given back, no object put).
      const lta = await longTermCopy(services, pdf);
      const stored = { ...await storeCopy(services, lta.pdf, lta.sha256, composed.pages, numbering.verifyCode), sealed: lta.sealed, ltv: lta.ltv };
      try {
        await services.ledger.recordIssuance(issuanceRecord(plan, reservation, to, numbering, stored));
      } catch (e) {
        if (e instanceof RequestMovedError) throw movedConflict(e);
        // The lease ran out (a process frozen past it) and another issuance took the number over:
        // composing again would put a second locked object, so the caller retries instead. The
        // same when the book was closed meanwhile: the copy printed that book.
        if (e instanceof NumberTakenError) throw new ConflictError(BOOK_BUSY, { cause: e });
        throw e;
      }
      recorded = true;
      return { documentId: stored.documentId, number: numbering.seq, book: numbering.book, verifyCode: numbering.verifyCode, verifyUrl: numbering.verifyUrl };
    } finally {
      // Best effort: if the release fails too, the lease running out frees the book.
      if (!recorded) await services.ledger.releaseNumber(book, reservation.holder).catch(() => undefined);
    }
  });
}

/** Reserves the book's next number, waiting (bounded) while another process holds it. */
async function reserve(services: IssuanceServices, plan: IssuancePlan, book: BookRef): Promise<Reservation> {
  const holder = services.newId();
  for (let attempt = 1; ; attempt++) {
    try {
      return await services.ledger.reserveNumber({ book, holder, request: plan.request, at: services.now(), leaseMs: NUMBER_LEASE_MS });
    } catch (e) {
      if (e instanceof RequestMovedError) throw movedConflict(e);
      if (!(e instanceof BookBusyError)) {
        // The outcome may be unknown (the reservation written, the answer lost): give it back.
        await services.ledger.releaseNumber(book, holder).catch(() => undefined);
        throw e;
      }
      if (attempt >= MAX_ATTEMPTS) throw new ConflictError(BOOK_BUSY, { cause: e });
      // Full jitter, so that processes waiting for the same book do not claim it all at once.
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(1000, 25 * 2 ** attempt)));
    }
  }
}

/** Everything printed on the copy for number `seq`: a fresh verify code and the issuance time. */
function numberFor(services: IssuanceServices, book: BookRef, seq: number, bookNo: number): Numbering {
  const label = bookLabel({ bookNo, year: book.year, bookCode: book.bookCode });
  const issuedAt = services.now();
  const verifyCode = newVerifyCode(services.randomBytes);
  return {
    seq,
    bookNo,
    book: label,
    verifyCode,
    verifyUrl: `${services.publicBaseUrl}/verify/${verifyCode}`,
    issuedAt,
  };
}

/** The official signs first (certified copies only), then the agency's seal covers everything; each signature time-stamped (PAdES B-T). */
async function signCopy(plan: IssuancePlan, composed: ComposedCopy, signingTime: Date, timestamper: Timestamper): Promise<Uint8Array> {
  let pdf = composed.pdf;
  if (plan.official) {
    if (!composed.fields.official) throw new Error('The composed copy has no field for the official signature');
    pdf = await signPdf(pdf, { signer: plan.official.signer, signingTime, field: composed.fields.official, signerName: plan.official.name, reason: plan.official.reason, location: plan.agencyName, timestamper });
  }
  return signPdf(pdf, { signer: plan.agency.signer, signingTime, field: composed.fields.agency, signerName: plan.agency.name, reason: plan.agency.reason, location: plan.agencyName, timestamper });
}
