import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { DocumentRecord } from '../../../shared/domain/document';
import type { RequestRecord } from '../../../shared/domain/request';
import { AuditRepository } from '../../../shared/store/audit-repo';
import { DocumentRepository } from '../../../shared/store/document-repo';
import { DynamoIssuanceLedger } from '../../../shared/store/dynamo-issuance-ledger';
import { DocumentMovedError, NumberTakenError, RequestMovedError, type Issuance } from '../../../shared/store/issuance-ledger';
import { NotificationRepository } from '../../../shared/store/notification-repo';
import { RegisterBookRepository } from '../../../shared/store/register-book-repo';
import { RequestRepository } from '../../../shared/store/request-repo';
import { StatsRepository } from '../../../shared/store/stats-repo';

/**
 * The DynamoDB adapter's own decisions, over a fake client that only injects outcomes: the items
 * and conditions of the one transaction, the typed errors, the unknown outcome. The transaction
 * against DynamoDB Local is exercised by test/integration/faults.test.ts and reliability.test.ts.
 */

const at = '2026-03-02T03:00:00.000Z';
const actor = { sub: 'official-sub', role: 'official' as const };
const before: RequestRecord = {
  id: 'req-1', kind: 'certify-copy', agencyId: 'ubnd-a', title: 'Bằng', copies: 1, citizenId: '001199012345', channel: 'online',
  status: 'submitted', createdAt: at, createdBy: actor, updatedAt: at,
};
const document: DocumentRecord = {
  id: 'doc-1', requestId: 'req-1', kind: 'certify-copy', title: 'Bằng', agencyId: 'ubnd-a', agencyName: 'UBND A', citizenId: '001199012345',
  certificationNo: '8/01-2026-SCT/BS', seq: 8, bookLabel: '01-2026-SCT/BS', verifyCode: 'CODE', s3Key: 'documents/doc-1.pdf', sha256: 'ab', size: 10,
  pages: 1, copies: 1, issuedAt: at, issuedBy: actor, status: 'valid',
};
const issuance: Issuance = {
  book: { agencyId: 'ubnd-a', bookCode: 'SCT/BS', year: 2026 },
  seq: 8,
  document,
  request: { before, after: { ...before, status: 'issued', documentId: 'doc-1', updatedAt: '2026-03-02T03:00:01.000Z' } },
  audit: { at, actor, action: 'issue', from: 'submitted', to: 'issued' },
  stats: { day: '2026-03-02', delta: { issued: 1 } },
  notification: { at, kind: 'issued', requestId: 'req-1', citizenId: '001199012345', message: 'Đã cấp' },
};

/** A ledger over a client whose every call `answer` decides; the calls are kept. */
function ledgerAnswering(answer: (command: object) => unknown) {
  const calls: object[] = [];
  const db = { send: async (command: object) => { calls.push(command); return answer(command); } } as unknown as DynamoDBDocumentClient;
  const t = 'table';
  const repos = {
    book: new RegisterBookRepository(db, t), documents: new DocumentRepository(db, t), requests: new RequestRepository(db, t),
    audit: new AuditRepository(db, t), stats: new StatsRepository(db, t), notifications: new NotificationRepository(db, t),
  };
  return { ledger: new DynamoIssuanceLedger(db, repos), calls };
}

const cancelledOn = (failed: number[]) => Object.assign(new Error('Transaction cancelled'), {
  name: 'TransactionCanceledException',
  CancellationReasons: Array.from({ length: 10 }, (_, i) => ({ Code: failed.includes(i) ? 'ConditionalCheckFailed' : 'None' })),
});
const lost = () => Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
const fail = (e: Error) => { throw e; };

describe('Class: DynamoIssuanceLedger', () => {
  it('records an issuance in one transaction, the counter conditioned on the number before it', async () => {
    // Prepare
    const { ledger, calls } = ledgerAnswering(() => ({}));

    // Act
    await ledger.recordIssuance(issuance);

    // Assess
    expect(calls).toHaveLength(1);
    const items = (calls[0] as TransactWriteCommand).input.TransactItems!;
    const types = items.map((i) => (i.Put?.Item?._type ?? i.Update?.Key?.PK) as string);
    expect(types).toEqual(['CTR#ubnd-a#SCT/BS#2026', 'register-line', 'document', 'verify-code', 'request', 'audit', 'STAT#ubnd-a', 'STAT#ALL', 'notification']);
    expect(items[0].Update?.ExpressionAttributeValues).toMatchObject({ ':expected': 7, ':next': 8 });
    expect(items[1].Put?.Item).toMatchObject({ seq: 8, documentId: 'doc-1', requestId: 'req-1', verifyCode: 'CODE', issuedAt: at, kind: 'certify-copy', copies: 1 });
  });

  it('answers a failed condition on the request with RequestMovedError, on anything else with NumberTakenError', async () => {
    // Act
    const moved = await ledgerAnswering(() => fail(cancelledOn([0, 4]))).ledger.recordIssuance(issuance).catch((e: unknown) => e);
    const taken = await ledgerAnswering(() => fail(cancelledOn([0, 1]))).ledger.recordIssuance(issuance).catch((e: unknown) => e);

    // Assess
    expect(moved).toBeInstanceOf(RequestMovedError);
    expect(taken).toBeInstanceOf(NumberTakenError);
  });

  it('answers success when the response was lost but the request is recorded as issued with this document', async () => {
    // Prepare
    const { ledger, calls } = ledgerAnswering((c) => (c instanceof GetCommand ? { Item: { ...issuance.request.after } } : fail(lost())));

    // Act
    await ledger.recordIssuance(issuance);

    // Assess
    expect(calls.map((c) => c.constructor.name)).toEqual(['TransactWriteCommand', 'GetCommand']);
  });

  it('passes the error on when the response was lost and the request is not issued with this document', async () => {
    // Prepare
    const { ledger } = ledgerAnswering((c) => (c instanceof GetCommand ? { Item: { ...before } } : fail(lost())));

    // Act
    const error = await ledger.recordIssuance(issuance).catch((e: unknown) => e);

    // Assess
    expect((error as Error).name).toBe('TimeoutError');
  });

  it('answers a revocation whose document changed meanwhile with DocumentMovedError', async () => {
    // Prepare
    const { ledger } = ledgerAnswering(() => fail(cancelledOn([0])));

    // Act
    const error = await ledger
      .recordRevocation({ document: { ...document, status: 'revoked' }, previousStatus: 'valid', audit: { document: issuance.audit, request: issuance.audit } })
      .catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(DocumentMovedError);
  });
});
