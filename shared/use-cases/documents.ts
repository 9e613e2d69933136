import type { DocumentView, ShareInput } from '../contracts/documents';
import { limits } from '../runtime/config';
import { ForbiddenError, NotFoundError } from '../domain/errors';
import type { DocumentRecord } from '../domain/document';
import { actorOf } from '../domain/request';
import type { Principal } from '../domain/roles';
import type { Services } from '../runtime/services';
import { transact } from '../store/transact';
import { assertCanReadDocument, isOwner } from './access';
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
    certificationNo: doc.certificationNo,
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
  const url = await services.objects.presignGet(services.buckets.issued, doc.s3Key, ttl, `ban-sao-${doc.certificationNo.replace(/[^\w-]+/g, '-')}.pdf`);
  return { url, expiresAt: new Date(services.now().getTime() + ttl * 1000).toISOString() };
}

/** The download link for the owner or the issuing agency. */
export async function downloadDocument(services: Services, principal: Principal, id: string) {
  const doc = await loadDocument(services, id);
  assertCanReadDocument(principal, doc);
  return downloadUrl(services, doc);
}

/** The owner creates a link that lets its holder view and download the document until it expires. */
export async function shareDocument(services: Services, principal: Principal, id: string, input: ShareInput) {
  const doc = await loadDocument(services, id);
  if (!isOwner(principal, doc)) throw new ForbiddenError('Chỉ chủ sở hữu bản sao mới được chia sẻ.');
  const now = services.now();
  const token = Buffer.from(services.randomBytes(24)).toString('base64url');
  const expiresAt = new Date(now.getTime() + input.expiresInHours * 3600_000).toISOString();
  await transact(services.db, [
    services.documents.shareItem({ token, documentId: id, createdAt: now.toISOString(), expiresAt, createdBy: principal.sub }),
    services.audit.appendItem(`DOC#${id}`, { at: now.toISOString(), actor: actorOf(principal), action: 'share', data: { expiresAt } }),
    services.audit.appendItem(`REQ#${doc.requestId}`, { at: now.toISOString(), actor: actorOf(principal), action: 'share', data: { documentId: id, expiresAt } }),
  ]);
  return { token, shareUrl: `${services.publicBaseUrl}/s/${token}`, expiresAt };
}

/** The document behind a valid, unexpired share token (anyone holding the link). */
export async function sharedDocument(services: Services, token: string): Promise<DocumentRecord> {
  const share = /^[A-Za-z0-9_-]{20,64}$/.test(token) ? await services.documents.share(token, services.now()) : undefined;
  if (!share) throw new NotFoundError('Liên kết chia sẻ không tồn tại hoặc đã hết hạn.');
  return loadDocument(services, share.documentId);
}

/** Who verified a document and with what result: for its owner (and the issuing agency). */
export async function documentVerifications(services: Services, principal: Principal, id: string) {
  const doc = await loadDocument(services, id);
  assertCanReadDocument(principal, doc);
  const items = await services.documents.verifications(id);
  return { items: items.map((v) => ({ at: v.at, verdict: v.verdict, via: v.via, verifierAgencyId: v.verifierAgencyId, verifierName: v.verifierName })) };
}
