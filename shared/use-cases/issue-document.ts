import { createHash } from 'node:crypto';
import type { IssuedDocument } from '../contracts/requests';
import { ConflictError } from '../domain/errors';
import { bookLabel, numberingYear } from '../domain/numbering';
import type { Actor, RequestRecord } from '../domain/request';
import { nextStatus } from '../domain/request-state';
import { newVerifyCode } from '../domain/verify-code';
import type { ComposedCopy } from '../pdf/types';
import { signPdf, type Signer } from '../signing';
import { NumberTakenError, RequestMovedError, type BookRef } from '../store/issuance-ledger';
import { BUCKETS } from '../store/table';
import { issuanceRecord, type StoredCopy } from './issuance-record';
import { withLock } from './keyed-lock';
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
  /** Composes the unsigned copy for a given number (called again if the number was taken meanwhile). */
  render(numbering: Numbering): Promise<ComposedCopy>;
  /** The certifying official signs first (certified copies only), then the agency's seal. */
  official?: SigningParty;
  agency: SigningParty;
  /** Who signs, as the book's line names them (the certifying official; for register copies the issuing official). */
  signer: { fullName: string; title: string };
  /** The book line's note column (Circular 01/2020/TT-BTP book form). */
  note?: string;
}

/** How often a number taken by a concurrent issuance (another process) is retried. */
const MAX_ATTEMPTS = 12;

/**
 * Issues a document (docs/architecture.md): takes the next number, composes and signs the copy
 * for it, puts the PDF in S3 under a key derived from a fresh document id, then records the
 * issuance in the ledger — one atomic commit conditioned on the number read. A failed commit
 * leaves at most an unreferenced object, never a numbered line without its file; a number taken
 * meanwhile is retried with the next one. Within one process, issuances in the same book are
 * serialised so they do not race for numbers.
 */
export async function issueDocument(services: IssuanceServices, plan: IssuancePlan): Promise<IssuedDocument> {
  const to = nextStatus(plan.request.status, 'issue');
  const book: BookRef = { agencyId: plan.request.agencyId, bookCode: plan.bookCode, year: numberingYear(services.now()) };

  return withLock(`${book.agencyId}#${book.bookCode}#${book.year}`, async () => {
    for (let attempt = 1; ; attempt++) {
      const [last, bookNo] = await Promise.all([services.ledger.lastNumber(book), services.ledger.openBook(book)]);
      const numbering = numberFor(services, book, last + 1, bookNo);
      const composed = await plan.render(numbering);
      const pdf = await signCopy(plan, composed, numbering.issuedAt);
      const stored = await storeCopy(services, pdf, composed.pages, numbering.verifyCode);
      try {
        await services.ledger.recordIssuance(issuanceRecord(plan, book, to, numbering, stored));
        return { documentId: stored.documentId, number: numbering.seq, book: numbering.book, verifyCode: numbering.verifyCode, verifyUrl: numbering.verifyUrl };
      } catch (e) {
        if (e instanceof RequestMovedError) throw new ConflictError('Hồ sơ đã được xử lý (cấp hoặc từ chối) bởi người khác.', { cause: e });
        if (!(e instanceof NumberTakenError)) throw e;
        if (attempt >= MAX_ATTEMPTS) throw new ConflictError('Sổ chứng thực đang bận, vui lòng thử lại.', { cause: e });
        // Full jitter, so that processes that lost the same number do not collide again.
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(500, 20 * 2 ** attempt)));
      }
    }
  });
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

/** The official signs first (certified copies only), then the agency's seal covers everything. */
async function signCopy(plan: IssuancePlan, composed: ComposedCopy, signingTime: Date): Promise<Uint8Array> {
  let pdf = composed.pdf;
  if (plan.official) {
    if (!composed.fields.official) throw new Error('The composed copy has no field for the official signature');
    pdf = await signPdf(pdf, { signer: plan.official.signer, signingTime, field: composed.fields.official, signerName: plan.official.name, reason: plan.official.reason, location: plan.agencyName });
  }
  return signPdf(pdf, { signer: plan.agency.signer, signingTime, field: composed.fields.agency, signerName: plan.agency.name, reason: plan.agency.reason, location: plan.agencyName });
}

/** Puts the signed copy under a fresh document id, before anything refers to it. */
async function storeCopy(services: IssuanceServices, pdf: Uint8Array, pages: number, verifyCode: string): Promise<StoredCopy> {
  const documentId = services.newId();
  const s3Key = `${BUCKETS.issued.prefixes.documents}${documentId}.pdf`;
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  await services.objects.put(services.buckets.issued, s3Key, pdf, 'application/pdf', { 'verify-code': verifyCode, sha256 });
  return { documentId, s3Key, sha256, size: pdf.length, pages };
}
