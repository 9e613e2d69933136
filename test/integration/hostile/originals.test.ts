import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/domain/roles';
import type { Services } from '../../../shared/runtime/services';
import * as corpus from '../../fixtures/hostile/make-corpus';
import { api } from '../../helpers/api';
import { checkOriginal, devToken, draft, expectProblem, realServices, snapshot, throwawayCitizen, useTestStack, type FileSpec } from './support';

/**
 * Hostile originals through the real API: what a citizen declares (POST …/originals) and what they
 * upload and submit (POST …/submit). Every refused case is a 4xx problem+json in Vietnamese and
 * leaves the draft exactly as it was. A row is one case. What bounds the work of a hostile file is
 * tested where it is counted: test/unit/pdf/inspect-original.test.ts and the fuzz test (objects
 * parsed, pages checked, bytes inflated against the inspection limits), not by a clock here.
 */

let services: Services;
let owner: { token: string; principal: Principal };
let officialToken: string;
let pdf: Uint8Array;
let jpg: Buffer;

beforeAll(async () => {
  useTestStack();
  services = realServices();
  owner = await throwawayCitizen();
  officialToken = await devToken('official');
  pdf = await corpus.simplePdf(1);
  jpg = await corpus.jpeg();
});

// ---------------------------------------------------------------------------------------------
// What is declared: POST /api/requests/{id}/originals with {fileName, contentType, size}
// ---------------------------------------------------------------------------------------------

const valid = { fileName: 'ban-goc.pdf', contentType: 'application/pdf', size: 1000 };
const deepJson = (depth: number) => `{"fileName":${'['.repeat(depth)}${']'.repeat(depth)},"contentType":"application/pdf","size":1}`;

/** [name, body (object → JSON; string → raw JSON text), expected status range] */
const DECLARATIONS: [string, () => unknown, [number, number]][] = [
  ['a file name of 1000 characters', () => ({ ...valid, fileName: `${'a'.repeat(996)}.pdf` }), [422, 422]],
  ['a file name that is only a path (../../)', () => ({ ...valid, fileName: '../../' }), [422, 422]],
  ['a file name of NUL bytes only', () => ({ ...valid, fileName: '\u0000\u0000' }), [422, 422]],
  ['a file name of dots only', () => ({ ...valid, fileName: '....' }), [422, 422]],
  ['a declared size of 51 MB', () => ({ ...valid, size: 51 * 1024 * 1024 }), [413, 413]],
  ['a declared size of 10^20 bytes (beyond a safe integer)', () => ({ ...valid, size: 1e20 }), [422, 422]],
  ['a declared size of 0', () => ({ ...valid, size: 0 }), [422, 422]],
  ['a negative declared size', () => ({ ...valid, size: -1 }), [422, 422]],
  ['a declared size given as a string', () => ({ ...valid, size: '1000' }), [422, 422]],
  ['a fractional declared size', () => ({ ...valid, size: 1.5 }), [422, 422]],
  ['content type text/html', () => ({ ...valid, fileName: 'a.html', contentType: 'text/html' }), [422, 422]],
  ['content type image/svg+xml', () => ({ ...valid, fileName: 'a.svg', contentType: 'image/svg+xml' }), [422, 422]],
  ['content type application/x-msdownload', () => ({ ...valid, fileName: 'a.exe', contentType: 'application/x-msdownload' }), [422, 422]],
  ['a content type with parameters', () => ({ ...valid, contentType: 'application/pdf; name=a.exe' }), [422, 422]],
  ['an unknown field naming the storage key', () => ({ ...valid, s3Key: '../../issued/documents/x.pdf' }), [422, 422]],
  ['no file name', () => ({ contentType: 'application/pdf', size: 1000 }), [422, 422]],
  ['a JSON array', () => [valid], [422, 422]],
  ['malformed JSON', () => '{"fileName": "a.pdf", ', [400, 400]],
  ['JSON nested 10 000 deep', () => deepJson(10_000), [400, 400]],
];

/** [name, declared file name, the name kept] — names are reduced to a safe base name, never used as a key. */
const SANITIZED: [string, string, string][] = [
  ['a path traversal name', '../../etc/passwd', 'passwd'],
  ['a Windows path', 'C:\\x\\y.pdf', 'y.pdf'],
  ['a NUL byte inside the name', 'a\u0000b.pdf', 'ab.pdf'],
  ['a right-to-left override hiding .exe', 'hoa-don\u202Efdp.exe', 'hoa-donfdp.exe'],
  ['markup in the name', '<img src=x onerror=alert(1)>.pdf', 'img src=x onerror=alert(1).pdf'],
];

