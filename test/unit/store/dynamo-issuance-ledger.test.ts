import { GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoIssuanceLedger, ledgerRepositories } from '../../../shared/store/dynamo-issuance-ledger';
import { BookBusyError, DocumentMovedError, NumberTakenError, RequestMovedError } from '../../../shared/store/issuance-ledger';
import { sampleIssuance, sampleRequest } from '../../helpers/issuance-ledger-contract';

/**
 * The DynamoDB adapter's own decisions, over a fake client that only injects outcomes: the items
 * and conditions of the one transaction, the typed errors, the unknown outcome. The transaction
 * against DynamoDB Local is held to the contract in test/integration/issuance-ledger.test.ts and
 * exercised under faults by test/integration/faults.test.ts and reliability.test.ts.
 */

const before = sampleRequest('ubnd-a');
const issuance = sampleIssuance(before, 8);
const { document } = issuance;

/** A ledger over a client whose every call `answer` decides; the calls are kept. */
function ledgerAnswering(answer: (command: object) => unknown) {
  const calls: object[] = [];
  const db = { send: async (command: object) => { calls.push(command); return answer(command); } } as unknown as DynamoDBDocumentClient;
  return { ledger: new DynamoIssuanceLedger(db, ledgerRepositories(db, 'table')), calls };
}

const cancelledOn = (failed: number[]) => Object.assign(new Error('Transaction cancelled'), {
  name: 'TransactionCanceledException',
  CancellationReasons: Array.from({ length: 10 }, (_, i) => ({ Code: failed.includes(i) ? 'ConditionalCheckFailed' : 'None' })),
});
const lost = () => Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
const fail = (e: Error) => { throw e; };
const conditionFailed = () => Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' });
const claim = { book: issuance.book, holder: issuance.holder, request: before, at: new Date('2026-03-02T03:00:00Z'), leaseMs: 60_000 };

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
    expect(items[0].Update?.ExpressionAttributeValues).toMatchObject({ ':expected': 7, ':next': 8, ':holder': issuance.holder });
    expect(items[0].Update?.ConditionExpression).toBe('#v = :expected AND #h = :holder');
    expect(items[0].Update?.UpdateExpression).toMatch(/ REMOVE #h, #lu$/);
    expect(items[1].Put?.Item).toMatchObject({ seq: 8, documentId: document.id, requestId: before.id, verifyCode: document.verifyCode, issuedAt: document.issuedAt, kind: 'certify-copy', copies: 1 });
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

  it('reserves with one conditional write on the counter item: free, lapsed at the claimant\'s time, or held by the same holder', async () => {
    // Prepare
    const { ledger, calls } = ledgerAnswering((c) => (c instanceof UpdateCommand ? { Attributes: { value: 7, holder: issuance.holder } } : { Item: { ...before } }));

    // Act
    const reservation = await ledger.reserveNumber(claim);

    // Assess
    expect(reservation).toEqual({ book: issuance.book, holder: issuance.holder, seq: 8, until: new Date('2026-03-02T03:01:00Z') });
    const update = (calls[0] as UpdateCommand).input;
    expect(update.Key).toEqual({ PK: 'CTR#ubnd-a#SCT/BS#2026', SK: 'CTR' });
    expect(update.ConditionExpression).toBe('attribute_not_exists(#h) OR #h = :h OR #lu < :now');
    expect(update.ExpressionAttributeValues).toMatchObject({ ':h': issuance.holder, ':now': Date.parse('2026-03-02T03:00:00Z'), ':until': Date.parse('2026-03-02T03:01:00Z') });
    expect(calls.map((c) => c.constructor.name)).toEqual(['UpdateCommand', 'GetCommand']);
  });

  it('answers a book held by another holder with BookBusyError', async () => {
    // Act
    const error = await ledgerAnswering(() => fail(conditionFailed())).ledger.reserveNumber(claim).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(BookBusyError);
  });

  it('gives the book back and answers RequestMovedError when the request changed since it was read', async () => {
    // Prepare
    const { ledger, calls } = ledgerAnswering((c) => (c instanceof GetCommand ? { Item: { ...issuance.request.after } } : { Attributes: { value: 7 } }));

    // Act
    const error = await ledger.reserveNumber(claim).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(RequestMovedError);
    const release = (calls[2] as UpdateCommand).input;
    expect(release.UpdateExpression).toBe('REMOVE #h, #lu');
    expect(release.ConditionExpression).toBe('#h = :h');
    expect(release.ExpressionAttributeValues).toEqual({ ':h': issuance.holder });
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
