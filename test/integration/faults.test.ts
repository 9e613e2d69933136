import { createServer, type Socket } from 'node:net';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { GetCommand, ScanCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ENV } from '../../shared/runtime/config';
import { ConflictError, isDomainError } from '../../shared/domain/errors';
import { numberingYear } from '../../shared/domain/numbering';
import type { RequestRecord } from '../../shared/domain/request';
import { buildServices, type Services } from '../../shared/runtime/services';
import { dynamoClient, dynamoDocumentClient, s3Client } from '../../shared/store/clients';
import { ObjectStore } from '../../shared/store/object-store';
import { certifyRequest } from '../../shared/use-cases/certify-request';
import { api } from '../helpers/api';
import { AGENCY, checked, devToken, principal, realServices, snapshot, useTestStack } from './hostile/support';

/**
 * Issuance (docs/architecture.md, "One certification, end to end") under failures of the table and the object store, with the real
 * clients pointed at the test stack's emulators behind fault-injecting wrappers. Whatever fails,
 * at whichever step: no numbered register line exists without its stored PDF, numbers stay
 * consecutive and unique, a failed issuance leaves the request `submitted`, and a retry takes the
 * next free number. Contention is retried, never surfaced as a 500.
 */

let healthy: Services;
const citizen = principal('citizen');
const official = principal('official');
const year = () => numberingYear(new Date());

beforeAll(() => {
  useTestStack();
  healthy = realServices();
});

// ---------------------------------------------------------------------------------------------
// Fault injection
// ---------------------------------------------------------------------------------------------

type Send = () => Promise<unknown>;
/** Decides what one DynamoDB call does: `pass()` sends it for real. */
type DbHook = (command: object, pass: Send) => Promise<unknown>;

