import { deflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, baseUrl, login } from '../helpers/api';
import { certify, downloadPdf, draftWithOriginals, samplePdf, submittedRequest } from '../helpers/flows';
import { tempFile } from '../helpers/tools';
import { audit } from './a11y';
import { launch, PHONE, screenshot, signIn, type Browser } from './browser';

/**
 * What a walkthrough of the page found (issue #20 items 1, 2, 3, 9, 10): lists that page on
 * properly, verdicts a clerk can read, a revocation that reaches the owner, share links the owner
 * manages, and the small things (one header row on a phone, no 4xx on each load, Vietnamese file
 * pickers). Every screen touched is photographed and audited at both sizes.
 */
const DESKTOP = { width: 1366, height: 800 } as const;
let browser: Browser;
let valid: { requestId: string; documentId: string; verifyCode: string };
const revoked: { requestId: string; documentId: string; verifyCode: string }[] = [];
const REASON = 'Chứng thực nhầm bản chính của người khác.';

async function issued() {
  const { id } = await submittedRequest();
  const doc = await certify(id);
  return { requestId: id, documentId: doc.documentId, verifyCode: doc.verifyCode };
}

beforeAll(async () => {
  browser = await launch();
  valid = await issued();
  const official = await login('official');
  for (let i = 0; i < 2; i++) {
    const doc = await issued();
    const res = await api('POST', `/api/documents/${doc.documentId}/revoke`, { token: official, json: { reason: REASON } });
    if (res.status !== 200) throw new Error(`revoke failed: ${res.status} ${res.text}`);
    revoked.push(doc);
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

async function pageAs(user: string | undefined, size: { width: number; height: number } = PHONE): Promise<Page> {
  const page = await browser.page(size);
  page.on('dialog', (d) => void d.accept());
  if (user) await signIn(page, baseUrl(), user);
  return page;
}

/** Screenshots at the phone and the desk size, each audited; the page is left at the phone size. */
async function photograph(page: Page, name: string): Promise<string[]> {
  const problems: string[] = [];
  for (const [size, label] of [[PHONE, 'phone'], [DESKTOP, 'desktop']] as const) {
    await page.setViewportSize(size);
    await screenshot(page, `20-${name}-${label}`);
    problems.push(...(await audit(page)).map((p) => `${label}: ${p}`));
  }
  await page.setViewportSize(PHONE);
  return problems;
}

/**
 * Makes a list route answer `limit` rows a page (so that a second page exists without filling
 * a hundred rows), or, with `last`, answer the first page as the last one (no nextCursor).
 */
async function pageSize(page: Page, path: RegExp, options: { limit?: number; last?: boolean }): Promise<string[]> {
  const seen: string[] = [];
  await page.route(path, async (route: Route) => {
    const url = new URL(route.request().url());
    if (options.limit) url.searchParams.set('limit', String(options.limit));
    seen.push(url.search);
    if (!options.last) return route.continue({ url: url.href });
    const response = await route.fetch({ url: url.href });
    const { nextCursor: _dropped, ...body } = (await response.json()) as { items: unknown[]; nextCursor?: string };
    return route.fulfill({ response, json: body });
  });
  return seen;
}

/** A one-page PDF holding only a grey "scanned" image, as a scanner writes it. */
async function scannerPdf(): Promise<Uint8Array> {
  const width = 200;
  const height = 280;
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = 180 + ((x * y) % 60);
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const byte of b) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
  const doc = await PDFDocument.create();
  doc.setProducer('Scanner');
  const image = await doc.embedPng(png);
  const page = doc.addPage([595.28, 841.89]);
  page.drawImage(image, { x: 0, y: 0, width: 595.28, height: 841.89 });
  return doc.save({ useObjectStreams: false });
}

/** What a user reads of an element (closed <details> content is not rendered, so not read). */
const readable = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => (el as HTMLElement).innerText);

describe('Browser: lists page on, one page at a time', () => {
  it('citizen list: "Xem thêm" fetches the next page with its cursor, and is hidden on the last page', async () => {
    // Prepare: two more requests of the citizen, so a second page of one row exists
    for (let i = 0; i < 2; i++) await draftWithOriginals([], { title: `Trang ${i + 1} của danh sách` });
    const page = await pageAs('citizen');
    const seen = await pageSize(page, /\/api\/requests\?/, { limit: 1 });
    const last = await pageAs('citizen');
    await pageSize(last, /\/api\/requests\?/, { last: true });
    await last.goto(`${baseUrl()}/citizen`);
    await last.locator('a[data-request]').first().waitFor();

    // Act
    await page.goto(`${baseUrl()}/citizen`);
    const rows = page.locator('a[data-request]');
    await rows.first().waitFor();
    // From here on, the only list call is the button's.
    seen.length = 0;
    const more = page.getByRole('button', { name: 'Xem thêm' });
    await more.click();
    await expect.poll(() => rows.count()).toBe(2);

    // Assess
    const ids = await rows.evaluateAll((as) => as.map((a) => a.getAttribute('data-request')));
    expect(new Set(ids).size).toBe(2);
    expect(seen).toEqual([expect.stringContaining('cursor=')]);
    expect(await more.isVisible()).toBe(true);
    expect(await last.getByRole('button', { name: 'Xem thêm' }).isVisible()).toBe(false);
    await page.close();
    await last.close();
  });

  it('official queue: "Xem thêm" moves on with the cursor, and is hidden on the last page', async () => {
    // Prepare
    await submittedRequest();
    await submittedRequest();
    const desk = await pageAs('official', DESKTOP);
    const seen = await pageSize(desk, /\/api\/requests\?/, { limit: 1 });
    const last = await pageAs('official', DESKTOP);
    await pageSize(last, /\/api\/requests\?/, { last: true });

    // Act
    await desk.goto(`${baseUrl()}/official`);
    const rows = desk.locator('a[data-request]');
    await rows.first().waitFor();
    seen.length = 0;
    await desk.getByRole('button', { name: 'Xem thêm' }).click();
    await expect.poll(() => rows.count()).toBe(2);
    await last.goto(`${baseUrl()}/official`);
    await last.locator('a[data-request]').first().waitFor();

    // Assess
    const ids = await rows.evaluateAll((as) => as.map((a) => a.getAttribute('data-request')));
    expect(new Set(ids).size).toBe(2);
    expect(seen).toEqual([expect.stringContaining('cursor=')]);
    expect(await last.getByRole('button', { name: 'Xem thêm' }).isVisible()).toBe(false);
    expect(await photograph(last, 'official-queue')).toEqual([]);
    await desk.close();
    await last.close();
  });

  it('revocation list: the next page with the cursor, and no "Xem thêm" on the last page', async () => {
    // Prepare
    const phone = await pageAs(undefined);
    const seen = await pageSize(phone, /\/api\/revocations\?/, { limit: 1 });
    const last = await pageAs(undefined);
    await pageSize(last, /\/api\/revocations\?/, { last: true });

    // Act
    await phone.goto(`${baseUrl()}/revocations`);
    const rows = phone.locator('tbody a[href^="/verify/"]');
    await rows.first().waitFor();
    seen.length = 0;
    await phone.getByRole('button', { name: 'Xem thêm' }).click();
    await expect.poll(() => rows.count()).toBe(2);
    await last.goto(`${baseUrl()}/revocations`);
    await last.locator('tbody a[href^="/verify/"]').first().waitFor();

    // Assess
    const codes = await rows.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(new Set(codes).size).toBe(2);
    expect(seen).toEqual([expect.stringContaining('cursor=')]);
    expect(await last.getByRole('button', { name: 'Xem thêm' }).isVisible()).toBe(false);
    expect(await photograph(last, 'revocations')).toEqual([]);
    await phone.close();
    await last.close();
  });
});

describe('Browser: verdicts a clerk can read', () => {
  async function verifyFile(bytes: Uint8Array, name: string): Promise<Page> {
    const clerk = await pageAs(undefined);
    await clerk.goto(`${baseUrl()}/verify`);
    await clerk.getByTestId('verify-file').setInputFiles(tempFile(bytes, name));
    await clerk.locator('.verdict[data-verdict]').waitFor({ timeout: 30_000 });
    return clerk;
  }

  it.each([
    ['a PDF saved from a word processor', 'van-ban-word.pdf', () => samplePdf(1, 'Don xin viec')],
    ['a scanner’s image-only PDF', 'ban-scan.pdf', scannerPdf],
  ])('calls %s "not a copy issued by this service", with no failed lines and no developer text', async (_what, name, make) => {
    // Prepare
    const bytes = await make();

    // Act
    const clerk = await verifyFile(bytes, name);
    const verdict = clerk.locator('.verdict[data-verdict]');

    // Assess
    expect(await verdict.getAttribute('data-verdict')).toBe('unknown');
    expect(await clerk.getByTestId('verdict-sentence').textContent()).toBe(
      'Đây không phải bản sao điện tử do hệ thống này cấp: tệp không mang chữ ký số và Mã kiểm tra của cơ quan cấp trong sổ.',
    );
    const shown = await readable(clerk, '.verdict');
    expect(shown).not.toContain('Không đạt');
    const all = (await verdict.textContent())!;
    expect(all).not.toMatch(/pdf-lib|hex string|re-save|at byte|xref|trailer|ByteRange/i);
    // Behind the disclosure: the signature steps do not apply to an unsigned file, they did not "fail".
    expect(await verdict.locator('.check--failed').count()).toBeLessThanOrEqual(3);
    expect(await verdict.locator('.check--na').count()).toBeGreaterThanOrEqual(8);
    if (name === 'ban-scan.pdf') {
      await clerk.locator('.verdict__tech > summary').click();
      expect(await photograph(clerk, 'verify-unknown')).toEqual([]);
    }
    await clerk.close();
  });

  it('keeps the genuine copy’s registry status apart from a tampered file’s red verdict', async () => {
    // Prepare
    const bytes = new Uint8Array(await downloadPdf(valid.documentId));
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle] ^ 0xff;

    // Act
    const clerk = await verifyFile(bytes, 'ban-sao-da-sua.pdf');
    const verdict = clerk.locator('.verdict[data-verdict]');

    // Assess
    expect(await verdict.getAttribute('data-verdict')).toBe('tampered');
    expect(await clerk.getByTestId('verdict-sentence').textContent()).toBe('Tệp đã bị thay đổi sau khi được ký: không chấp nhận tệp này.');
    expect(await verdict.locator('.doc-status--valid, [data-field=status]').count()).toBe(0);
    expect(await clerk.getByTestId('genuine-record').locator('[data-field=genuineStatus]').textContent()).toBe('Bản gốc do hệ thống cấp mang mã này: còn hiệu lực.');
    expect(await readable(clerk, '.verdict')).not.toContain('Còn hiệu lực');
    await photograph(clerk, 'verify-tampered').then((problems) => expect(problems).toEqual([]));
    await clerk.close();
  });

  it('says the same in English, every check in English words', async () => {
    // Prepare
    const clerk = await pageAs(undefined);
    await clerk.goto(`${baseUrl()}/verify`);
    await clerk.locator('button.lang-toggle').click();
    await clerk.waitForFunction(() => document.documentElement.lang === 'en');

    // Act
    await clerk.getByTestId('verify-file').setInputFiles(tempFile(await samplePdf(1), 'word.pdf'));
    const verdict = clerk.locator('.verdict[data-verdict]');
    await verdict.waitFor({ timeout: 30_000 });
    await clerk.locator('.verdict__tech > summary').click();

    // Assess
    expect(await clerk.getByTestId('verdict-sentence').textContent()).toContain('This is not an electronic copy issued by this service');
    const checks = await verdict.locator('.check').allInnerTexts();
    expect(checks.length).toBeGreaterThan(5);
    for (const line of checks) expect(line).not.toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
    await clerk.locator('button.lang-toggle').click();
    await clerk.waitForFunction(() => document.documentElement.lang === 'vi');
    await clerk.close();
  });
});

