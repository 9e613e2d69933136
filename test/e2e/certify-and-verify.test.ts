import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl } from '../helpers/api';
import { samplePdf } from '../helpers/flows';
import { tempFile } from '../helpers/tools';
import { audit } from './a11y';
import { DESK, launch, screenshot, signIn, type Browser } from './browser';

/**
 * The path the page exists for, in a real Chromium on a phone-sized window: a citizen files a
 * scan, an official certifies it at the desk, the citizen downloads the signed copy, and a bank
 * clerk checks the file and the QR link — and is told when the file has been tampered with.
 */
let browser: Browser;
let citizen: Page;
const state: { requestId?: string; certificationNo?: string; verifyCode?: string; pdfPath?: string; pdf?: Uint8Array } = {};

beforeAll(async () => {
  browser = await launch();
  citizen = await browser.page();
});

afterAll(async () => {
  await browser?.close();
});

describe('Browser: a certified copy from the citizen’s phone to the clerk’s verdict', () => {
  it('lets a citizen file a scanned original from a phone, with upload progress, and shows pages, fee and due time', async () => {
    // Prepare: a 2-page PDF scan and a signed-in citizen
    const scan = tempFile(await samplePdf(2, 'Bang tot nghiep'), 'bang-tot-nghiep.pdf');
    await signIn(citizen, baseUrl(), 'citizen');

    // Act: fill the form and submit
    await citizen.getByRole('link', { name: 'Nộp yêu cầu mới' }).click();
    await citizen.locator('select[name=agencyId]').selectOption('ubnd-phuong-ba-dinh');
    await citizen.getByLabel('Tên giấy tờ').fill('Bằng tốt nghiệp trung học phổ thông');
    await citizen.locator('input[name=files]').setInputFiles(scan);
    await screenshot(citizen, '01-citizen-new-request');
    await citizen.getByRole('button', { name: 'Tải lên và xem lệ phí' }).click();
    await citizen.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    const summary = citizen.getByTestId('submitted-summary');
    await summary.waitFor();

    // Assess: the upload finished and the submit answer is shown
    const bar = citizen.locator('progress[data-file="bang-tot-nghiep.pdf"]');
    expect(await bar.evaluate((p: HTMLProgressElement) => p.value === p.max && p.max > 0)).toBe(true);
    expect(await summary.textContent()).toMatch(/Số trang: 2\. Lệ phí: 4\.000 đồng\. Hạn trả kết quả: .+\d/);
    state.requestId = (await citizen.getByRole('link', { name: 'Xem hồ sơ' }).getAttribute('href'))!.split('/').pop();
    expect(state.requestId).toBeTruthy();
    await screenshot(citizen, '02-citizen-submitted');
  });

  it('lets the official open the request from the queue, see the original beside its data, and certify it', async () => {
    // Prepare: the official at a desk-sized window
    const official = await browser.page(DESK);
    await signIn(official, baseUrl(), 'official');

    // Act: open the request from the queue, record the check of the paper original, certify
    await official.locator(`a[data-request="${state.requestId}"]`).click();
    await official.locator('iframe.viewer__frame').waitFor();
    await screenshot(official, '03-official-request');
    const certify = official.locator('button[data-action=certify]');
    expect(await certify.isDisabled()).toBe(true);
    await official.locator('button[data-action=original-check]').click();
    expect(await official.getByTestId('original-check').textContent()).toContain('Trần Thị Bình');
    await official.getByTestId('signer-title').waitFor();
    await certify.click();
    const flash = official.locator('.notice--success', { hasText: 'Đã cấp bản sao' });
    await flash.waitFor({ timeout: 40_000 });

    // Assess: the number and the code are shown, and the queue no longer lists the request
    state.certificationNo = (await official.locator('.card--result [data-field=numberAndBook]').textContent())!;
    state.verifyCode = (await official.locator('.card--result [data-field=verifyCode]').textContent())!;
    expect(state.certificationNo).toMatch(/^Số chứng thực \d+, quyển số 01\/\d{4}-SCT\/BS-ĐT$/);
    expect(await flash.textContent()).toContain(state.certificationNo);
    expect(state.verifyCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/);
    await screenshot(official, '04-official-certified');
    await official.goto(`${baseUrl()}/official`);
    await official.locator('table, .empty').first().waitFor();
    expect(await official.locator(`a[data-request="${state.requestId}"]`).count()).toBe(0);
    await official.close();
  });

  it('lets the citizen see the request issued and download the signed copy', async () => {
    // Act
    await citizen.goto(`${baseUrl()}/citizen/requests/${state.requestId}`);
    const button = citizen.getByTestId('download');
    await button.waitFor();
    const [download] = await Promise.all([citizen.waitForEvent('download'), button.click()]);
    state.pdf = new Uint8Array(readFileSync((await download.path())!));
    state.pdfPath = tempFile(state.pdf, 'ban-sao.pdf');

    // Assess: a PDF whose hash is the one the page shows
    expect(Buffer.from(state.pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(await citizen.locator('.badge[data-status=issued]').first().textContent()).toBe('Đã cấp');
    const shown = (await citizen.locator('.card--result .hash').textContent())!.trim();
    expect(createHash('sha256').update(state.pdf).digest('hex')).toBe(shown.toLowerCase());
    await screenshot(citizen, '05-citizen-issued');
  });

  it('shows a clerk who picks the file an authentic verdict with the certification number and the Decree 23 Art. 6 sentence', async () => {
    // Prepare: a clerk with no account
    const clerk = await browser.page();
    await clerk.goto(`${baseUrl()}/verify`);

    // Act
    await clerk.getByTestId('verify-file').setInputFiles(state.pdfPath!);
    const verdict = clerk.locator('.verdict[data-verdict]');
    await verdict.waitFor({ timeout: 30_000 });

    // Assess
    expect(await verdict.getAttribute('data-verdict')).toBe('authentic');
    expect(await verdict.locator('h2').textContent()).toBe('Bản sao hợp lệ');
    expect(await verdict.locator('[data-field=numberAndBook]').textContent()).toBe(state.certificationNo);
    const legal = (await verdict.locator('.legal').textContent())!;
    expect(legal).toContain('Theo khoản 2 Điều 6 Nghị định số 23/2015/NĐ-CP');
    expect(legal).toContain('không được yêu cầu xuất trình bản chính để đối chiếu');
    expect(await audit(clerk)).toEqual([]);
    await screenshot(clerk, '06-verify-file-authentic');
    await clerk.close();
  });

  it('shows authentic, with what the document is, where the QR code lands (/verify/{code})', async () => {
    // Act
    const phone = await browser.page();
    await phone.goto(`${baseUrl()}/verify/${state.verifyCode}`);
    const verdict = phone.locator('.verdict[data-verdict]').first();
    await verdict.waitFor();

    // Assess
    expect(await verdict.getAttribute('data-verdict')).toBe('authentic');
    const text = (await verdict.textContent())!;
    for (const s of [state.certificationNo!, 'Ủy ban nhân dân phường Ba Đình', 'Bản sao chứng thực từ bản chính', 'Còn hiệu lực']) expect(text).toContain(s);
    expect(await phone.getByTestId('verify-file').count()).toBe(1);
    await screenshot(phone, '07-verify-qr-authentic');
    await phone.close();
  });

  it('shows tampered, and the failed check, for the copy with one byte flipped in the middle', async () => {
    // Prepare: flip one byte in the middle of the downloaded file
    const bytes = new Uint8Array(state.pdf!);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle] ^ 0xff;
    const forged = tempFile(bytes, 'ban-sao-da-sua.pdf');
    const clerk = await browser.page();
    await clerk.goto(`${baseUrl()}/verify`);

    // Act
    await clerk.getByTestId('verify-file').setInputFiles(forged);
    const verdict = clerk.locator('.verdict[data-verdict]');
    await verdict.waitFor({ timeout: 30_000 });

    // Assess
    expect(await verdict.getAttribute('data-verdict')).toBe('tampered');
    expect(await verdict.locator('h2').textContent()).toBe('Tệp đã bị sửa đổi');
    const failed = verdict.locator('.check--failed');
    expect(await failed.count()).toBeGreaterThan(0);
    expect((await failed.first().textContent())!.length).toBeGreaterThan(15);
    expect(await verdict.locator('.legal').count()).toBe(0);
    await screenshot(clerk, '08-verify-file-tampered');
    await clerk.close();
  });

  it('logged no script error on any page', () => {
    expect(browser.errors).toEqual([]);
  });
});
