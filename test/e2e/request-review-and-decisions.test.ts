import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, baseUrl, login } from '../helpers/api';
import { certify, samplePdf, submittedRequest } from '../helpers/flows';
import { tempFile } from '../helpers/tools';
import { audit } from './a11y';
import { PHONE, launch, screenshot, signIn, type Browser } from './browser';

/**
 * Issue #20 items 4 and 5 in the browser: the citizen reviews the code, fee and due time before
 * submitting and confirms a cancellation in a dialog; the official finds a request by its code,
 * sees the decisions as buttons in the first screenful of a 1366×800 desk, is not offered an
 * extension past the limit, previews the lời chứng before signing and downloads the issued copy.
 */
const DESK = { width: 1366, height: 800 } as const;
const CODE = /^UPBD-\d{6}-\d{4,}$/;
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

/** Fills the new-request form with a 3-page scan and goes to the review. */
async function reachReview(page: Page): Promise<void> {
  const scan = tempFile(await samplePdf(3, 'Hoc ba'), 'hoc-ba.pdf');
  await page.goto(`${baseUrl()}/citizen/new`);
  await page.locator('select[name=agencyId]').selectOption('ubnd-phuong-ba-dinh');
  await page.getByLabel('Tên giấy tờ').fill('Học bạ trung học phổ thông');
  await page.locator('input[name=files]').setInputFiles(scan);
  await page.getByRole('button', { name: 'Tải lên và xem lệ phí' }).click();
  // Create, upload, then the quote reads and counts the upload: as slow as submit on a busy machine.
  await page.getByTestId('review').waitFor({ timeout: 60_000 });
}

async function inFirstScreen(page: Page, name: string): Promise<boolean> {
  const box = await page.getByRole('button', { name, exact: true }).boundingBox();
  return box !== null && box.y >= 0 && box.y + box.height <= page.viewportSize()!.height;
}

describe('Browser: the citizen reviews before submitting', () => {
  for (const [size, label] of [[PHONE, 'phone'], [DESK, 'desk']] as const) {
    it(`shows the code, the fee and the due time before submit, and asks before cancelling (${label})`, async () => {
      // Prepare
      const citizen = await browser.page(size);
      await signIn(citizen, baseUrl(), 'citizen');

      // Act
      await reachReview(citizen);
      const code = (await citizen.getByTestId('request-code').textContent())!;
      await screenshot(citizen, `20-citizen-review-${label}`);
      expect(await audit(citizen)).toEqual([]);
      await citizen.getByRole('button', { name: 'Hủy hồ sơ', exact: true }).click();
      const dialog = citizen.getByRole('dialog', { name: 'Hủy hồ sơ này?' });
      await dialog.waitFor();
      await screenshot(citizen, `21-citizen-cancel-dialog-${label}`);
      expect(await audit(citizen)).toEqual([]);

      // Assess: the review shows the code, the fee of Circular 226/2016 Art. 4 (2 × 2.000 + 1.000) and a due time
      expect(code).toMatch(CODE);
      expect(await citizen.getByTestId('quote-fee').textContent()).toBe('5.000 đồng');
      expect(await citizen.getByTestId('quote-due').textContent()).toMatch(/\d/);
      expect(await dialog.textContent()).toContain(code);

      if (label === 'phone') {
        // Keep it, then submit: the submitted request has the code that was reviewed
        await dialog.getByRole('button', { name: 'Không, giữ hồ sơ' }).click();
        await dialog.waitFor({ state: 'detached' });
        await citizen.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
        await citizen.getByTestId('submitted-summary').waitFor({ timeout: 60_000 });
        expect(await citizen.getByTestId('submitted-code').textContent()).toBe(code);
        expect(await citizen.getByTestId('submitted-summary').textContent()).toMatch(/Số trang: 3\. Lệ phí: 5\.000 đồng\./);
        await screenshot(citizen, `22-citizen-submitted-${label}`);
      } else {
        // Confirm: the draft is cancelled
        await dialog.getByRole('button', { name: 'Hủy hồ sơ', exact: true }).click();
        await citizen.getByTestId('cancelled').waitFor();
        const { body } = await api('GET', `/api/requests?code=${code}`, { token: await login('citizen') });
        expect(body.items.map((r: { status: string }) => r.status)).toEqual(['cancelled']);
        await screenshot(citizen, `22-citizen-cancelled-${label}`);
      }
      expect(browser.errors).toEqual([]);
      await citizen.close();
    });
  }
});

describe('Browser: cancelling from the request page', () => {
  it('asks in a dialog before cancelling a submitted request, and keeps it when told to', async () => {
    // Prepare
    const { id } = await submittedRequest({ pages: 1, checked: false });
    const token = await login('citizen');

    for (const [size, label] of [[PHONE, 'phone'], [DESK, 'desk']] as const) {
      const citizen = await browser.page(size);
      await signIn(citizen, baseUrl(), 'citizen');
      await citizen.goto(`${baseUrl()}/citizen/requests/${id}`);

      // Act
      await citizen.getByRole('button', { name: 'Hủy yêu cầu' }).click();
      const dialog = citizen.getByRole('dialog', { name: 'Hủy hồ sơ này?' });
      await dialog.waitFor();
      await screenshot(citizen, `26-citizen-request-cancel-dialog-${label}`);
      expect(await audit(citizen)).toEqual([]);
      await dialog.getByRole('button', { name: 'Không, giữ hồ sơ' }).click();
      await dialog.waitFor({ state: 'detached' });

      // Assess: nothing was cancelled, and the code is shown instead of the id
      expect((await api('GET', `/api/requests/${id}`, { token })).body.status).toBe('submitted');
      expect(await citizen.getByTestId('request-code').first().textContent()).toMatch(CODE);
      await citizen.close();
    }
  });
});