describe('Browser: the owner of a revoked copy is told', () => {
  it('shows "Đã bị hủy bỏ" on the request, a marked download, the notification, and the history in words', async () => {
    // Prepare
    const { requestId } = revoked[0];
    const citizen = await pageAs('citizen');

    // Act
    await citizen.goto(`${baseUrl()}/citizen/requests/${requestId}`);
    await citizen.getByTestId('document-revoked').waitFor();

    // Assess
    expect(await citizen.locator('.facts .badge[data-status]').first().textContent()).toBe('Đã bị hủy bỏ');
    expect(await citizen.locator('.badge[data-status=issued]').count()).toBe(0);
    expect(await citizen.getByTestId('document-revoked').textContent()).toContain(REASON);
    expect(await citizen.getByTestId('download').textContent()).toContain('Tải bản sao đã bị hủy bỏ');
    const history = (await citizen.locator('.timeline').textContent())!;
    expect(history).toContain('Cán bộ đã hủy bỏ bản sao');
    expect(history).not.toMatch(/revoke-document|original-check|\bissue\b|\bsubmit\b/);
    expect(await photograph(citizen, 'citizen-request-revoked')).toEqual([]);

    await citizen.goto(`${baseUrl()}/citizen`);
    const note = citizen.locator('.notifications li[data-kind=revoked]', { has: citizen.locator(`a[href="/citizen/requests/${requestId}"]`) });
    await note.waitFor();
    expect(await note.textContent()).toContain('đã bị cơ quan cấp hủy bỏ');
    expect(await citizen.locator('tr', { has: citizen.locator(`a[data-request="${requestId}"]`) }).locator('.badge').textContent()).toBe('Đã bị hủy bỏ');
    expect(await photograph(citizen, 'citizen-list')).toEqual([]);
    await citizen.close();
  });
});