describe('Hostile input: declaring an original', () => {
  let draftId: string;
  beforeAll(async () => {
    draftId = (await draft(services, owner.principal)).id;
  });

  it.each(DECLARATIONS)('refuses %s with a Vietnamese problem and stores nothing', async (_name, build, [lo, hi]) => {
    // Prepare
    const before = await snapshot(services, draftId);
    const body = build();

    // Act
    const res = await api(
      'POST',
      `/api/requests/${draftId}/originals`,
      typeof body === 'string' ? { token: owner.token, body, contentType: 'application/json' } : { token: owner.token, json: body },
    );

    // Assess
    expectProblem(res, lo, hi);
    expect(await snapshot(services, draftId)).toEqual(before);
  });

  it.each(SANITIZED)('keeps only a safe base name for %s, and never derives the storage key from it', async (_name, fileName, kept) => {
    const { id } = await draft(services, owner.principal);
    const res = await api('POST', `/api/requests/${id}/originals`, { token: owner.token, json: { ...valid, fileName } });
    expect(res.status, res.text).toBe(201);
    expect(res.body.fileName).toBe(kept);
    expect(new URL(res.body.uploadUrl).pathname).toBe(`/bansao-originals/originals/${id}/${res.body.originalId}`);
    const stored = await services.requests.originals(id);
    expect(stored.map((o) => o.fileName)).toEqual([kept]);
  });
});

// ---------------------------------------------------------------------------------------------
// What is uploaded: declared correctly, then the bytes are hostile; refused at POST …/submit
// ---------------------------------------------------------------------------------------------

const file = (bytes: Uint8Array, fileName: string, contentType = 'application/pdf', extra: Partial<FileSpec> = {}): FileSpec[] => [{ bytes, fileName, contentType, ...extra }];

/** [name, the originals, expected status range] */
const UPLOADS: [string, () => Promise<FileSpec[]> | FileSpec[], [number, number]][] = [
  ['an HTML page declared as PDF', () => file(corpus.html(), 'giay-to.pdf'), [422, 422]],
  ['an SVG with a script declared as PNG', () => file(corpus.svg(), 'anh.png', 'image/png'), [422, 422]],
  ['a Windows program declared as PDF', () => file(corpus.exe(), 'giay-to.pdf'), [422, 422]],
  ['a PNG declared as JPEG', () => file(corpus.png(20, 20), 'anh.jpg', 'image/jpeg'), [422, 422]],
  ['a JPEG declared as PDF', () => file(jpg, 'giay-to.pdf'), [422, 422]],
  ['a PDF declared as PNG', () => file(pdf, 'anh.png', 'image/png'), [422, 422]],
  ['an upload larger than declared', () => file(pdf, 'giay-to.pdf', 'application/pdf', { declaredSize: 100 }), [422, 422]],
  ['an empty upload', () => file(new Uint8Array(0), 'rong.pdf', 'application/pdf', { declaredSize: 1 }), [422, 422]],
  ['an original declared but never uploaded', () => file(pdf, 'giay-to.pdf', 'application/pdf', { skipUpload: true }), [422, 422]],
  ['an encrypted PDF (AES-256, user password)', () => file(corpus.encryptedPdf(pdf, 'secret'), 'ma-hoa.pdf'), [422, 422]],
  ['an encrypted PDF (empty user password)', () => file(corpus.encryptedPdf(pdf, ''), 'ma-hoa.pdf'), [422, 422]],
  ['a PDF of 5000 tiny pages', () => file(corpus.manyPagesPdf(5000), '5000-trang.pdf'), [422, 422]],
  ['two PDFs of 150 and 60 pages (over 200 in total)', async () => [...file(await corpus.simplePdf(150), 'a.pdf'), ...file(await corpus.simplePdf(60), 'b.pdf')], [422, 422]],
  ['a page whose content inflates to 2 GiB', () => file(corpus.contentBombPdf(), 'bom.pdf'), [422, 422]],
  ['a form XObject that inflates to 2 GiB', () => file(corpus.formBombPdf(), 'bom-form.pdf'), [422, 422]],
  ['a PDF image claiming 100000×100000 pixels', () => file(corpus.imageBombPdf(), 'bom-anh.pdf'), [422, 422]],
  ['a PNG whose IHDR claims 100000×100000', () => file(corpus.pngClaiming(100_000, 100_000), 'bom.png', 'image/png'), [422, 422]],
  ['a 5000×5000 PNG with an alpha channel', () => file(corpus.pngClaiming(5_000, 5_000, 6), 'alpha.png', 'image/png'), [422, 422]],
  ['a JPEG claiming 65000×65000 pixels', () => file(corpus.jpegClaiming(jpg, 65_000, 65_000), 'bom.jpg', 'image/jpeg'), [422, 422]],
  ['a JPEG claiming 0×100 pixels', () => file(corpus.jpegClaiming(jpg, 0, 100), 'rong.jpg', 'image/jpeg'), [422, 422]],
  ['a PDF with arrays nested 100 000 deep', () => file(corpus.deepArrayPdf(100_000), 'long-nhau.pdf'), [422, 422]],
  ['a PDF with dictionaries nested 50 000 deep', () => file(corpus.deepDictPdf(50_000), 'long-nhau.pdf'), [422, 422]],
  ['a page tree that contains itself', () => file(corpus.pageTreeLoopPdf(), 'vong-lap.pdf'), [422, 422]],
  ['a truncated PDF', async () => file(await corpus.truncatedPdf(), 'cut.pdf'), [422, 422]],
  ['an object stream claiming 2·10^9 objects', () => file(corpus.objectStreamLiarPdf(), 'objstm.pdf'), [422, 422]],
];

