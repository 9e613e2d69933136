import type { Revocation, RevocationsQuery, RevokeInput } from '../contracts/documents';
import { ConflictError } from '../domain/errors';
import { numberTextOf, type DocumentRecord } from '../domain/document';
import { actorOf } from '../domain/request';
import { nextDocumentStatus } from '../domain/request-state';
import { revokedDelta, statsDay } from '../domain/stats';
import type { Principal } from '../domain/roles';
import type { Services } from '../runtime/services';
import { DocumentMovedError } from '../store/issuance-ledger';
import { revocationEventOf } from './webhooks';
import { assertAgencyOfficial } from './access';
import { documentView } from './documents';
import { loadDocument } from './load';
import type { DocumentReader } from './ports';

/** What revoking reads and writes: the document, the clock, the ledger. */
export type RevokeServices = Pick<Services, 'now' | 'ledger' | 'newId'> & { documents: DocumentReader };

/**
 * Cancels an issued copy (Circular 01/2020 Art. 7): a decision by an official of the issuing
 * agency, with a reason, published at once — both verify routes say `revoked` from the moment the
 * transaction commits, and the document joins the public revocation list.
 */
export async function revokeDocument(services: RevokeServices, principal: Principal, id: string, input: RevokeInput) {
  const doc = await loadDocument(services, id);
  assertAgencyOfficial(principal, doc.agencyId);
  const status = nextDocumentStatus(doc.status, 'revoke');
  const at = services.now().toISOString();
  const actor = actorOf(principal);
  const next: DocumentRecord = { ...doc, status, revocation: { at, by: actor, reason: input.reason } };
  // Agencies that relied on the copy hear of it too (issue 21 item 5): the event is recorded here, delivered from the stream.
  const event = revocationEventOf(doc, `evt_${services.newId()}`, at, input.reason);
  try {
    await services.ledger.recordRevocation({
      document: next,
      previousStatus: doc.status,
      audit: {
        document: { at, actor, action: 'revoke', from: doc.status, to: status, reason: input.reason },
        request: { at, actor, action: 'revoke-document', reason: input.reason, data: { documentId: id } },
      },
      // The owner relies on the copy: they learn of its revocation from the service, in the same
      // transaction, not from a receiver who checked it.
      ...(doc.citizenId
        ? {
            notification: {
              at,
              kind: 'revoked' as const,
              requestId: doc.requestId,
              citizenId: doc.citizenId,
              message: `Bản sao "${doc.title}" (${numberTextOf(doc)}) đã bị cơ quan cấp hủy bỏ và không còn giá trị sử dụng. Lý do: ${input.reason}`,
            },
          }
        : {}),
      stats: { day: statsDay(services.now()), delta: revokedDelta() },
      webhookEvent: { eventId: event.id, documentId: id, body: JSON.stringify(event) },
    });
  } catch (e) {
    if (e instanceof DocumentMovedError) throw new ConflictError('Bản sao đã bị hủy trước đó.', { cause: e });
    throw e;
  }
  return documentView(next);
}

/** One line of the public revocation list: code, agency, dates, reason — no personal data. */
export function revocationLine(d: DocumentRecord): Revocation {
  return {
    verifyCode: d.verifyCode,
    ...(d.seq !== undefined ? { number: d.seq } : {}),
    book: d.bookLabel,
    kind: d.kind,
    agencyId: d.agencyId,
    issuer: d.agencyName,
    issuedAt: d.issuedAt,
    revokedAt: d.revocation?.at,
    reason: d.revocation?.reason,
  };
}

/** The public list of revoked copies, newest first: code, agency, date, reason — no personal data. */
export async function listRevocations(services: Services, query: RevocationsQuery) {
  const page = await services.documents.revoked(query);
  return {
    items: page.items.map(revocationLine),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}
