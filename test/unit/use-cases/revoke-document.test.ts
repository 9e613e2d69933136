import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, NotFoundError } from '../../../shared/domain/errors';
import { certifyRequest } from '../../../shared/use-cases/certify-request';
import { revokeDocument } from '../../../shared/use-cases/revoke-document';
import { CITIZEN_ID, official, submittedCertifyRequest, useInMemoryWorld } from '../support/in-memory-services';

const reason = 'Cấp nhầm cho người khác';
const world = useInMemoryWorld();

/** A certified copy, issued by the dev official. */
async function issuedDocument() {
  const request = await submittedCertifyRequest(world());
  return { requestId: request.id, ...(await certifyRequest(world().services, official, request.id)) };
}

describe('Function: revokeDocument', () => {
  it("revokes the copy with its reason and writes it in the document's and the request's trails", async () => {
    // Prepare
    const issued = await issuedDocument();
    world().setNow(new Date('2026-03-05T08:00:00Z'));

    // Act
    const view = await revokeDocument(world().services, official, issued.documentId, { reason });

    // Assess
    expect(view).toMatchObject({ id: issued.documentId, status: 'revoked', revocation: { at: '2026-03-05T08:00:00.000Z', reason } });
    expect(world().ledger.documents.get(issued.documentId)).toMatchObject({ status: 'revoked', revocation: { reason, by: expect.objectContaining({ sub: official.sub }) } });
    expect(world().ledger.trail(`DOC#${issued.documentId}`)).toEqual([expect.objectContaining({ action: 'revoke', from: 'valid', to: 'revoked', reason })]);
    expect(world().ledger.trail(`REQ#${issued.requestId}`).map((e) => e.action)).toEqual(['issue', 'revoke-document']);
  });

  it('refuses to revoke a revoked copy with a ConflictError', async () => {
    // Prepare
    const issued = await issuedDocument();
    await revokeDocument(world().services, official, issued.documentId, { reason });

    // Act
    const error = await revokeDocument(world().services, official, issued.documentId, { reason }).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ConflictError);
    expect(world().ledger.trail(`DOC#${issued.documentId}`)).toHaveLength(1);
  });

  it('answers a revocation that lost the race with a ConflictError, recording it once', async () => {
    // Prepare
    const issued = await issuedDocument();

    // Act
    const outcomes = await Promise.allSettled([1, 2].map(() => revokeDocument(world().services, official, issued.documentId, { reason })));

    // Assess
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(ConflictError);
    expect((refused[0] as ConflictError).detail).toBe('Bản sao đã bị hủy trước đó.');
    expect(world().ledger.trail(`DOC#${issued.documentId}`)).toHaveLength(1);
  });

  it('refuses an official of another agency with a ForbiddenError, and an unknown copy with a NotFoundError', async () => {
    // Prepare
    const issued = await issuedDocument();

    // Act
    const foreign = await revokeDocument(world().services, { ...official, agencyId: 'ubnd-phuong-khac' }, issued.documentId, { reason }).catch((e: unknown) => e);
    const unknown = await revokeDocument(world().services, official, 'no-such-document', { reason }).catch((e: unknown) => e);

    // Assess
    expect(foreign).toBeInstanceOf(ForbiddenError);
    expect(unknown).toBeInstanceOf(NotFoundError);
    expect(world().ledger.documents.get(issued.documentId)?.status).toBe('valid');
  });

  it('tells the owner through a notification left in the outbox with the revocation, giving the reason', async () => {
    // Prepare
    const issued = await issuedDocument();
    const before = world().ledger.outbox.length;

    // Act
    await revokeDocument(world().services, official, issued.documentId, { reason });

    // Assess
    expect(world().ledger.outbox.slice(before)).toEqual([expect.objectContaining({ kind: 'revoked', requestId: issued.requestId, citizenId: CITIZEN_ID, delivery: 'pending' })]);
    expect(world().ledger.outbox.at(-1)!.message).toContain(reason);
  });
});
