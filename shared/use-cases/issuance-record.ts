import type { DocumentRecord } from '../domain/document';
import type { RequestRecord } from '../domain/request';
import type { RequestStatus } from '../domain/request-state';
import { finishedDelta, statsDay } from '../domain/stats';
import type { Issuance, Reservation } from '../store/issuance-ledger';
import type { IssuancePlan, Numbering } from './issue-document';

/** The signed copy as stored in the issued bucket. */
export interface StoredCopy {
  documentId: string;
  s3Key: string;
  sha256: string;
  size: number;
  pages: number;
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
    certificationNo: numbering.certificationNo,
    seq: numbering.seq,
    bookLabel: numbering.bookLabel,
    verifyCode: numbering.verifyCode,
    s3Key: stored.s3Key,
    sha256: stored.sha256,
    size: stored.size,
    pages: stored.pages,
    copies: request.copies,
    issuedAt: at,
    issuedBy: plan.actor,
    status: 'valid',
  };
  const after: RequestRecord = {
    ...request,
    status: to,
    documentId,
    certificationNo: numbering.certificationNo,
    verifyCode: numbering.verifyCode,
    issuedAt: at,
    updatedAt: at,
  };
  return {
    book: reservation.book,
    seq: numbering.seq,
    holder: reservation.holder,
    document,
    request: { before: request, after },
    audit: { at, actor: plan.actor, action: 'issue', from: request.status, to, data: { documentId, certificationNo: numbering.certificationNo } },
    stats: { day: statsDay(numbering.issuedAt), delta: finishedDelta(request.kind, 'issued', numbering.issuedAt, request.dueAt) },
    notification: {
      at,
      kind: 'issued',
      requestId: request.id,
      citizenId: request.citizenId,
      message: `Bản sao "${request.title}" đã được cấp, số ${numbering.certificationNo}. Bạn có thể tải về ngay.`,
    },
  };
}
