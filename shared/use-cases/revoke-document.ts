import type { RevocationsQuery, RevokeInput } from '../contracts/documents';
import { ConflictError } from '../domain/errors';
import type { DocumentRecord } from '../domain/document';
import { actorOf } from '../domain/request';
import { nextDocumentStatus } from '../domain/request-state';
import type { Principal } from '../domain/roles';
import type { Services } from '../services';
import { ConditionFailedError, transact } from '../store/transact';
import { assertAgencyOfficial } from './access';
import { documentView } from './documents';
import { loadDocument } from './load';

/**
 * Cancels an issued copy (Circular 01/2020 Art. 7): a decision by an official of the issuing
 * agency, with a reason, published at once — both verify routes say `revoked` from the moment the
 * transaction commits, and the document joins the public revocation list.
 */
export async function revokeDocument(services: Services, principal: Principal, id: string, input: RevokeInput) {
  const doc = await loadDocument(services, id);
  assertAgencyOfficial(principal, doc.agencyId);
  const status = nextDocumentStatus(doc.status, 'revoke');
  const at = services.now().toISOString();
  const actor = actorOf(principal);
  const next: DocumentRecord = { ...doc, status, revocation: { at, by: actor, reason: input.reason } };
  try {
    await transact(services.db, [
      services.documents.replaceItem(next, doc.status),
      services.audit.appendItem(`DOC#${id}`, { at, actor, action: 'revoke', from: doc.status, to: status, reason: input.reason }),
      services.audit.appendItem(`REQ#${doc.requestId}`, { at, actor, action: 'revoke-document', reason: input.reason, data: { documentId: id } }),
    ]);
  } catch (e) {
    if (e instanceof ConditionFailedError) throw new ConflictError('Bản sao đã bị hủy trước đó.', { cause: e });
    throw e;
  }
  return documentView(next);
}

/** The public list of revoked copies, newest first: code, agency, date, reason — no personal data. */
export async function listRevocations(services: Services, query: RevocationsQuery) {
  const page = await services.documents.revoked(query);
  return {
    items: page.items.map((d) => ({
      verifyCode: d.verifyCode,
      certificationNo: d.certificationNo,
      kind: d.kind,
      agencyId: d.agencyId,
      issuer: d.agencyName,
      issuedAt: d.issuedAt,
      revokedAt: d.revocation?.at,
      reason: d.revocation?.reason,
    })),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}
