import type { ShareInput, ShareLink } from '../contracts/documents';
import { formatVnDateTime } from '../domain/dates';
import { numberTextOf, type DocumentRecord } from '../domain/document';
import { ConflictError, ForbiddenError, GoneError, NotFoundError } from '../domain/errors';
import { actorOf } from '../domain/request';
import type { Principal } from '../domain/roles';
import type { Share } from '../store/document-repo';
import type { Services } from '../runtime/services';
import { ConditionFailedError, transact } from '../store/transact';
import { isOwner } from './access';
import { loadDocument } from './load';
import { revocationLine } from './revoke-document';

/**
 * Share links: the owner makes them, anyone holding one may view and download the copy, the owner
 * may list and withdraw them. A link is only as good as the copy behind it: once the issuing
 * agency revokes the copy, every link answers 410 with the revocation notice, and no new link can
 * be made — checked here on every use, not by touching the links at revocation time, so no link
 * can be missed.
 */

const TOKEN = /^[A-Za-z0-9_-]{20,64}$/;
const base64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

/** The revocation notice as the public revocation list shows it, for a problem document. */
const noticeOf = (doc: DocumentRecord) => ({ revocation: revocationLine(doc) });

function revokedSentence(doc: DocumentRecord): string {
  const when = doc.revocation ? ` lúc ${formatVnDateTime(new Date(doc.revocation.at))}` : '';
  // The reason is free text that often ends with its own full stop.
  const why = doc.revocation ? `, lý do: ${doc.revocation.reason.replace(/[\s.]+$/, '')}` : '';
  return `Bản sao (${numberTextOf(doc)}) đã bị ${doc.agencyName} hủy bỏ${when}${why}.`;
}

function assertDocumentOwner(principal: Principal, doc: DocumentRecord, detail: string): void {
  if (!isOwner(principal, doc)) throw new ForbiddenError(detail);
}

/** The owner creates a link that lets its holder view and download the document until it expires. */
export async function shareDocument(services: Services, principal: Principal, id: string, input: ShareInput) {
  const doc = await loadDocument(services, id);
  assertDocumentOwner(principal, doc, 'Chỉ chủ sở hữu bản sao mới được chia sẻ.');
  const refused = (d: DocumentRecord) => new ConflictError(`${revokedSentence(d)} Không thể chia sẻ bản sao đã bị hủy.`, { extra: noticeOf(d) });
  if (doc.status === 'revoked') throw refused(doc);
  const now = services.now();
  const token = base64url(services.randomBytes(24));
  const shareId = base64url(services.randomBytes(9));
  const expiresAt = new Date(now.getTime() + input.expiresInHours * 3600_000).toISOString();
  try {
    await transact(services.db, [
      // First item: the copy must still be valid when the link is written (a revocation committing meanwhile wins).
      services.documents.validDocumentCheck(id),
      services.documents.shareItem({ token, id: shareId, documentId: id, createdAt: now.toISOString(), expiresAt, createdBy: principal.sub }),
      services.audit.appendItem(`DOC#${id}`, { at: now.toISOString(), actor: actorOf(principal), action: 'share', data: { expiresAt } }),
      services.audit.appendItem(`REQ#${doc.requestId}`, { at: now.toISOString(), actor: actorOf(principal), action: 'share', data: { documentId: id, expiresAt } }),
    ]);
  } catch (e) {
    if (e instanceof ConditionFailedError && e.failed.includes(0)) throw refused(await loadDocument(services, id));
    throw e;
  }
  return { token, shareUrl: `${services.publicBaseUrl}/s/${token}`, expiresAt };
}

/**
 * The document behind a valid share token (anyone holding the link). An unknown, expired or
 * withdrawn link is a 404: the owner's withdrawal tells the holder no more than an expiry does.
 * A revoked copy is a 410 with the notice: that is a public fact the holder must learn, since a
 * file they downloaded earlier is void too.
 */
export async function sharedDocument(services: Services, token: string): Promise<DocumentRecord> {
  const share = TOKEN.test(token) ? await services.documents.share(token, services.now()) : undefined;
  if (!share) throw new NotFoundError('Liên kết chia sẻ không tồn tại, đã hết hạn hoặc đã bị thu hồi.');
  const doc = await loadDocument(services, share.documentId);
  if (doc.status === 'revoked') {
    throw new GoneError(`${revokedSentence(doc)} Liên kết chia sẻ không còn hiệu lực và bản sao đã tải về trước đó cũng không còn giá trị.`, { extra: noticeOf(doc) });
  }
  return doc;
}

/** How the owner sees one link; the token itself only to the person who made it. */
function linkView(services: Pick<Services, 'publicBaseUrl'>, principal: Principal, s: Share & { id: string }, now: Date): ShareLink {
  const status = s.revokedAt ? 'revoked' : Date.parse(s.expiresAt) > now.getTime() ? 'active' : 'expired';
  const own = s.createdBy === principal.sub;
  return {
    id: s.id,
    createdAt: s.createdAt,
    expiresAt: s.expiresAt,
    ...(s.revokedAt ? { revokedAt: s.revokedAt } : {}),
    status,
    ...(own ? { token: s.token, shareUrl: `${services.publicBaseUrl}/s/${s.token}` } : {}),
  };
}

const withId = (s: Share): s is Share & { id: string } => typeof s.id === 'string';

/** The owner's share links of a document, newest first (the newest 100). */
export async function listShares(services: Services, principal: Principal, id: string) {
  const doc = await loadDocument(services, id);
  assertDocumentOwner(principal, doc, 'Chỉ chủ sở hữu bản sao mới xem được các liên kết chia sẻ.');
  const now = services.now();
  return { items: (await services.documents.sharesOf(id)).filter(withId).map((s) => linkView(services, principal, s, now)) };
}

/** The owner withdraws a link; it answers 404 from then on. Withdrawing it again changes nothing. */
export async function revokeShare(services: Services, principal: Principal, id: string, shareId: string) {
  const doc = await loadDocument(services, id);
  assertDocumentOwner(principal, doc, 'Chỉ chủ sở hữu bản sao mới được thu hồi liên kết chia sẻ.');
  const share = await services.documents.shareOf(id, shareId);
  if (!share || !withId(share)) throw new NotFoundError('Không tìm thấy liên kết chia sẻ này của bản sao.');
  const now = services.now();
  if (share.revokedAt) return linkView(services, principal, share, now);
  const at = now.toISOString();
  const actor = actorOf(principal);
  try {
    await transact(services.db, [
      services.documents.revokeShareItem(share.token, id, at, principal.sub),
      services.audit.appendItem(`DOC#${id}`, { at, actor, action: 'revoke-share', data: { shareId } }),
      services.audit.appendItem(`REQ#${doc.requestId}`, { at, actor, action: 'revoke-share', data: { documentId: id, shareId } }),
    ]);
  } catch (e) {
    // Withdrawn by a concurrent call, or removed by TTL after expiry, between the read and the write.
    if (e instanceof ConditionFailedError) throw new ConflictError('Liên kết chia sẻ vừa được thu hồi hoặc không còn tồn tại.', { cause: e });
    throw e;
  }
  return linkView(services, principal, { ...share, revokedAt: at, revokedBy: principal.sub }, now);
}
