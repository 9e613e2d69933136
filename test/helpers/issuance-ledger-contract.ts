import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DocumentRecord } from '../../shared/domain/document';
import type { RequestRecord } from '../../shared/domain/request';
import {
  BookBusyError, DocumentMovedError, NumberTakenError, RequestMovedError, type Issuance, type IssuanceLedger, type NumberClaim, type Reservation,
} from '../../shared/store/issuance-ledger';

/** A ledger under test, and a way to put a request where the ledger reads it from. */
export interface LedgerHarness {
  ledger: IssuanceLedger;
  seedRequest(request: RequestRecord): Promise<void>;
}

const at = '2026-03-02T03:00:00.000Z';
const LEASE_MS = 60_000;
const actor = { sub: 'official-sub', role: 'official' as const };

/** A submitted request of `agencyId` (fresh ids, so that tests sharing a table do not meet). */
export function sampleRequest(agencyId = `agency-${randomBytes(4).toString('hex')}`): RequestRecord {
  return {
    id: `req-${randomBytes(6).toString('hex')}`, kind: 'certify-copy', agencyId, title: 'Bằng', copies: 1, citizenId: '001199012345',
    channel: 'online', status: 'submitted', createdAt: at, createdBy: actor, updatedAt: at,
  };
}

/** The holder an issuance of `request` reserves its number as (one per request in these tests). */
export const holderOf = (request: RequestRecord) => `holder-${request.id}`;

