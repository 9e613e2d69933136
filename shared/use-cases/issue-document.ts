import { createHash } from 'node:crypto';
import { ConflictError } from '../domain/errors';
import type { DocumentRecord } from '../domain/document';
import { bookLabel, formatCertificationNo, numberingYear } from '../domain/numbering';
import type { Actor, RequestRecord } from '../domain/request';
import { nextStatus } from '../domain/request-state';
import { finishedDelta, statsDay } from '../domain/stats';
import { newVerifyCode } from '../domain/verify-code';
import type { ComposedCopy } from '../pdf/types';
import type { Services } from '../services';
import { signPdf } from '../signing/sign-pdf';
import type { Signer } from '../signing/signer';
import { BUCKETS } from '../store/table';
import { ConditionFailedError, transact } from '../store/transact';
import { withLock } from './keyed-lock';

/** What the copy is given when it is numbered: everything printed on it that issuance decides. */
export interface Numbering {
  seq: number;
  certificationNo: string;
  bookLabel: string;
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
}

export interface IssuedDocument {
  documentId: string;
  certificationNo: string;
  verifyCode: string;
  verifyUrl: string;
}

/** How often a number taken by a concurrent issuance (another process) is retried. */
const MAX_ATTEMPTS = 12;

/**
 * Issues a document (DESIGN.md "Data"): composes and signs the copy for the next number, puts the
 * PDF in S3 under a key derived from a fresh document id, then records everything in ONE
 * transaction — counter (conditioned on the number read), register line, document, verify code,
 * request state and audit. A failed transaction leaves at most an unreferenced object, never a
 * numbered line without its file; a number taken meanwhile is retried with the next one. Within
 * one process, issuances in the same book are serialised so they do not race for numbers.
 */
export async function issueDocument(services: Services, plan: IssuancePlan): Promise<IssuedDocument> {
  const { request } = plan;
  const to = nextStatus(request.status, 'issue');
  const agencyId = request.agencyId;
  const year = numberingYear(services.now());
  const lockKey = `${agencyId}#${plan.bookCode}#${year}`;

  return withLock(lockKey, async () => {
    for (let attempt = 1; ; attempt++) {
      const current = await services.book.current(agencyId, plan.bookCode, year);
      const seq = current + 1;
      const label = bookLabel({ year, bookCode: plan.bookCode });
      const issuedAt = services.now();
      const verifyCode = newVerifyCode(services.randomBytes);
      const numbering: Numbering = {
        seq,
        certificationNo: formatCertificationNo(seq, label),
        bookLabel: label,
        verifyCode,
        verifyUrl: `${services.publicBaseUrl}/verify/${verifyCode}`,
        issuedAt,
      };

      const composed = await plan.render(numbering);
      let pdf = composed.pdf;
      if (plan.official) {
        if (!composed.fields.official) throw new Error('The composed copy has no field for the official signature');
        pdf = await signPdf(pdf, { signer: plan.official.signer, signingTime: issuedAt, field: composed.fields.official, signerName: plan.official.name, reason: plan.official.reason, location: plan.agencyName });
      }
      pdf = await signPdf(pdf, { signer: plan.agency.signer, signingTime: issuedAt, field: composed.fields.agency, signerName: plan.agency.name, reason: plan.agency.reason, location: plan.agencyName });

      const documentId = services.newId();
      const s3Key = `${BUCKETS.issued.prefixes.documents}${documentId}.pdf`;
      const sha256 = createHash('sha256').update(pdf).digest('hex');
      await services.objects.put(services.buckets.issued, s3Key, pdf, 'application/pdf', { 'verify-code': verifyCode, sha256 });

      const at = issuedAt.toISOString();
      const doc: DocumentRecord = {
        id: documentId,
        requestId: request.id,
        kind: request.kind,
        title: request.title,
        agencyId,
        agencyName: plan.agencyName,
        citizenId: request.citizenId,
        certificationNo: numbering.certificationNo,
        seq,
        bookLabel: label,
        verifyCode,
        s3Key,
        sha256,
        size: pdf.length,
        pages: composed.pages,
        copies: request.copies,
        issuedAt: at,
        issuedBy: plan.actor,
        status: 'valid',
      };
      const next: RequestRecord = {
        ...request,
        status: to,
        documentId,
        certificationNo: numbering.certificationNo,
        verifyCode,
        issuedAt: at,
        updatedAt: at,
      };
      const requestItem = services.requests.replaceItem(next, request);
      const items = [
        ...services.book.takeNumberItems(agencyId, plan.bookCode, year, current, { documentId, requestId: request.id, verifyCode, issuedAt: at, kind: request.kind, copies: request.copies }),
        ...services.documents.createItems(doc),
        requestItem,
        services.audit.appendItem(`REQ#${request.id}`, { at, actor: plan.actor, action: 'issue', from: request.status, to, data: { documentId, certificationNo: numbering.certificationNo } }),
        ...services.stats.bumpItems(agencyId, statsDay(issuedAt), finishedDelta(request.kind, 'issued', issuedAt, request.dueAt)),
        services.notifications.outboxItem(
          { at, kind: 'issued', requestId: request.id, citizenId: request.citizenId, message: `Bản sao "${request.title}" đã được cấp, số ${numbering.certificationNo}. Bạn có thể tải về ngay.` },
          Buffer.from(services.randomBytes(4)).toString('hex'),
        ),
      ];
      const REQUEST_ITEM = items.indexOf(requestItem);
      try {
        await transact(services.db, items);
      } catch (e) {
        if (!(e instanceof ConditionFailedError)) {
          // Unknown outcome (e.g. the connection dropped after DynamoDB committed): the request
          // record says whether this very attempt was issued. If so, answer as if all went well.
          if (await committed(services, request.id, documentId)) {
            return { documentId, certificationNo: numbering.certificationNo, verifyCode, verifyUrl: numbering.verifyUrl };
          }
          throw e;
        }
        if (e.failed.includes(REQUEST_ITEM)) {
          throw new ConflictError('Hồ sơ đã được xử lý (cấp hoặc từ chối) bởi người khác.', { cause: e });
        }
        // The number (or, astronomically unlikely, the verify code) was taken: try the next one.
        if (attempt >= MAX_ATTEMPTS) throw new ConflictError('Sổ chứng thực đang bận, vui lòng thử lại.', { cause: e });
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(500, 20 * 2 ** attempt)));
        continue;
      }
      return { documentId, certificationNo: numbering.certificationNo, verifyCode, verifyUrl: numbering.verifyUrl };
    }
  });
}

/** True when the request is recorded as issued with this document (the transaction did commit). */
async function committed(services: Services, requestId: string, documentId: string): Promise<boolean> {
  try {
    const now = await services.requests.get(requestId);
    return now?.status === 'issued' && now.documentId === documentId;
  } catch {
    return false;
  }
}
