import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, ServiceUnavailableError } from '../../../shared/domain/errors';
import { problemOf } from '../../../shared/http/problem';
import { TsaClient } from '../../../shared/signing';
import { freePort } from '../../../infra/local/free-port';
import { numberingYear } from '../../../shared/domain/numbering';
import { certifyRequest } from '../../../shared/use-cases/certify-request';
import { NUMBER_LEASE_MS } from '../../../shared/use-cases/issue-document';
import { AGENCY, CITIZEN_ID, official, submittedCertifyRequest, useInMemoryWorld } from '../support/in-memory-services';

const networkError = () => Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' });

const book = () => ({ agencyId: AGENCY.id, bookCode: 'SCT/BS-ĐT', year: numberingYear(world().services.now()) });

const world = useInMemoryWorld();

/** DER of the attribute type id-aa-signatureTimeStampToken (1.2.840.113549.1.9.16.2.14), in hex as in /Contents. */
const SIGNATURE_TIME_STAMP_TOKEN_OID = '060b2a864886f70d010910020e';

describe('Function: certifyRequest', () => {
  it('gives certifications in one book consecutive numbers, also when they run at once', async () => {
    // Prepare
    const first = await submittedCertifyRequest(world());
    const parallel = await Promise.all([1, 2, 3, 4].map(() => submittedCertifyRequest(world())));

    // Act
    const one = await certifyRequest(world().services, official, first.id);
    const rest = await Promise.all(parallel.map((r) => certifyRequest(world().services, official, r.id)));

    // Assess
    expect(one.number).toBe(1);
    expect(rest.map((r) => r.number).sort()).toEqual([2, 3, 4, 5]);
    expect(world().ledger.lines(book()).map((l) => l.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(await world().ledger.lastNumber(book())).toBe(5);
    expect(one.book).toBe(`01/${book().year}-SCT/BS-ĐT`);
  });

  it('records the register line, the document, the verify pointer, the request, the audit, the figures and the notification together', async () => {
    // Prepare
    const request = await submittedCertifyRequest(world());

    // Act
    const issued = await certifyRequest(world().services, official, request.id);

    // Assess
    const doc = world().ledger.documents.get(issued.documentId);
    expect(doc).toMatchObject({ requestId: request.id, seq: 1, bookLabel: issued.book, verifyCode: issued.verifyCode, citizenId: CITIZEN_ID, status: 'valid', agencyName: AGENCY.name });
    expect(world().ledger.lines(book())).toEqual([{ seq: 1, documentId: issued.documentId, requestId: request.id, verifyCode: issued.verifyCode }]);
    expect(world().ledger.verifyCodes.get(issued.verifyCode)).toBe(issued.documentId);
    expect(issued.verifyUrl).toBe(`https://bansao.example/verify/${issued.verifyCode}`);
    expect(world().requests.get(request.id)).toMatchObject({ status: 'issued', documentId: issued.documentId, number: issued.number, book: issued.book, verifyCode: issued.verifyCode });
    expect(world().ledger.trail(`REQ#${request.id}`)).toEqual([
      expect.objectContaining({ action: 'issue', from: 'submitted', to: 'issued', actor: expect.objectContaining({ sub: official.sub }), data: { documentId: issued.documentId, number: issued.number, book: issued.book } }),
    ]);
    const day = `${AGENCY.id}#2026-03-02`;
    expect(world().ledger.stats.get(day)).toEqual({ issued: 1, 'issued:certify-copy': 1, onTime: 1 });
    expect(world().ledger.stats.get('ALL#2026-03-02')).toEqual(world().ledger.stats.get(day));
    expect(world().ledger.outbox).toEqual([expect.objectContaining({ kind: 'issued', requestId: request.id, citizenId: CITIZEN_ID, delivery: 'pending' })]);
    expect(world().ledger.outbox[0].message).toContain(`Số chứng thực 1, quyển số ${issued.book}`);
    expect(world().ledger.commits).toBe(1);

    const pdf = world().objects.get('issued', doc!.s3Key);
    expect(pdf?.metadata).toEqual({ 'verify-code': issued.verifyCode, sha256: doc!.sha256 });
    expect(createHash('sha256').update(pdf!.bytes).digest('hex')).toBe(doc!.sha256);
    expect(Buffer.from(pdf!.bytes.subarray(0, doc!.sealed!.length)).toString('latin1').match(/\/ByteRange/g)).toHaveLength(2); // the official, then the seal
    expect(Buffer.from(pdf!.bytes).toString('latin1').match(/\/ByteRange/g)).toHaveLength(3); // then the document time-stamp (B-LTA)
  });

  it('stores one copy per issuance while another process tries to number its own copies in the same book', async () => {
    // Prepare: another process tries to take a number in the book each time we store a copy.
    const request = await submittedCertifyRequest(world());
    const elsewhere: (number | undefined)[] = [];
    world().objects.beforePut = (bucket) => {
      if (bucket === 'issued') elsewhere.push(world().ledger.takeNumberElsewhere(book()));
    };

    // Act
    const issued = await certifyRequest(world().services, official, request.id);
    world().objects.beforePut = undefined;
    const after = world().ledger.takeNumberElsewhere(book());

    // Assess: the number was held from before composing, so the copy was stored once, for it.
    expect(world().objects.keys('issued')).toEqual([world().ledger.documents.get(issued.documentId)!.s3Key]);
    expect(issued.number).toBe(1);
    expect(elsewhere).toEqual([undefined]);
    expect(after).toBe(2);
    expect(world().ledger.lines(book()).map((l) => [l.seq, l.requestId])).toEqual([[1, request.id], [2, 'elsewhere-2']]);
  });

  it('waits while another process holds the book, then stores its copy once, for the number after theirs', async () => {
    // Prepare: another process holds the next number; it commits while we are waiting.
    const request = await submittedCertifyRequest(world());
    const theirs = await submittedCertifyRequest(world());
    await world().ledger.reserveNumber({ book: book(), holder: 'elsewhere', request: theirs, at: world().services.now(), leaseMs: NUMBER_LEASE_MS });
    world().ledger.beforeReserve = async (claim) => {
      if (claim.holder === 'elsewhere' || world().ledger.reserveCalls < 3) return;
      await world().ledger.releaseNumber(book(), 'elsewhere');
      world().ledger.takeNumberElsewhere(book());
    };

    // Act
    const issued = await certifyRequest(world().services, official, request.id);

    // Assess
    expect(world().ledger.reserveCalls).toBe(3); // theirs, then ours twice: refused once, then granted
    expect(issued.number).toBe(2);
    expect(world().objects.keys('issued')).toEqual([world().ledger.documents.get(issued.documentId)!.s3Key]);
    expect(world().ledger.lines(book()).map((l) => [l.seq, l.requestId])).toEqual([[1, 'elsewhere-1'], [2, request.id]]);
  });

  it('takes over the number of a process that died holding the book once its lease ran out, leaving no gap', async () => {
    // Prepare
    const request = await submittedCertifyRequest(world());
    const crashed = await submittedCertifyRequest(world());
    const longAgo = new Date(world().services.now().getTime() - NUMBER_LEASE_MS - 1);
    await world().ledger.reserveNumber({ book: book(), holder: 'crashed', request: crashed, at: longAgo, leaseMs: NUMBER_LEASE_MS });

    // Act
    const issued = await certifyRequest(world().services, official, request.id);

    // Assess
    expect(issued.number).toBe(1);
    expect(world().objects.keys('issued')).toHaveLength(1);
    expect(world().ledger.lines(book()).map((l) => l.requestId)).toEqual([request.id]);
  });

  it('answers a book held by another process through every attempt with a ConflictError, composing and storing nothing', async () => {
    // Prepare
    const request = await submittedCertifyRequest(world());
    const theirs = await submittedCertifyRequest(world());
    await world().ledger.reserveNumber({ book: book(), holder: 'elsewhere', request: theirs, at: world().services.now(), leaseMs: NUMBER_LEASE_MS });

    // Act
    const error = await certifyRequest(world().services, official, request.id).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).detail).toMatch(/đang bận/);
    expect(world().objects.keys('issued')).toEqual([]);
    expect(world().ledger.reservations.get(`${AGENCY.id}#${book().bookCode}#${book().year}`)?.holder).toBe('elsewhere');
    expect(world().requests.get(request.id)?.status).toBe('submitted');
  });

  it('leaves no numbered line when the commit fails after the copy was stored, and a retry takes that number', async () => {
    // Prepare
    const request = await submittedCertifyRequest(world());
    world().ledger.beforeCommit = () => {
      throw networkError();
    };

    // Act
    const error = await certifyRequest(world().services, official, request.id).catch((e: unknown) => e);

    // Assess: the copy is stored but unreferenced; nothing is numbered; the request waits.
    expect((error as Error).name).toBe('TimeoutError');
    expect(world().objects.keys('issued')).toHaveLength(1);
    expect(world().ledger.lines(book())).toEqual([]);
    expect(await world().ledger.lastNumber(book())).toBe(0);
    expect(world().ledger.documents.size).toBe(0);
    expect(world().ledger.outbox).toEqual([]);
    expect(world().requests.get(request.id)?.status).toBe('submitted');

    world().ledger.beforeCommit = undefined;
    const retried = await certifyRequest(world().services, official, request.id);
    expect(retried.number).toBe(1);
    expect(world().ledger.lines(book()).map((l) => l.documentId)).toEqual([retried.documentId]);
  });

  it('leaves nothing numbered when the copy cannot be stored', async () => {
    // Prepare
    const request = await submittedCertifyRequest(world());
    world().objects.beforePut = () => {
      throw Object.assign(new Error('We encountered an internal error.'), { name: 'InternalError' });
    };

    // Act
    const error = await certifyRequest(world().services, official, request.id).catch((e: unknown) => e);

    // Assess
    expect((error as Error).name).toBe('InternalError');
    expect(world().ledger.commits).toBe(0);
    expect(await world().ledger.lastNumber(book())).toBe(0);
    expect(world().ledger.reservations.size).toBe(0); // the number was given back
    expect(world().requests.get(request.id)?.status).toBe('submitted');
  });

  it('refuses a request certified already with a ConflictError, burning no number', async () => {
    // Prepare
    const request = await submittedCertifyRequest(world());
    await certifyRequest(world().services, official, request.id);

    // Act
    const again = await certifyRequest(world().services, official, request.id).catch((e: unknown) => e);

    // Assess
    expect(again).toBeInstanceOf(ConflictError);
    expect((again as ConflictError).status).toBe(409);
    expect((again as ConflictError).detail).toMatch(/đã nộp/);
    expect(await world().ledger.lastNumber(book())).toBe(1);
  });

  it('certifies a request certified twice at once only once: the other gets a ConflictError and no number', async () => {
    // Prepare
    const request = await submittedCertifyRequest(world());

    // Act
    const outcomes = await Promise.allSettled([certifyRequest(world().services, official, request.id), certifyRequest(world().services, official, request.id)]);

    // Assess
    const refused = outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(ConflictError);
    expect((refused[0] as ConflictError).detail).toMatch(/đã được xử lý/);
    expect(world().ledger.lines(book())).toHaveLength(1);
    expect(world().ledger.trail(`REQ#${request.id}`).filter((e) => e.action === 'issue')).toHaveLength(1);
  });

  it('refuses an official of another agency with a ForbiddenError', async () => {
    // Prepare
    const request = await submittedCertifyRequest(world());

    // Act
    const error = await certifyRequest(world().services, { ...official, agencyId: 'ubnd-phuong-khac' }, request.id).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(world().objects.keys('issued')).toEqual([]);
  });

  it('certifies the copy taken at submit, whatever was PUT to the upload key afterwards', async () => {
    // Prepare: the presigned upload URL was used again after submit.
    const request = await submittedCertifyRequest(world());
    const [original] = world().originals.get(request.id)!;
    await world().objects.put('originals', original.s3Key, new Uint8Array([1, 2, 3]), 'application/pdf');

    // Act
    const issued = await certifyRequest(world().services, official, request.id);

    // Assess
    expect(issued.documentId).toBeTruthy();
    expect(world().ledger.commits).toBe(1);
  });

  it('refuses with a ConflictError naming the file when the copy taken at submit no longer matches its SHA-256', async () => {
    // Prepare: something wrote the immutable key itself (no route does).
    const request = await submittedCertifyRequest(world());
    const [original] = world().originals.get(request.id)!;
    await world().objects.put('originals', original.submittedKey!, new Uint8Array([1, 2, 3]), 'application/pdf');

    // Act
    const error = await certifyRequest(world().services, official, request.id).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).status).toBe(409);
    expect((error as ConflictError).extra).toEqual({ fileName: original.fileName });
    expect(world().ledger.commits).toBe(0);
  });

  it('refuses an original changed after submit with a ConflictError when the request predates the copies taken at submit', async () => {
    // Prepare: submitted before submittedKey existed, so the upload key is read; the URL was used again.
    const request = await submittedCertifyRequest(world());
    const [original] = world().originals.get(request.id)!;
    world().originals.set(request.id, [{ ...original, submittedKey: undefined }]);
    await world().objects.put('originals', original.s3Key, new Uint8Array([1, 2, 3]), 'application/pdf');

    // Act
    const error = await certifyRequest(world().services, official, request.id).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).extra).toEqual({ fileName: original.fileName });
    expect(world().ledger.commits).toBe(0);
  });

  it('time-stamps both signatures (PAdES B-T): each CMS carries an id-aa-signatureTimeStampToken', async () => {
    // Prepare
    const request = await submittedCertifyRequest(world());

    // Act
    const issued = await certifyRequest(world().services, official, request.id);

    // Assess
    const doc = world().ledger.documents.get(issued.documentId)!;
    // The approval signatures are the sealed prefix; the document time-stamp of B-LTA follows it.
    const pdf = Buffer.from(world().objects.get('issued', doc.s3Key)!.bytes.subarray(0, doc.sealed!.length)).toString('latin1');
    const contents = [...pdf.matchAll(/\/Contents <([0-9a-f]+)>/g)].map((m) => m[1]);
    expect(contents).toHaveLength(2);
    for (const cms of contents) expect(cms).toContain(SIGNATURE_TIME_STAMP_TOKEN_OID);
  });

  it('answers 503 in Vietnamese and writes nothing when the time-stamp authority is out of reach', async () => {
    // Prepare: a port nobody listens on.
    const request = await submittedCertifyRequest(world());
    world().services.timestamps = new TsaClient({ url: `http://127.0.0.1:${await freePort()}/tsa`, timeoutMs: 200, attempts: 2, backoffMs: 10 });

    // Act
    const error = await certifyRequest(world().services, official, request.id).then(() => undefined, (e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    const problem = problemOf(error);
    expect(problem).toMatchObject({ status: 503, code: 'timestamp-unavailable' });
    expect(problem.detail).toMatch(/^Không lấy được dấu thời gian/);
    expect(world().objects.keys('issued')).toEqual([]);
    expect(world().ledger.commits).toBe(0);
    expect(world().ledger.lines(book())).toEqual([]);
    expect(world().requests.get(request.id)?.status).toBe('submitted');
  });
});
