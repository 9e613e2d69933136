import type { BookLineColumns } from '../domain/book';
import type { DocumentRecord } from '../domain/document';
import { numberAndBook } from '../domain/numbering';
import { requesterNameOf, type RequestRecord } from '../domain/request';
import type { RequestStatus } from '../domain/request-state';
import { finishedDelta, statsDay } from '../domain/stats';
import type { Issuance, Reservation } from '../store/issuance-ledger';
import type { FileStore } from './ports';
import { BUCKETS } from '../store/table';
import type { Services } from '../runtime/services';
import type { IssuancePlan, Numbering } from './issue-document';

/** The signed copy as stored in the issued bucket. */
export interface StoredCopy {
  documentId: string;
  s3Key: string;
  sha256: string;
  size: number;
  pages: number;
  /** The sealed prefix and the B-LTA state (shared/use-cases/long-term-copy.ts). */
  sealed?: DocumentRecord['sealed'];
  ltv?: DocumentRecord['ltv'];
}

/**
 * Puts an issued PDF under a fresh document id, before anything refers to it: a failed commit
 * leaves at most an unreferenced object, never a verify code without its file.
 */
export async function storeCopy(
  services: Pick<Services, 'newId' | 'buckets'> & { objects: Pick<FileStore, 'put'> }, pdf: Uint8Array, sha256: string, pages: number, verifyCode: string,
): Promise<StoredCopy> {
  const documentId = services.newId();
  const s3Key = `${BUCKETS.issued.prefixes.documents}${documentId}.pdf`;
  await services.objects.put(services.buckets.issued, s3Key, pdf, 'application/pdf', { 'verify-code': verifyCode, sha256 });
  return { documentId, s3Key, sha256, size: pdf.length, pages };
}

/** The registry record of a document the service issues in its own name (a closed book, a verification receipt): one copy, valid. */
export function ownDocumentRecord(
  stored: StoredCopy,
  fields: Pick<DocumentRecord, 'requestId' | 'kind' | 'title' | 'agencyId' | 'agencyName' | 'bookLabel' | 'verifyCode' | 'issuedAt' | 'issuedBy'>,
): DocumentRecord {
  return {
    id: stored.documentId,
    ...fields,
    s3Key: stored.s3Key,
    sha256: stored.sha256,
    size: stored.size,
    pages: stored.pages,
    copies: 1,
    status: 'valid',
    ...(stored.sealed ? { sealed: stored.sealed } : {}),
    ...(stored.ltv ? { ltv: stored.ltv } : {}),
  };
}

/** What the ledger records for a copy numbered `numbering` under `reservation` and stored as `stored`. */
export function issuanceRecord(plan: IssuancePlan, reservation: Reservation, to: RequestStatus, numbering: Numbering, stored: StoredCopy): Issuance {
  const { request } = plan;
  const { documentId } = stored;
  const at = numbering.issuedAt.toISOString();
  const document: DocumentRecord = {
    id: documentId,
    requestId: request.id,
    kind: request.kind,
    title: request.title,
    agencyId: request.agencyId,
    agencyName: plan.agencyName,
    citizenId: request.citizenId,
    ...(requesterNameOf(request) ? { holderName: requesterNameOf(request) } : {}),
    seq: numbering.seq,
    bookLabel: numbering.book,
    verifyCode: numbering.verifyCode,
    s3Key: stored.s3Key,
    sha256: stored.sha256,
    size: stored.size,
    pages: stored.pages,
    copies: request.copies,
    issuedAt: at,
    issuedBy: plan.actor,
    status: 'valid',
    ...(stored.sealed ? { sealed: stored.sealed } : {}),
    ...(stored.ltv ? { ltv: stored.ltv } : {}),
  };
  const after: RequestRecord = {
    ...request,
    status: to,
    documentId,
    number: numbering.seq,
    book: numbering.book,
    verifyCode: numbering.verifyCode,
    issuedAt: at,
    updatedAt: at,
  };
  return {
    book: reservation.book,
    seq: numbering.seq,
    holder: reservation.holder,
    bookNo: numbering.bookNo,
    line: bookLineColumns(plan, documentId, numbering),
    document,
    request: { before: request, after },
    audit: { at, actor: plan.actor, action: 'issue', from: request.status, to, data: { documentId, number: numbering.seq, book: numbering.book } },
    stats: { day: statsDay(numbering.issuedAt), delta: finishedDelta(request.kind, 'issued', numbering.issuedAt, request.dueAt) },
    notification: {
      at,
      kind: 'issued',
      requestId: request.id,
      citizenId: request.citizenId,
      message: `Bản sao "${request.title}" đã được cấp (${numberAndBook(request.kind, numbering.seq, numbering.book)}). Bạn có thể tải về ngay.`,
    },
  };
}

/**
 * The columns of the book's line (Decree 23/2015 Art. 13(1); the book form of Circular 01/2020/TT-BTP):
 * the requester's name (as signed in, or as the official took it at the counter) and CCCD, the
 * document's name, the original's pages, one copy (one electronic file per number), the signer's
 * name and title, the fee (Circular 226/2016/TT-BTC Art. 4) and a note.
 */
function bookLineColumns(plan: IssuancePlan, documentId: string, numbering: Numbering): BookLineColumns {
  const { request } = plan;
  return {
    date: numbering.issuedAt.toISOString(),
    requesterName: requesterNameOf(request) ?? '',
    requesterIdNo: request.citizenId,
    documentName: request.title,
    pages: request.pages ?? 0,
    copies: 1,
    signerName: plan.signer.fullName,
    signerTitle: plan.signer.title,
    fee: request.fee ?? 0,
    note: plan.note ?? '',
    kind: request.kind,
    documentId,
    verifyCode: numbering.verifyCode,
    requestId: request.id,
  };
}
