import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl } from '../helpers/api';
import { submittedRequest } from '../helpers/flows';
import { audit } from './a11y';
import { DESK, launch, screenshot, signIn, type Browser } from './browser';

/** The administrator's figures, the English toggle, unknown codes, and the accessibility rules. */
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

describe('Browser: figures, language and accessibility', () => {
  it('shows the administrator the operating figures with a chart per day', async () => {
    // Prepare: at least one request received today
    await submittedRequest();
    const admin = await browser.page(DESK);
    await signIn(admin, baseUrl(), 'admin');

    // Act
    const received = admin.locator('[data-figure=received] .figure__value');
    await received.waitFor();

    // Assess
    expect(Number((await received.textContent())!.replace(/\D/g, ''))).toBeGreaterThan(0);
    const chart = admin.locator('svg.chart');
    await chart.waitFor();
    expect(await chart.getAttribute('role')).toBe('img');
    expect(await chart.locator('rect.bar[data-series=received]').count()).toBeGreaterThan(0);
    expect(await admin.locator('[data-figure=onTimeRate] .figure__value').textContent()).toMatch(/%$/);
    expect(await audit(admin)).toEqual([]);
    await screenshot(admin, '17-admin-figures');
    await admin.close();
  });

  it('switches to English and back, with <html lang> and the toggle’s own lang set', async () => {
    // Prepare
    const page = await browser.page();
    await page.goto(`${baseUrl()}/verify`);

    // Act
    await page.getByRole('button', { name: 'Chuyển sang tiếng Anh' }).click();

    // Assess: English now, remembered across a reload, and back to Vietnamese
    await page.locator('h1', { hasText: 'Verify an electronic copy' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const toggle = page.locator('button.lang-toggle');
    expect(await toggle.getAttribute('lang')).toBe('vi');
    expect(await toggle.textContent()).toBe('Tiếng Việt');
    await screenshot(page, '18-verify-english');
    await page.reload();
    await page.locator('h1', { hasText: 'Verify an electronic copy' }).waitFor();
    await toggle.click();
    await page.locator('h1', { hasText: 'Kiểm tra bản sao điện tử' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await page.close();
  });

  it('says unknown, not an error, for a code that no copy carries', async () => {
    // Act
    const page = await browser.page();
    await page.goto(`${baseUrl()}/verify/0000-0000-0000-0000-0000-0000`);
    const verdict = page.locator('.verdict[data-verdict]').first();
    await verdict.waitFor();

    // Assess
    expect(await verdict.getAttribute('data-verdict')).toBe('unknown');
    expect(await verdict.textContent()).toContain('Không xác định được bản sao');
    await page.close();
  });

  it('puts the skip link first in the tab order and moves focus to the main content with it', async () => {
    // Prepare
    const page = await browser.page();
    await page.goto(`${baseUrl()}/`);
    await page.locator('h1').waitFor();

    // Act
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.className);
    await page.keyboard.press('Enter');

    // Assess
    expect(first).toContain('skip-link');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.close();
  });

  it('keeps labels, names and contrast right on the main screens, phone and desk', async () => {
    // Prepare
    const phone = await browser.page();
    const desk = await browser.page(DESK);
    const problems: string[] = [];

    // Act: audit each screen once it has drawn its content
    for (const path of ['/', '/verify', '/revocations', '/login']) {
      await phone.goto(`${baseUrl()}${path}`);
      await phone.locator('h1').waitFor();
      await phone.locator('.loading').waitFor({ state: 'detached' });
      problems.push(...(await audit(phone)).map((p) => `${path}: ${p}`));
    }
    await signIn(phone, baseUrl(), 'citizen');
    for (const path of ['/citizen', '/citizen/new']) {
      await phone.goto(`${baseUrl()}${path}`);
      await phone.locator('h1').waitFor();
      await phone.locator('.loading').waitFor({ state: 'detached' });
      problems.push(...(await audit(phone)).map((p) => `${path}: ${p}`));
    }
    await signIn(desk, baseUrl(), 'official');
    // The queue shows its table; a register shows its search form first, since every look into a
    // register states a reason that the audit trail records (Decree 23/2015 Art. 16–17; issue #18).
    for (const [path, ready] of [['/official', 'table, .empty'], ['/official/registers', 'form[role=search]']] as const) {
      await desk.goto(`${baseUrl()}${path}`);
      await desk.locator(ready).first().waitFor();
      problems.push(...(await audit(desk)).map((p) => `${path}: ${p}`));
    }
    await screenshot(desk, '19-official-registers');

    // Assess
    expect(problems).toEqual([]);
  });

  it('logged no script error on any page', () => {
    expect(browser.errors).toEqual([]);
  });
});
