import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DocumentRecord } from '../../shared/domain/document';
import type { RequestRecord } from '../../shared/domain/request';
import { DocumentMovedError, NumberTakenError, RequestMovedError, type Issuance, type IssuanceLedger } from '../../shared/store/issuance-ledger';

/** A ledger under test, and a way to put a request where the ledger reads it from. */
export interface LedgerHarness {
  ledger: IssuanceLedger;
  seedRequest(request: RequestRecord): Promise<void>;
}

const at = '2026-03-02T03:00:00.000Z';
const actor = { sub: 'official-sub', role: 'official' as const };

/** A submitted request of `agencyId` (fresh ids, so that tests sharing a table do not meet). */
export function sampleRequest(agencyId = `agency-${randomBytes(4).toString('hex')}`): RequestRecord {
  return {
    id: `req-${randomBytes(6).toString('hex')}`, kind: 'certify-copy', agencyId, title: 'Bằng', copies: 1, citizenId: '001199012345',
    channel: 'online', status: 'submitted', createdAt: at, createdBy: actor, updatedAt: at,
  };
}

/** The issuance of `request` with number `seq` in its agency's SCT/BS book of 2026. */
export function sampleIssuance(request: RequestRecord, seq: number): Issuance {
  const id = `doc-${randomBytes(6).toString('hex')}`;
  const verifyCode = `CODE-${randomBytes(6).toString('hex')}`;
  const document: DocumentRecord = {
    id, requestId: request.id, kind: request.kind, title: request.title, agencyId: request.agencyId, agencyName: 'UBND thử nghiệm',
    citizenId: request.citizenId, seq, bookLabel: '01/2026-SCT/BS', verifyCode,
    s3Key: `documents/${id}.pdf`, sha256: 'ab', size: 10, pages: 1, copies: request.copies, issuedAt: at, issuedBy: actor, status: 'valid',
  };
  return {
    book: { agencyId: request.agencyId, bookCode: 'SCT/BS', year: 2026 },
    seq,
    bookNo: 1,
    line: {
      date: at, requesterName: 'Nguyễn Văn An', requesterIdNo: request.citizenId, documentName: request.title, pages: 1, copies: 1,
      signerName: 'Trần Thị Bình', signerTitle: 'Phó Chủ tịch', fee: 2000, note: '', kind: request.kind, documentId: id, verifyCode, requestId: request.id,
    },
    document,
    request: { before: request, after: { ...request, status: 'issued', documentId: id, number: seq, book: '01/2026-SCT/BS', updatedAt: '2026-03-02T03:00:01.000Z' } },
    audit: { at, actor, action: 'issue', from: 'submitted', to: 'issued' },
    stats: { day: '2026-03-02', delta: { issued: 1 } },
    notification: { at, kind: 'issued', requestId: request.id, citizenId: request.citizenId, message: 'Đã cấp' },
  };
}

/**
 * What every IssuanceLedger must do, run against the in-memory one (unit) and the DynamoDB one
 * (integration), so that the use cases' unit tests cannot pass on a fake the table would refuse.
 */
export function describeLedgerContract(name: string, harness: () => Promise<LedgerHarness>): void {
  /** A submitted request, stored. */
  async function seeded(h: LedgerHarness, agencyId?: string): Promise<RequestRecord> {
    const request = sampleRequest(agencyId);
    await h.seedRequest(request);
    return request;
  }

  describe(`Contract: IssuanceLedger (${name})`, () => {
    it('numbers a book from 1, one number per recorded issuance', async () => {
      // Prepare
      const h = await harness();
      const first = await seeded(h);
      const second = await seeded(h, first.agencyId);
      const book = sampleIssuance(first, 1).book;

      // Act
      const empty = await h.ledger.lastNumber(book);
      await h.ledger.recordIssuance(sampleIssuance(first, 1));
      await h.ledger.recordIssuance(sampleIssuance(second, 2));

      // Assess
      expect(empty).toBe(0);
      expect(await h.ledger.lastNumber(book)).toBe(2);
    });

    it('refuses a number taken meanwhile with NumberTakenError, recording nothing', async () => {
      // Prepare
      const h = await harness();
      const winner = await seeded(h);
      const loser = await seeded(h, winner.agencyId);
      await h.ledger.recordIssuance(sampleIssuance(winner, 1));

      // Act
      const error = await h.ledger.recordIssuance(sampleIssuance(loser, 1)).catch((e: unknown) => e);
      const skipping = await h.ledger.recordIssuance(sampleIssuance(loser, 3)).catch((e: unknown) => e);

      // Assess
      expect(error).toBeInstanceOf(NumberTakenError);
      expect(skipping).toBeInstanceOf(NumberTakenError);
      expect(await h.ledger.lastNumber(sampleIssuance(loser, 1).book)).toBe(1);
      await h.ledger.recordIssuance(sampleIssuance(loser, 2)); // the request was left as it was
    });

    it('refuses a verify code already given with NumberTakenError', async () => {
      // Prepare
      const h = await harness();
      const first = await seeded(h);
      const second = await seeded(h, first.agencyId);
      const taken = sampleIssuance(first, 1);
      await h.ledger.recordIssuance(taken);
      const again = sampleIssuance(second, 2);

      // Act
      const error = await h.ledger.recordIssuance({ ...again, document: { ...again.document, verifyCode: taken.document.verifyCode } }).catch((e: unknown) => e);

      // Assess
      expect(error).toBeInstanceOf(NumberTakenError);
      expect(await h.ledger.lastNumber(taken.book)).toBe(1);
    });

    it('refuses a request that changed since it was read with RequestMovedError, taking no number', async () => {
      // Prepare
      const h = await harness();
      const request = await seeded(h);
      await h.ledger.recordIssuance(sampleIssuance(request, 1));

      // Act: the same request issued again from the state read before the first issuance
      const error = await h.ledger.recordIssuance(sampleIssuance(request, 2)).catch((e: unknown) => e);

      // Assess
      expect(error).toBeInstanceOf(RequestMovedError);
      expect(await h.ledger.lastNumber(sampleIssuance(request, 1).book)).toBe(1);
    });

    it('records a revocation once: a second from the same state gets DocumentMovedError', async () => {
      // Prepare
      const h = await harness();
      const issuance = sampleIssuance(await seeded(h), 1);
      await h.ledger.recordIssuance(issuance);
      const { document, audit } = issuance;
      const revocation = { document: { ...document, status: 'revoked' as const }, previousStatus: 'valid' as const, audit: { document: audit, request: audit } };

      // Act
      await h.ledger.recordRevocation(revocation);
      const error = await h.ledger.recordRevocation(revocation).catch((e: unknown) => e);

      // Assess
      expect(error).toBeInstanceOf(DocumentMovedError);
    });
  });
}
