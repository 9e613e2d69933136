import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl } from '../helpers/api';
import { launch, type Browser } from './browser';

/** The local stack's dev-user chooser: its users come from the gateway at run time, not from the build. */
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

describe('Browser: the dev login chooser (local stack only)', () => {
  it("lists each dev user with their role and, for an official, the agency's name", async () => {
    // Prepare
    const page = await browser.page();

    // Act
    await page.goto(`${baseUrl()}/login`);
    const official = page.locator('button[data-user="official"]');
    await official.waitFor();

    // Assess
    const text = (await official.textContent()) ?? '';
    expect(text).toContain('Trần Thị Bình');
    expect(text).toContain('Ủy ban nhân dân phường Ba Đình');
    expect(await page.locator('button[data-user="citizen"]').textContent()).toContain('Nguyễn Văn An');
  });
});