describe('Browser: the owner manages share links', () => {
  it('lists the open links, shows one as a QR code, and withdraws it early so it no longer opens', async () => {
    // Prepare
    const citizen = await pageAs('citizen');
    await citizen.goto(`${baseUrl()}/citizen/requests/${valid.requestId}`);
    await citizen.locator('select[name=expiresInHours]').selectOption('72');
    await citizen.getByRole('button', { name: 'Tạo liên kết chia sẻ' }).click();
    const link = await citizen.getByTestId('share-link').inputValue();
    const list = citizen.getByTestId('share-links');
    await list.locator('[data-share-status=active]').first().waitFor();

    // Act: the QR code, then the withdrawal
    await list.getByRole('button', { name: 'Hiện mã QR' }).first().click();
    const qr = citizen.getByTestId('share-qr').locator('svg.qr');
    await qr.waitFor();
    expect(await citizen.getByTestId('share-qr').textContent()).toContain(new URL(link).pathname);
    expect(await qr.getAttribute('aria-label')).toMatch(/^Mã QR của liên kết chia sẻ/);
    expect(await photograph(citizen, 'citizen-share-qr')).toEqual([]);
    const revokedBefore = await list.locator('[data-share-status=revoked]').count();
    const row = list.locator('tr', { has: citizen.locator('[data-share-status=active]') }).first();
    await row.getByRole('button', { name: 'Thu hồi liên kết' }).click();

    // Assess
    await expect.poll(() => list.locator('[data-share-status=revoked]').count()).toBe(revokedBefore + 1);
    expect(await list.locator('[data-share-status=active]').count()).toBe(0);
    const receiver = await pageAs(undefined);
    const answer = receiver.waitForResponse((r) => r.url().includes('/api/shares/'));
    await receiver.goto(link);
    expect((await answer).status()).toBe(404);
    await receiver.close();
    await citizen.close();
  });
});

