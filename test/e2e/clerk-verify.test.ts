import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { create as createQrCode } from 'qrcode/lib/core/qrcode.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, baseUrl, login } from '../helpers/api';
import { certify, submittedRequest } from '../helpers/flows';
import { tempFile } from '../helpers/tools';
import { audit } from './a11y';
import { launch, PHONE, screenshot, type Browser } from './browser';

/**
 * Issue #21 items 1, 2, 6 in a real Chromium: a clerk scans the copy's QR code with the camera
 * (a QR image fed as the camera through Chromium's fake capture device), sees what was issued
 * with every page rendered to compare, downloads the signed receipt; a share link's file is
 * checked on the server from the share page.
 */
const DESK_WIDE = { width: 1366, height: 800 } as const;
const TITLE = 'Giấy chứng nhận quyền sử dụng đất';
const W = 640;
const H = 480;

/**
 * A still video in YUV4MPEG2 (the format Chromium's --use-file-for-fake-video-capture reads):
 * the QR code of `text` in black on white, centred, a few frames (Chromium loops the file).
 */
function qrY4m(text: string): Uint8Array {
  const qr = createQrCode(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const module = Math.floor(Math.min(W, H) / (n + 8));
  const side = module * n;
  const x0 = Math.floor((W - side) / 2);
  const y0 = Math.floor((H - side) / 2);
  const luma = new Uint8Array(W * H).fill(235);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (!qr.modules.get(r, c)) continue;
      for (let dy = 0; dy < module; dy++) luma.fill(16, (y0 + r * module + dy) * W + x0 + c * module, (y0 + r * module + dy) * W + x0 + (c + 1) * module);
    }
  }
  const chroma = new Uint8Array((W / 2) * (H / 2)).fill(128);
  const header = new TextEncoder().encode(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`);
  const frameTag = new TextEncoder().encode('FRAME\n');
  const frames = 5;
  const frameSize = frameTag.length + luma.length + 2 * chroma.length;
  const out = new Uint8Array(header.length + frames * frameSize);
  out.set(header, 0);
  for (let f = 0; f < frames; f++) {
    let at = header.length + f * frameSize;
    for (const part of [frameTag, luma, chroma, chroma]) {
      out.set(part, at);
      at += part.length;
    }
  }
  return out;
}

let browser: Browser;
let copy: { documentId: string; verifyCode: string; pages: number };

beforeAll(async () => {
  const { id } = await submittedRequest({ title: TITLE, pages: 2 });
  const issued = await certify(id);
  const doc = await api('GET', `/api/documents/${issued.documentId}`, { token: await login('citizen') });
  copy = { documentId: issued.documentId, verifyCode: issued.verifyCode, pages: doc.body.pages };
  // The QR code as printed on the copy: the public verify URL with the code.
  const camera = tempFile(qrY4m(`${baseUrl()}/verify/${issued.verifyCode}`), 'qr-camera.y4m');
  browser = await launch({ args: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${camera}`] });
});

afterAll(async () => {
  await browser?.close();
});

async function scanAndOpen(page: Page) {
  await page.goto(`${baseUrl()}/verify`);
  await page.getByTestId('scan-start').click();
  await page.waitForURL(new RegExp(`/verify/${copy.verifyCode}$`), { timeout: 30_000 });
  await page.locator('[data-verdict="authentic"]').first().waitFor();
  await page.locator('.pdf-page').nth(copy.pages - 1).waitFor({ timeout: 30_000 });
  // Every page drawn: each canvas has pixels that are not all white.
  const inked = await page.locator('.pdf-page__canvas').evaluateAll((canvases) =>
    canvases.map((c) => {
      const canvas = c as HTMLCanvasElement;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4 * 16) if (data[i] < 128) dark++;
      return dark;
    }),
  );
  return inked;
}

describe('Browser: the clerk scans the QR code and compares the pages', () => {
  it('opens /verify/{code} from the QR code the camera sees, with the title, the holder and every page rendered (phone)', async () => {
    // Prepare
    const page = await browser.page(PHONE);
    await page.goto(`${baseUrl()}/verify`);
    await page.getByTestId('qr-scanner').waitFor();
    await screenshot(page, 'verify-scanner-phone');

    // Act
    const inked = await scanAndOpen(page);

    // Assess
    expect(inked).toHaveLength(copy.pages);
    for (const dark of inked) expect(dark).toBeGreaterThan(0);
    expect(await page.locator('[data-field="title"]').textContent()).toBe(TITLE);
    expect(await page.locator('[data-field="holder"]').textContent()).toBe('Nguyễn Văn An');
    expect(await audit(page)).toEqual([]);
    await screenshot(page, 'verify-code-content-phone');
    expect(browser.errors).toEqual([]);
  });

  it('shows the same at a desk, and downloads the signed receipt', async () => {
    // Prepare
    const page = await browser.page(DESK_WIDE);
    await page.goto(`${baseUrl()}/verify`);
    await page.getByTestId('qr-scanner').waitFor();
    await screenshot(page, 'verify-scanner-desk');
    await scanAndOpen(page);
    await screenshot(page, 'verify-code-content-desk');

    // Act
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('receipt-download').click()]);

    // Assess
    const path = await download.path();
    const bytes = new Uint8Array(readFileSync(path));
    expect(new TextDecoder('latin1').decode(bytes.slice(0, 5))).toBe('%PDF-');
    const itself = await api('POST', '/api/verify', { body: bytes, contentType: 'application/pdf' });
    expect(itself.body.verdict).toBe('authentic');
    expect(itself.body.document.kind).toBe('receipt');
    expect(browser.errors).toEqual([]);
  });

  it('shows only the status when the owner turned the content off', async () => {
    // Prepare
    const off = await api('PUT', `/api/documents/${copy.documentId}/disclosure`, { token: await login('citizen'), json: { showContent: false } });
    expect(off.status).toBe(200);
    const page = await browser.page(PHONE);

    // Act
    await page.goto(`${baseUrl()}/verify/${copy.verifyCode}`);
    await page.locator('[data-verdict="authentic"]').first().waitFor();

    // Assess
    await page.locator('[data-content-shown="false"]').waitFor();
    expect(await page.locator('.pdf-page').count()).toBe(0);
    expect(await page.content()).not.toContain(TITLE);
    await api('PUT', `/api/documents/${copy.documentId}/disclosure`, { token: await login('citizen'), json: { showContent: true } });
  });

  it('checks the file of a share link on the server from the share page', async () => {
    // Prepare
    const share = await api('POST', `/api/documents/${copy.documentId}/shares`, { token: await login('citizen'), json: { expiresInHours: 1 } });
    const page = await browser.page(PHONE);
    await page.goto(`${baseUrl()}/s/${share.body.token}`);

    // Act
    await page.getByTestId('share-verify').click();

    // Assess
    await page.locator('[data-verdict="authentic"]').waitFor();
    await screenshot(page, 'share-verify-phone');
    expect(browser.errors).toEqual([]);
  });
});

