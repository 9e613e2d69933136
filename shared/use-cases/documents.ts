import { ANONYMOUS_VERIFICATION_DAYS, type DocumentView, type VerificationLog, type VerificationsQuery } from '../contracts/documents';
import { addDaysToIsoDay, isoVnDay } from '../domain/dates';
import { limits } from '../runtime/config';
import { currentFileOf, type DocumentRecord } from '../domain/document';
import type { Principal } from '../domain/roles';
import type { Services } from '../runtime/services';
import { actorOf } from '../domain/request';
import { transact } from '../store/transact';
import { assertCanReadDocument, isAgencyOfficial } from './access';
import { loadDocument } from './load';

/** What the owner, the issuing agency or a share holder sees of a document. */
export function documentView(doc: DocumentRecord): DocumentView {
  return {
    id: doc.id,
    requestId: doc.requestId,
    kind: doc.kind,
    title: doc.title,
    agencyId: doc.agencyId,
    issuer: doc.agencyName,
    ...(doc.seq !== undefined ? { number: doc.seq } : {}),
    book: doc.bookLabel,
    verifyCode: doc.verifyCode,
    issuedAt: doc.issuedAt,
    pages: doc.pages,
    copies: doc.copies,
    size: doc.size,
    sha256: doc.sha256,
    status: doc.status,
    ...(doc.revocation ? { revocation: { at: doc.revocation.at, reason: doc.revocation.reason } } : {}),
  };
}

/** Metadata of a document for its owner or the issuing agency. */
export async function getDocument(services: Services, principal: Principal, id: string) {
  const doc = await loadDocument(services, id);
  assertCanReadDocument(principal, doc);
  return documentView(doc);
}

/** A short-lived presigned GET of the signed PDF. */
export async function downloadUrl(services: Services, doc: DocumentRecord) {
  const ttl = limits().downloadUrlTtlSeconds;
  // The newest version: a renewal (docs/long-term-validation.md) adds a document time-stamp the older ones lack.
  const url = await services.objects.presignGet(services.buckets.issued, currentFileOf(doc).s3Key, ttl, `ban-sao-${fileNamePart(doc)}.pdf`);
  return { url, expiresAt: new Date(services.now().getTime() + ttl * 1000).toISOString() };
}

/**
 * The download link for the owner or the issuing agency. An official's download (to print the copy
 * for a requester at the counter, or to send it) is written to the request's trail: who, when.
 */
export async function downloadDocument(services: Services, principal: Principal, id: string) {
  const doc = await loadDocument(services, id);
  assertCanReadDocument(principal, doc);
  if (isAgencyOfficial(principal, doc.agencyId)) {
    await transact(services.db, [
      services.audit.appendItem(`REQ#${doc.requestId}`, { at: services.now().toISOString(), actor: actorOf(principal), action: 'download-copy', data: { documentId: doc.id } }),
    ]);
  }
  return downloadUrl(services, doc);
}

/**
 * Who verified a document and with what result, for its owner (and the issuing agency): the
 * signed-in verifiers page by page, and the anonymous checks counted per day.
 */
export async function documentVerifications(services: Services, principal: Principal, id: string, query: VerificationsQuery): Promise<VerificationLog> {
  const doc = await loadDocument(services, id);
  assertCanReadDocument(principal, doc);
  const today = isoVnDay(services.now());
  const [page, anonymousByDay] = await Promise.all([
    services.documents.verifications(id, query),
    services.documents.anonymousVerificationDays(id, addDaysToIsoDay(today, 1 - ANONYMOUS_VERIFICATION_DAYS), today),
  ]);
  return {
    items: page.items.map((v) => ({
      at: String(v.at),
      verdict: v.verdict as VerificationLog['items'][number]['verdict'],
      via: v.via as 'file' | 'code',
      ...(typeof v.verifierAgencyId === 'string' ? { verifierAgencyId: v.verifierAgencyId } : {}),
      ...(typeof v.verifierName === 'string' ? { verifierName: v.verifierName } : {}),
    })),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    anonymousByDay,
  };
}

/** "17-quyen-01-2026-SCT-BS" (a closed book: "quyen-01-2026-SCT-BS"): ASCII for the attachment name. */
function fileNamePart(doc: DocumentRecord): string {
  const book = `quyen-${doc.bookLabel.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/Đ/g, 'D').replace(/[^\w-]+/g, '-')}`;
  return doc.seq !== undefined ? `${doc.seq}-${book}` : book;
}