describe('Browser: the small things', () => {
  it('probes the dev sign-in without a 4xx on each load', async () => {
    // Prepare
    const page = await pageAs(undefined);
    const failures: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failures.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
    });

    // Act
    await page.goto(`${baseUrl()}/`);
    await page.locator('.site-footer__dev').waitFor();
    await page.goto(`${baseUrl()}/login`);
    await page.locator('button[data-user="citizen"]').waitFor();

    // Assess
    expect(failures).toEqual([]);
    await page.close();
  });

  it('keeps the phone header under 120 px for a citizen and an official', async () => {
    for (const user of ['citizen', 'official']) {
      // Prepare
      const page = await pageAs(user);

      // Act
      const box = await page.locator('.site-header').boundingBox();

      // Assess
      expect(box!.height).toBeLessThan(120);
      await page.close();
    }
  });

  it('labels the file picker in Vietnamese, whatever the browser’s language, and names the chosen file', async () => {
    // Prepare
    const citizen = await pageAs('citizen');
    await citizen.goto(`${baseUrl()}/citizen/new`);
    const box = citizen.locator('.file-pick', { has: citizen.locator('input[name=files]') });
    const picker = box.getByTestId('file-pick');
    await picker.waitFor();

    // Act
    await citizen.locator('input[name=files]').setInputFiles(tempFile(await samplePdf(1), 'bang-tot-nghiep.pdf'));

    // Assess
    expect(await picker.textContent()).toBe('Chọn tệp (có thể chọn nhiều)');
    expect(await box.locator('.file-pick__names').textContent()).toBe('bang-tot-nghiep.pdf');
    expect(await photograph(citizen, 'citizen-new')).toEqual([]);
    await citizen.close();
  });

  it('logged no script error on any page', () => {
    expect(browser.errors).toEqual([]);
  });
});
