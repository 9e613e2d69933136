import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../helpers/api';
import { recordOriginalCheck, samplePdf } from '../helpers/flows';
import { pdfText, tempFile } from '../helpers/tools';
import { AGENCY, devToken, throwawayCitizen } from './hostile/support';

/**
 * Issue #16 item 3: the presigned upload URL stays usable until it expires, also after submit.
 * Submit copies each upload to a key no URL writes and records its SHA-256; from then on the
 * official sees and certifies exactly those bytes, whatever is PUT to the upload URL later.
 * Everything goes through the gateway and the real handlers; the PUTs go to s3rver as they would
 * to S3 (a same-length, same-type forgery passes even the signed Content-Length of item 2).
 */

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Two different PDFs of exactly the same length (the shorter padded after %%EOF, which readers ignore). */
async function sameLengthPair(): Promise<{ genuine: Uint8Array; forged: Uint8Array }> {
  const a = await samplePdf(2, 'Ban goc THAT cua cong dan');
  const b = await samplePdf(2, 'Ban GIA MAO nop sau khi nop');
  const length = Math.max(a.length, b.length);
  const pad = (x: Uint8Array) => Uint8Array.from([...x, ...new Uint8Array(length - x.length).fill(0x0a)]);
  return { genuine: pad(a), forged: pad(b) };
}

let official: string;

beforeAll(async () => {
  official = await devToken('official');
});

describe('An upload URL used again after submit', () => {
  it('changes neither what the official views nor what is certified', async () => {
    // Prepare: a citizen uploads the genuine scan and submits; the SHA-256 is recorded.
    const { genuine, forged } = await sameLengthPair();
    expect(forged.length).toBe(genuine.length);
    expect(sha256(forged)).not.toBe(sha256(genuine));
    const { token } = await throwawayCitizen();
    const created = await api('POST', '/api/requests', { token, json: { kind: 'certify-copy', agencyId: AGENCY, title: 'Bằng tốt nghiệp THPT', copies: 1 } });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    const ticket = await api('POST', `/api/requests/${id}/originals`, { token, json: { fileName: 'bang.pdf', contentType: 'application/pdf', size: genuine.length } });
    expect(ticket.status, ticket.text).toBe(201);
    const { uploadUrl, uploadMethod, uploadHeaders, originalId } = ticket.body;
    expect((await fetch(uploadUrl, { method: uploadMethod, headers: uploadHeaders, body: genuine as BodyInit })).ok).toBe(true);
    const submitted = await api('POST', `/api/requests/${id}/submit`, { token });
    expect(submitted.status, submitted.text).toBe(200);

    // Act: the same URL, still valid, receives other bytes of the same length and type.
    const swap = await fetch(uploadUrl, { method: uploadMethod, headers: uploadHeaders, body: forged as BodyInit });
    expect(swap.ok, 'the URL is still usable (it expires after UPLOAD_URL_TTL_SECONDS)').toBe(true);

    // Assess 1: the recorded hash is the genuine one, and the official's view serves the genuine bytes.
    const request = await api('GET', `/api/requests/${id}`, { token: official });
    expect(request.status, request.text).toBe(200);
    expect(request.body.originals).toEqual([expect.objectContaining({ originalId, sha256: sha256(genuine), pages: 2 })]);
    expect(JSON.stringify(request.body)).not.toMatch(/submitted\/|originals\//);
    const view = await api('GET', `/api/requests/${id}/originals/${originalId}`, { token: official });
    expect(view.status, view.text).toBe(200);
    const seen = new Uint8Array(await (await fetch(view.body.url)).arrayBuffer());
    expect(sha256(seen)).toBe(sha256(genuine));

    // Assess 2: certifying (after the check of the paper original) succeeds and the copy carries the genuine pages, not the forged ones.
    await recordOriginalCheck(id);
    const certified = await api('POST', `/api/requests/${id}/certify`, { token: official });
    expect(certified.status, certified.text).toBe(201);
    const link = await api('GET', `/api/documents/${certified.body.documentId}/download`, { token });
    expect(link.status, link.text).toBe(200);
    const copy = new Uint8Array(await (await fetch(link.body.url)).arrayBuffer());
    const text = pdfText(tempFile(copy)).normalize('NFC');
    expect(text).toContain('Ban goc THAT cua cong dan - trang 1');
    expect(text).toContain('Ban goc THAT cua cong dan - trang 2');
    expect(text).not.toContain('GIA MAO');
  });

  it('serves the owner, after submit, the bytes that were inspected', async () => {
    // Prepare
    const { genuine, forged } = await sameLengthPair();
    const { token } = await throwawayCitizen();
    const created = await api('POST', '/api/requests', { token, json: { kind: 'certify-copy', agencyId: AGENCY, title: 'Giấy khai sinh', copies: 1 } });
    const id = created.body.id as string;
    const ticket = await api('POST', `/api/requests/${id}/originals`, { token, json: { fileName: 'khai-sinh.pdf', contentType: 'application/pdf', size: genuine.length } });
    const { uploadUrl, uploadMethod, uploadHeaders, originalId } = ticket.body;
    await fetch(uploadUrl, { method: uploadMethod, headers: uploadHeaders, body: genuine as BodyInit });
    expect((await api('POST', `/api/requests/${id}/submit`, { token })).status).toBe(200);

    // Act
    await fetch(uploadUrl, { method: uploadMethod, headers: uploadHeaders, body: forged as BodyInit });
    const view = await api('GET', `/api/requests/${id}/originals/${originalId}`, { token });

    // Assess
    expect(view.status, view.text).toBe(200);
    expect(sha256(new Uint8Array(await (await fetch(view.body.url)).arrayBuffer()))).toBe(sha256(genuine));
  });
});