/** The issuance of `request` with number `seq` in its agency's SCT/BS book of 2026, by `holder`. */
export function sampleIssuance(request: RequestRecord, seq: number, holder = holderOf(request)): Issuance {
  const id = `doc-${randomBytes(6).toString('hex')}`;
  const certificationNo = `${seq}/01-2026-SCT/BS`;
  const document: DocumentRecord = {
    id, requestId: request.id, kind: request.kind, title: request.title, agencyId: request.agencyId, agencyName: 'UBND thử nghiệm',
    citizenId: request.citizenId, certificationNo, seq, bookLabel: '01-2026-SCT/BS', verifyCode: `CODE-${randomBytes(6).toString('hex')}`,
    s3Key: `documents/${id}.pdf`, sha256: 'ab', size: 10, pages: 1, copies: request.copies, issuedAt: at, issuedBy: actor, status: 'valid',
  };
  return {
    book: { agencyId: request.agencyId, bookCode: 'SCT/BS', year: 2026 },
    seq,
    holder,
    document,
    request: { before: request, after: { ...request, status: 'issued', documentId: id, certificationNo, updatedAt: '2026-03-02T03:00:01.000Z' } },
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

  /** The claim of `request`'s holder (or `holder`) on its book, made `afterMs` after the base time. */
  function claim(request: RequestRecord, afterMs = 0, holder = holderOf(request)): NumberClaim {
    return { book: sampleIssuance(request, 1).book, holder, request, at: new Date(Date.parse(at) + afterMs), leaseMs: LEASE_MS };
  }

  /** Reserves the next number for `request` and records its issuance with it. */
  async function issued(h: LedgerHarness, request: RequestRecord): Promise<Reservation> {
    const reservation = await h.ledger.reserveNumber(claim(request));
    await h.ledger.recordIssuance(sampleIssuance(request, reservation.seq));
    return reservation;
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
      const one = await issued(h, first);
      const two = await issued(h, second);

      // Assess
      expect(empty).toBe(0);
      expect([one.seq, two.seq]).toEqual([1, 2]);
      expect(await h.ledger.lastNumber(book)).toBe(2);
    });

    it('reserves the next number for one holder at a time: another gets BookBusyError, the holder its number again', async () => {
      // Prepare
      const h = await harness();
      const first = await seeded(h);
      const second = await seeded(h, first.agencyId);

      // Act
      const held = await h.ledger.reserveNumber(claim(first));
      const busy = await h.ledger.reserveNumber(claim(second, LEASE_MS - 1)).catch((e: unknown) => e);
      const again = await h.ledger.reserveNumber(claim(first, 1_000));

      // Assess
      expect(held).toMatchObject({ seq: 1, holder: holderOf(first), until: new Date(Date.parse(at) + LEASE_MS) });
      expect(busy).toBeInstanceOf(BookBusyError);
      expect(again.seq).toBe(1);
      expect(await h.ledger.lastNumber(held.book)).toBe(0);
    });

    it('hands a reservation whose lease ran out to the next claimant with the same number; its first holder can no longer commit', async () => {
      // Prepare: the first holder died (or froze) before its commit.
      const h = await harness();
      const crashed = await seeded(h);
      const next = await seeded(h, crashed.agencyId);
      await h.ledger.reserveNumber(claim(crashed));

      // Act
      const takenOver = await h.ledger.reserveNumber(claim(next, LEASE_MS + 1));
      const late = await h.ledger.recordIssuance(sampleIssuance(crashed, 1)).catch((e: unknown) => e);
      await h.ledger.recordIssuance(sampleIssuance(next, takenOver.seq));

      // Assess: no gap, and the number went to one issuance only.
      expect(takenOver.seq).toBe(1);
      expect(late).toBeInstanceOf(NumberTakenError);
      expect(await h.ledger.lastNumber(takenOver.book)).toBe(1);
    });

    it('records an issuance only for the holder of its number, with NumberTakenError otherwise', async () => {
      // Prepare
      const h = await harness();
      const holding = await seeded(h);
      const other = await seeded(h, holding.agencyId);
      const book = sampleIssuance(holding, 1).book;

      // Act
      const unreserved = await h.ledger.recordIssuance(sampleIssuance(other, 1)).catch((e: unknown) => e);
      await h.ledger.reserveNumber(claim(holding));
      const notHolder = await h.ledger.recordIssuance(sampleIssuance(other, 1)).catch((e: unknown) => e);

      // Assess
      expect(unreserved).toBeInstanceOf(NumberTakenError);
      expect(notHolder).toBeInstanceOf(NumberTakenError);
      expect(await h.ledger.lastNumber(book)).toBe(0);
      await h.ledger.recordIssuance(sampleIssuance(holding, 1)); // the holder still holds it
    });

    it("frees the book with the holder's commit or release, not with anyone else's release", async () => {
      // Prepare
      const h = await harness();
      const first = await seeded(h);
      const second = await seeded(h, first.agencyId);
      const third = await seeded(h, first.agencyId);
      const book = sampleIssuance(first, 1).book;
      await h.ledger.reserveNumber(claim(first));

      // Act
      await h.ledger.releaseNumber(book, holderOf(second));
      const stillBusy = await h.ledger.reserveNumber(claim(second)).catch((e: unknown) => e);
      await h.ledger.releaseNumber(book, holderOf(first));
      const afterRelease = await h.ledger.reserveNumber(claim(second));
      await h.ledger.recordIssuance(sampleIssuance(second, afterRelease.seq));
      const afterCommit = await h.ledger.reserveNumber(claim(third));

      // Assess
      expect(stillBusy).toBeInstanceOf(BookBusyError);
      expect(afterRelease.seq).toBe(1);
      expect(afterCommit.seq).toBe(2);
    });

    it('refuses to reserve for a request that changed since it was read with RequestMovedError, holding nothing', async () => {
      // Prepare
      const h = await harness();
      const request = await seeded(h);
      const other = await seeded(h, request.agencyId);
      await issued(h, request);

      // Act: the same request, from the state read before it was issued
      const error = await h.ledger.reserveNumber(claim(request, 0, 'another-holder')).catch((e: unknown) => e);
      const next = await h.ledger.reserveNumber(claim(other));

      // Assess
      expect(error).toBeInstanceOf(RequestMovedError);
      expect(next.seq).toBe(2);
    });

    it('refuses a number taken meanwhile with NumberTakenError, recording nothing', async () => {
      // Prepare
      const h = await harness();
      const winner = await seeded(h);
      const loser = await seeded(h, winner.agencyId);
      await issued(h, winner);
      await h.ledger.reserveNumber(claim(loser));

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
      await h.ledger.reserveNumber(claim(first));
      await h.ledger.recordIssuance(taken);
      await h.ledger.reserveNumber(claim(second));
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
      const first = sampleIssuance(request, 1);
      await issued(h, request);
      await h.ledger.reserveNumber(claim(first.request.after, 0, 'second-holder'));

      // Act: the same request issued again from the state read before the first issuance
      const error = await h.ledger.recordIssuance(sampleIssuance(request, 2, 'second-holder')).catch((e: unknown) => e);

      // Assess
      expect(error).toBeInstanceOf(RequestMovedError);
      expect(await h.ledger.lastNumber(sampleIssuance(request, 1).book)).toBe(1);
    });

    it('records a revocation once: a second from the same state gets DocumentMovedError', async () => {
      // Prepare
      const h = await harness();
      const request = await seeded(h);
      await h.ledger.reserveNumber(claim(request));
      const issuance = sampleIssuance(request, 1);
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
