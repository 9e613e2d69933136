import { randomBytes } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it, vi } from 'vitest';
import { PayloadTooLargeError } from '../../../shared/domain/errors';
import type { RequestRecord } from '../../../shared/domain/request';
import type { Principal } from '../../../shared/domain/roles';
import type { Services } from '../../../shared/runtime/services';
import { ObjectStore } from '../../../shared/store/object-store';
import { addOriginal } from '../../../shared/use-cases/add-original';
import { createVerifyUpload } from '../../../shared/use-cases/verify';

/**
 * Issue #16 item 2: a presigned upload binds its length. Presigning is local computation, so these
 * tests read the URL an AWS client makes (no emulator: s3rver checks no signatures). In AWS, S3
 * answers 403 SignatureDoesNotMatch to a PUT whose Content-Length or Content-Type differs from the
 * signed ones.
 */

const MAX = 50 * 1024 * 1024;
/** A client as in AWS (no endpoint override, default checksum settings), with dummy credentials. */
const awsClient = () => new S3Client({ region: 'ap-southeast-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });
const signedHeaders = (url: string) => (new URL(url).searchParams.get('X-Amz-SignedHeaders') ?? '').split(';');

describe('Function: ObjectStore.presignPut', () => {
  it('signs content-length and content-type into the URL and tells the uploader to send exactly them', async () => {
    // Prepare
    const store = new ObjectStore(awsClient());

    // Act
    const { url, headers } = await store.presignPut('bansao-originals', 'originals/r/o', { contentType: 'application/pdf', contentLength: 12345 }, 900);

    // Assess
    expect(signedHeaders(url)).toEqual(expect.arrayContaining(['content-length', 'content-type', 'host']));
    expect(headers).toEqual({ 'content-type': 'application/pdf', 'content-length': '12345' });
    // Signed headers stay headers: neither is hoisted into the query string, where S3 would not compare them with the body.
    const query = [...new URL(url).searchParams.keys()].map((k) => k.toLowerCase());
    expect(query).not.toContain('content-length');
    expect(query).not.toContain('content-type');
  });

  it('puts no checksum of an empty body into the URL (S3 would hold the real upload to it)', async () => {
    const { url } = await new ObjectStore(awsClient()).presignPut('b', 'k', { contentType: 'application/pdf', contentLength: 10 }, 60);
    expect([...new URL(url).searchParams.keys()].filter((k) => /checksum/i.test(k))).toEqual([]);
  });

  it('makes a different signature for a different length', async () => {
    // Prepare: a fixed clock, so that only the length differs between the two requests.
    vi.useFakeTimers({ now: new Date('2026-12-05T10:00:00Z'), toFake: ['Date'] });
    try {
      const store = new ObjectStore(awsClient());

      // Act
      const a = await store.presignPut('b', 'k', { contentType: 'application/pdf', contentLength: 1000 }, 60);
      const b = await store.presignPut('b', 'k', { contentType: 'application/pdf', contentLength: 1001 }, 60);

      // Assess
      const sig = (u: string) => new URL(u).searchParams.get('X-Amz-Signature');
      expect(sig(a.url)).toMatch(/^[0-9a-f]{64}$/);
      expect(sig(a.url)).not.toBe(sig(b.url));
    } finally {
      vi.useRealTimers();
    }
  });
});

/** Just enough of the composition root for the upload use cases, with a spy on presigning. */
function stubServices(request?: RequestRecord) {
  const presignPut = vi.fn(async (_b: string, _k: string, file: { contentType: string; contentLength: number }) => ({
    url: 'https://s3.example/upload',
    headers: { 'content-type': file.contentType, 'content-length': String(file.contentLength) },
  }));
  const services = {
    buckets: { originals: 'bansao-originals', issued: 'bansao-issued' },
    now: () => new Date('2026-12-05T10:00:00Z'),
    newId: () => 'original-1',
    randomBytes: (n: number) => randomBytes(n),
    objects: { presignPut },
    requests: { get: async () => request, originals: async () => [], originalItem: () => ({}) },
    db: { send: vi.fn(async () => ({})) },
    tableName: 'bansao',
  } as unknown as Services;
  return { services, presignPut };
}

const citizen: Principal = { sub: 'citizen-sub', role: 'citizen', citizenId: '001199012345', name: 'Nguyễn Văn An' };
const draft = {
  id: 'req-1',
  kind: 'certify-copy',
  agencyId: 'ubnd-phuong-ba-dinh',
  title: 'Bằng tốt nghiệp',
  copies: 1,
  citizenId: citizen.citizenId,
  channel: 'online',
  status: 'draft',
  createdAt: '2026-12-05T09:00:00Z',
  createdBy: { sub: citizen.sub, role: 'citizen' },
  updatedAt: '2026-12-05T09:00:00Z',
} as RequestRecord;

describe('Function: addOriginal (upload URL of a citizen original)', () => {
  it('refuses a declared size above MAX_ORIGINAL_BYTES with a 413 before any URL is made', async () => {
    // Prepare
    const { services, presignPut } = stubServices(draft);

    // Act
    const attempt = addOriginal(services, citizen, draft.id, { fileName: 'bang.pdf', contentType: 'application/pdf', size: MAX + 1 });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(PayloadTooLargeError);
    await expect(attempt).rejects.toMatchObject({ status: 413 });
    expect(presignPut).not.toHaveBeenCalled();
  });

  it('binds the URL to the declared size and type, and hands them back as the headers to send', async () => {
    const { services, presignPut } = stubServices(draft);

    const ticket = await addOriginal(services, citizen, draft.id, { fileName: 'bang.pdf', contentType: 'application/pdf', size: MAX });

    expect(presignPut).toHaveBeenCalledWith('bansao-originals', 'originals/req-1/original-1', { contentType: 'application/pdf', contentLength: MAX }, 900);
    expect(ticket.uploadHeaders).toEqual({ 'content-type': 'application/pdf', 'content-length': String(MAX) });
  });

  it('records which side of an ID card a scan is, so that the copy prints both sides on one page', async () => {
    // Prepare
    const { services } = stubServices(draft);
    const originalItem = vi.fn(() => ({}));
    (services.requests as unknown as { originalItem: typeof originalItem }).originalItem = originalItem;

    // Act
    await addOriginal(services, citizen, draft.id, { fileName: 'cccd-truoc.jpg', contentType: 'image/jpeg', size: 1000, side: 'id-card-front' });

    // Assess
    expect(originalItem).toHaveBeenCalledWith(draft.id, expect.objectContaining({ side: 'id-card-front', contentType: 'image/jpeg' }));
  });
});

describe('Function: createVerifyUpload (anonymous verify upload URL)', () => {
  it('refuses a declared size above MAX_VERIFY_UPLOAD_BYTES with a 413 before any URL is made', async () => {
    const { services, presignPut } = stubServices();

    const attempt = createVerifyUpload(services, { size: MAX + 1 });

    await expect(attempt).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(presignPut).not.toHaveBeenCalled();
  });

  it('binds the URL to the declared size of a PDF', async () => {
    const { services, presignPut } = stubServices();

    const ticket = await createVerifyUpload(services, { size: 2_000_000 });

    expect(presignPut).toHaveBeenCalledWith('bansao-originals', `verify-uploads/${ticket.uploadId}.pdf`, { contentType: 'application/pdf', contentLength: 2_000_000 }, 900);
    expect(ticket.uploadHeaders).toEqual({ 'content-type': 'application/pdf', 'content-length': '2000000' });
    expect(ticket.maxBytes).toBe(MAX);
  });
});