describe('Hostile input: uploaded originals, refused at submit', () => {
  it.each(UPLOADS)('refuses %s with a 4xx, and the request stays a draft', async (_name, build, [lo, hi]) => {
    // Prepare
    const { id } = await draft(services, owner.principal, await build());
    const before = await snapshot(services, id);

    // Act
    const res = await api('POST', `/api/requests/${id}/submit`, { token: owner.token });

    // Assess
    expectProblem(res, lo, hi);
    const after = await snapshot(services, id);
    expect(after).toEqual(before);
    expect(after.status).toBe('draft');
  });
});

// ---------------------------------------------------------------------------------------------
// Accepted only if the certified copy is clean
// ---------------------------------------------------------------------------------------------

/** Matches a PDF name token such as /JS or /OpenAction (not /JSX). */
const activeName = new RegExp(`/(${corpus.ACTIVE_CONTENT_NAMES.join('|')})(?![A-Za-z0-9#_.-])`, 'g');

/** [name, the originals, expected status range at submit] — if accepted, the copy must be clean. */
const REFUSED_OR_CLEANED: [string, () => Promise<FileSpec[]>, [number, number]][] = [
  ['JavaScript, Launch and URI actions, OpenAction, AA and an attachment', async () => file(await corpus.activeContentPdf(), 'co-ma-doc.pdf'), [200, 422]],
  ['a broken cross-reference table', async () => file(await corpus.brokenXrefPdf(), 'xref-hong.pdf'), [200, 422]],
];

describe('Hostile input: originals that may be accepted only if nothing hostile reaches the copy', () => {
  it.each(REFUSED_OR_CLEANED)('refuses or cleans %s', async (_name, build, [lo, hi]) => {
    const { id } = await draft(services, owner.principal, await build());
    const before = await snapshot(services, id);
    const res = await api('POST', `/api/requests/${id}/submit`, { token: owner.token });
    expect(res.status, res.text).toBeGreaterThanOrEqual(lo);
    expect(res.status, res.text).toBeLessThanOrEqual(hi);
    if (res.status >= 400) {
      expectProblem(res, 400, 499);
      expect(await snapshot(services, id)).toEqual(before);
      return;
    }

    // Accepted: the official checks the paper original, certifies, and the copy carries page content only.
    await checkOriginal(services, id);
    const certified = await api('POST', `/api/requests/${id}/certify`, { token: officialToken });
    expect(certified.status, certified.text).toBe(201);
    const doc = await services.documents.get(certified.body.documentId);
    const copy = await services.objects.getBytes(services.buckets.issued, doc!.s3Key, 50 * 1024 * 1024);
    expect(corpus.qpdfCheckStatus(copy)).toBe(0);
    const text = corpus.qdfText(copy);
    expect(text.match(activeName) ?? []).toEqual([]);
    expect(text).not.toMatch(/EVIL|calc\.exe|cmd\.exe|evil\.example/);
  });
});