/** The real document client with `send` routed through `hook`. */
function faultyDb(real: DynamoDBDocumentClient, hook: DbHook): DynamoDBDocumentClient {
  return new Proxy(real, {
    get(target, prop, receiver) {
      if (prop === 'send') return (command: object, ...rest: unknown[]) => hook(command, () => Reflect.apply(target.send, target, [command, ...rest]) as Promise<unknown>);
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The real object store, with hooks that may throw before a put or a read. */
class FaultyObjects extends ObjectStore {
  puts = 0;
  constructor(
    s3: S3Client,
    private readonly hooks: { beforePut?: (n: number) => void; beforeGet?: () => void } = {},
  ) {
    super(s3);
  }

  override async put(...args: Parameters<ObjectStore['put']>): Promise<void> {
    this.puts += 1; // counted even without a hook (an optional call would skip its arguments)
    this.hooks.beforePut?.(this.puts);
    return super.put(...args);
  }

  override async getBytes(...args: Parameters<ObjectStore['getBytes']>): Promise<Uint8Array> {
    this.hooks.beforeGet?.();
    return super.getBytes(...args);
  }
}

const networkError = () => Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET', $metadata: {} });
const s3Outage = () => Object.assign(new Error('We encountered an internal error. Please try again.'), { name: 'InternalError', $metadata: { httpStatusCode: 500 } });
const conflict = (items: number) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]',
    $metadata: { httpStatusCode: 400 },
    CancellationReasons: Array.from({ length: items }, (_, i) => ({ Code: i === 0 ? 'TransactionConflict' : 'None' })),
  });

const onCounter = (c: object) => c instanceof UpdateCommand && String(c.input.Key?.PK).startsWith('CTR#');
/** The reservation of the book's next number (a conditional write on the counter item). */
const isReservation = (c: object) => onCounter(c) && String((c as UpdateCommand).input.UpdateExpression).startsWith('SET');
/** The release of a reservation. */
const isRelease = (c: object) => onCounter(c) && String((c as UpdateCommand).input.UpdateExpression).startsWith('REMOVE');
const isTransaction = (c: object) => c instanceof TransactWriteCommand;
const itemsOf = (c: object) => (c as TransactWriteCommand).input.TransactItems?.length ?? 0;

// ---------------------------------------------------------------------------------------------
// What must hold after every scenario
// ---------------------------------------------------------------------------------------------

const CERTIFIED_COPY_BOOK_CODE = 'SCT/BS-ĐT';
const counter = () => healthy.book.current(AGENCY, CERTIFIED_COPY_BOOK_CODE, year());

async function scanAll(filter: string, values: Record<string, unknown>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await healthy.db.send(new ScanCommand({ TableName: healthy.tableName, FilterExpression: filter, ExpressionAttributeValues: values, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Every register line of every book: its document exists and its PDF is stored; numbers run 1..n with the counter at n. */
async function assertRegisterIntact(): Promise<void> {
  const lines = await scanAll('begins_with(PK, :p)', { ':p': 'BOOK#' });
  const books = new Map<string, number[]>();
  for (const line of lines) {
    const doc = await healthy.documents.get(String(line.documentId));
    expect(doc, `document of ${line.PK} ${line.SK}`).toBeDefined();
    expect(doc!.seq).toBe(line.seq);
    expect(await healthy.objects.size(healthy.buckets.issued, doc!.s3Key), `PDF of ${line.PK} ${line.SK}`).toBeGreaterThan(0);
    const pk = String(line.PK);
    books.set(pk, [...(books.get(pk) ?? []), Number(line.seq)]);
  }
  for (const [pk, seqs] of books) {
    seqs.sort((a, b) => a - b);
    expect(seqs, `numbers of ${pk}`).toEqual(seqs.map((_, i) => i + 1));
    const ctr = await healthy.db.send(new GetCommand({ TableName: healthy.tableName, Key: { PK: pk.replace(/^BOOK#/, 'CTR#'), SK: 'CTR' }, ConsistentRead: true }));
    expect(ctr.Item?.value, `counter of ${pk}`).toBe(seqs.length);
  }
}

async function lineExists(seq: number): Promise<boolean> {
  const r = await healthy.db.send(
    new GetCommand({ TableName: healthy.tableName, Key: { PK: `BOOK#${AGENCY}#${CERTIFIED_COPY_BOOK_CODE}#${year()}`, SK: `SEQ#${String(seq).padStart(9, '0')}` }, ConsistentRead: true }),
  );
  return r.Item !== undefined;
}

interface Outcome {
  request: RequestRecord;
  before: Awaited<ReturnType<typeof snapshot>>;
  counterBefore: number;
  error: unknown;
  objects: FaultyObjects;
}

/** Certifies a fresh submitted request with services whose clients misbehave as told. */
async function certifyWith(faults: { db?: DbHook; objects?: ConstructorParameters<typeof FaultyObjects>[1] }): Promise<Outcome> {
  const request = await checked(healthy, citizen);
  const before = await snapshot(healthy, request.id);
  const counterBefore = await counter();
  const objects = new FaultyObjects(s3Client(), faults.objects);
  const services = buildServices({ db: faultyDb(dynamoDocumentClient(), faults.db ?? ((_c, pass) => pass())), objects, signers: healthy.signers, revocation: healthy.revocation, timestamps: healthy.timestamps });
  const error = await certifyRequest(services, official, request.id).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { request, before, counterBefore, error, objects };
}

/** After a failed issuance: nothing numbered, request untouched; then a healthy retry takes the next free number. */
async function assertFailedCleanlyThenRetry(outcome: Outcome): Promise<void> {
  expect(outcome.error).toBeDefined();
  expect(await snapshot(healthy, outcome.request.id)).toEqual(outcome.before);
  expect((await healthy.requests.get(outcome.request.id))?.status).toBe('submitted');
  expect(await counter()).toBe(outcome.counterBefore);
  expect(await lineExists(outcome.counterBefore + 1)).toBe(false);
  await assertRegisterIntact();

  const retried = await certifyRequest(healthy, official, outcome.request.id);
  expect(retried.number).toBe(outcome.counterBefore + 1);
  expect((await healthy.requests.get(outcome.request.id))?.status).toBe('issued');
  expect(await lineExists(outcome.counterBefore + 1)).toBe(true);
  await assertRegisterIntact();
}

// ---------------------------------------------------------------------------------------------

describe('Faults during issuance: a failed step leaves no numbered line without its PDF', () => {
  it('survives the S3 put of the signed PDF failing', async () => {
    const outcome = await certifyWith({ objects: { beforePut: () => { throw s3Outage(); } } });
    expect((outcome.error as Error).name).toBe('InternalError');
    await assertFailedCleanlyThenRetry(outcome);
  });

  it('survives the read of the original from S3 failing', async () => {
    const outcome = await certifyWith({ objects: { beforeGet: () => { throw networkError(); } } });
    expect(outcome.objects.puts).toBe(0);
    await assertFailedCleanlyThenRetry(outcome);
  });

  it('survives the reservation of the number failing', async () => {
    const outcome = await certifyWith({ db: (c, pass) => (isReservation(c) ? Promise.reject(networkError()) : pass()) });
    expect(outcome.objects.puts).toBe(0);
    await assertFailedCleanlyThenRetry(outcome);
  });

  it('gives the book back when the reservation was written but its answer lost', async () => {
    // Act: the reservation reaches the table, then the connection drops.
    let releases = 0;
    const outcome = await certifyWith({ db: async (c, pass) => {
      const result = await pass();
      if (isRelease(c)) releases += 1;
      if (isReservation(c)) throw networkError();
      return result;
    } });

    // Assess: nothing composed; the retry right after takes the number (the book is not left held).
    expect(outcome.objects.puts).toBe(0);
    expect(releases).toBe(1);
    await assertFailedCleanlyThenRetry(outcome);
  });

  it('survives TransactWriteItems failing with a network error (the PDF is left unreferenced)', async () => {
    const outcome = await certifyWith({ db: (c, pass) => (isTransaction(c) ? Promise.reject(networkError()) : pass()) });
    expect(outcome.objects.puts).toBe(1);
    await assertFailedCleanlyThenRetry(outcome);
  });

  it('answers success when the transaction commits but its response is lost, and a retry is a 409 that burns no number', async () => {
    // Act: the write reaches the table, then the connection drops.
    let documentId: string | undefined;
    const outcome = await certifyWith({ db: async (c, pass) => {
      const result = await pass();
      if (isTransaction(c)) {
        documentId = String((c as TransactWriteCommand).input.TransactItems?.find((i) => i.Put?.Item?._type === 'document')?.Put?.Item?.id);
        throw networkError();
      }
      return result;
    } });

    // Assess: the issuance happened, completely, and the caller was told so (not a 500).
    expect(outcome.error).toBeUndefined();
    const request = await healthy.requests.get(outcome.request.id);
    expect(request?.status).toBe('issued');
    expect(request?.documentId).toBe(documentId);
    expect(await counter()).toBe(outcome.counterBefore + 1);
    await assertRegisterIntact();
    const retry = await certifyRequest(healthy, official, outcome.request.id).catch((e: unknown) => e);
    expect(retry).toBeInstanceOf(ConflictError);
    expect(await counter()).toBe(outcome.counterBefore + 1);
  });

  it('retries a transaction cancelled by TransactionConflict three times, then issues with the next number', async () => {
    let transactions = 0;
    const outcome = await certifyWith({ db: (c, pass) => (isTransaction(c) && ++transactions <= 3 ? Promise.reject(conflict(itemsOf(c))) : pass()) });
    expect(outcome.error).toBeUndefined();
    expect(transactions).toBe(4);
    expect(outcome.objects.puts).toBe(1);
    const after = await healthy.requests.get(outcome.request.id);
    expect(after?.status).toBe('issued');
    expect(after!.number).toBe(outcome.counterBefore + 1);
    await assertRegisterIntact();
  });

  it('answers contention that never ends with a 409 (not a 500), leaving the request submitted for a retry', async () => {
    const outcome = await certifyWith({ db: (c, pass) => (isTransaction(c) ? Promise.reject(conflict(itemsOf(c))) : pass()) });
    expect(isDomainError(outcome.error) && outcome.error.status).toBe(409);
    await assertFailedCleanlyThenRetry(outcome);
  });

  it('makes another process certifying meanwhile wait for the number held, storing one copy per issuance', async () => {
    // Prepare: another request, certified through the gateway (another process, another lock) at the worst moment.
    const other = await checked(healthy, citizen);
    const officialToken = await devToken('official');
    let theirs: ReturnType<typeof api<{ number: number }>> | undefined;

    // Act: once our number is reserved, they certify; we carry on composing, signing and storing.
    const outcome = await certifyWith({ db: async (c, pass) => {
      const result = await pass();
      if (isReservation(c) && !theirs) theirs = api('POST', `/api/requests/${other.id}/certify`, { token: officialToken });
      return result;
    } });
    const res = await theirs!;

    // Assess
    expect(outcome.error).toBeUndefined();
    expect(outcome.objects.puts).toBe(1);
    expect((await healthy.requests.get(outcome.request.id))!.number).toBe(outcome.counterBefore + 1);
    expect(res.status, res.text).toBe(201);
    expect(res.body.number).toBe(outcome.counterBefore + 2);
    await assertRegisterIntact();
  });
});

// ---------------------------------------------------------------------------------------------
// Timeouts
// ---------------------------------------------------------------------------------------------

/**
 * The time bounds live in the SDK clients' HTTP handler (shared/store/clients.ts), not in the use
 * cases: a fake `send` that never resolves would hang a use case forever, so it is not faked here.
 * What is tested is the real handler against a server that accepts connections and never answers.
 */
/** How a call ended: 'answered', the error's name, or 'still hanging' after 8 s. */
function settle(call: Promise<unknown>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('still hanging'), 8_000)));
  return Promise.race([call.then(() => 'answered', (e: Error) => e.name), hang]).finally(() => clearTimeout(timer));
}

describe('Timeouts: every call to the table and the object store is bounded', () => {
  let server: ReturnType<typeof createServer>;
  let blackHole: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.push(socket);
      socket.on('data', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    blackHole = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });

  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('configures a request, socket and connection timeout that throws, on both clients', async () => {
    const configOf = (client: { config: { requestHandler: unknown } }) =>
      (client.config.requestHandler as { configProvider: Promise<Record<string, number | boolean | undefined>> }).configProvider;
    const [dynamo, s3] = await Promise.all([configOf(dynamoClient()), configOf(s3Client())]);
    for (const config of [dynamo, s3]) {
      expect(config.requestTimeout).toBeGreaterThan(0);
      expect(config.throwOnRequestTimeout).toBe(true);
      expect(config.socketTimeout).toBeGreaterThan(0);
      expect(config.connectionTimeout).toBeGreaterThan(0);
    }
    // An attempt and one retry fit in the function timeout (infra/functions.ts: 10 s by default, 29 s at most).
    expect(2 * Number(dynamo.requestTimeout)).toBeLessThanOrEqual(10_000);
    expect(2 * Number(s3.requestTimeout)).toBeLessThanOrEqual(29_000);
  });

  it('fails a DynamoDB call and an S3 call to a server that never answers, instead of hanging', async () => {
    // Prepare: fresh clients (module singletons) pointed at the black hole.
    const saved = { d: process.env[ENV.dynamoEndpoint], s: process.env[ENV.s3Endpoint] };
    process.env[ENV.dynamoEndpoint] = blackHole;
    process.env[ENV.s3Endpoint] = blackHole;
    vi.resetModules();
    const fresh = await import('../../shared/store/clients');
    const db = fresh.dynamoDocumentClient();
    const s3 = fresh.s3Client();
    process.env[ENV.dynamoEndpoint] = saved.d;
    process.env[ENV.s3Endpoint] = saved.s;

    // Act: the configured handler, with a short per-call timeout so that the test stays quick.
    const outcomes = await Promise.all([
      settle(db.send(new GetCommand({ TableName: 't', Key: { PK: 'x', SK: 'y' } }), { requestTimeout: 300 })),
      settle(s3.send(new HeadObjectCommand({ Bucket: 'b', Key: 'k' }), { requestTimeout: 300 })),
    ]);

    // Assess
    // (a client without a timeout settles as 'still hanging'; the configured timeout values are
    // checked by the test above)
    expect(outcomes).toEqual(['TimeoutError', 'TimeoutError']);
    db.destroy();
    s3.destroy();
  });
});