describe("Browser: the official's request screen", () => {
  it('finds a request by the code read over the phone, with the decisions as buttons in the first screenful', async () => {
    // Prepare
    const { id } = await submittedRequest({ pages: 2 });
    const code = (await api('GET', `/api/requests/${id}`, { token: await login('official') })).body.code as string;
    const official = await browser.page(DESK);
    await signIn(official, baseUrl(), 'official');

    // Act: the code as a person types it, lower case with spaces
    await official.goto(`${baseUrl()}/official`);
    await official.getByLabel('Tìm theo mã hồ sơ').waitFor();
    await screenshot(official, '27-official-queue-search-desk');
    await official.getByLabel('Tìm theo mã hồ sơ').fill(code.toLowerCase().replace(/-/g, ' '));
    await official.getByRole('button', { name: 'Tìm hồ sơ' }).click();
    await official.waitForURL(`**/official/requests/${id}`);
    await official.getByTestId('official-request-code').waitFor();

    // Assess
    expect(await official.getByTestId('official-request-code').textContent()).toBe(code);
    for (const name of ['Chứng thực', 'Từ chối', 'Gia hạn thời hạn giải quyết', 'Xem trước lời chứng']) {
      expect(await inFirstScreen(official, name), name).toBe(true);
    }
    expect(await official.locator('details > summary').count()).toBe(0);
    await screenshot(official, '23-official-decisions-desk');
    expect(await audit(official)).toEqual([]);
    const phone = await browser.page(PHONE);
    await signIn(phone, baseUrl(), 'official');
    await phone.goto(`${baseUrl()}/official`);
    await phone.getByLabel('Tìm theo mã hồ sơ').waitFor();
    await screenshot(phone, '27-official-queue-search-phone');
    expect(await audit(phone)).toEqual([]);
    await phone.goto(`${baseUrl()}/official/requests/${id}`);
    await phone.getByRole('button', { name: 'Chứng thực', exact: true }).waitFor();
    await screenshot(phone, '23-official-decisions-phone');
    expect(await audit(phone)).toEqual([]);
    await phone.close();
    await official.close();
  });

  it('previews the lời chứng before signing, and no longer offers “Gia hạn” once 2 working days are used', async () => {
    // Prepare
    const { id } = await submittedRequest({ pages: 2 });
    const extended = await api('POST', `/api/requests/${id}/extend`, { token: await login('official'), json: { workingDays: 2, reason: 'Hồ sơ cần đối chiếu thêm.' } });
    expect(extended.status).toBe(200);
    const official = await browser.page(DESK);
    await signIn(official, baseUrl(), 'official');

    // Act
    await official.goto(`${baseUrl()}/official/requests/${id}`);
    await official.getByRole('button', { name: 'Xem trước lời chứng' }).click();
    const frame = official.getByTestId('attestation-preview');
    await frame.waitFor();

    // Assess
    expect(await official.getByRole('button', { name: 'Gia hạn thời hạn giải quyết' }).count()).toBe(0);
    expect(await official.getByTestId('extend-none').textContent()).toContain('Điều 21');
    expect(await official.getByRole('button', { name: 'Xem trước lời chứng' }).getAttribute('aria-expanded')).toBe('true');
    expect(await frame.getAttribute('src')).toMatch(/^blob:/);
    expect(await official.getByTestId('attestation-preview-open').getAttribute('target')).toBe('_blank');
    await screenshot(official, '24-official-preview-desk');
    expect(await audit(official)).toEqual([]);
    const phone = await browser.page(PHONE);
    await signIn(phone, baseUrl(), 'official');
    await phone.goto(`${baseUrl()}/official/requests/${id}`);
    await phone.getByRole('button', { name: 'Xem trước lời chứng' }).click();
    await phone.getByTestId('attestation-preview').waitFor();
    await screenshot(phone, '24-official-preview-phone');
    await phone.close();
    await official.close();
  });

  it('downloads the issued copy for a requester at the counter, and the download is in the history', async () => {
    // Prepare
    const { id } = await submittedRequest({ pages: 1 });
    await certify(id);
    const official = await browser.page(DESK);
    await signIn(official, baseUrl(), 'official');
    await official.goto(`${baseUrl()}/official/requests/${id}`);

    // Act
    const button = official.getByRole('button', { name: 'Tải/in bản sao' });
    await button.waitFor();
    expect(await inFirstScreen(official, 'Tải/in bản sao')).toBe(true);
    const [download] = await Promise.all([official.waitForEvent('download'), button.click()]);

    // Assess
    expect(download.suggestedFilename()).toMatch(/^ban-sao-.*\.pdf$/);
    const history = (await api('GET', `/api/requests/${id}`, { token: await login('official') })).body.history as { action: string }[];
    expect(history.map((e) => e.action)).toContain('download-copy');
    await screenshot(official, '25-official-issued-desk');
    expect(await audit(official)).toEqual([]);
    const phone = await browser.page(PHONE);
    await signIn(phone, baseUrl(), 'official');
    await phone.goto(`${baseUrl()}/official/requests/${id}`);
    await phone.getByRole('button', { name: 'Tải/in bản sao' }).waitFor();
    await screenshot(phone, '25-official-issued-phone');
    await phone.close();
    await official.close();
  });
});
