import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/**
 * Chromium for the browser tests: Debian's /usr/bin/chromium (or CHROMIUM_PATH) driven by
 * playwright-core, headless, in a fresh user-data-dir that is removed afterwards.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const PHONE = { width: 390, height: 844 } as const;
export const DESK = { width: 1280, height: 900 } as const;
export const SCREENSHOTS = resolve('test-results', 'screenshots');

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  /** A new tab (own sessionStorage, so each tab is its own signed-in user). */
  page(size?: { width: number; height: number }): Promise<Page>;
  /** Errors the page logged or threw, across all tabs. */
  errors: string[];
  close(): Promise<void>;
}

export interface LaunchOptions {
  /**
   * Let the pages ignore the site's Content-Security-Policy. Only for a test whose stand-in for an
   * outside service lives on an origin the local stack's CSP cannot name (see cognito-login).
   */
  bypassCSP?: boolean;
  /** More Chromium switches, e.g. a fake camera fed from a file (the QR scanner test). */
  args?: readonly string[];
}

export async function launch(options: LaunchOptions = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  const userDataDir = mkdtempSync(join(tmpdir(), 'bansao-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...ARGS, ...(options.args ?? [])],
    viewport: PHONE,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    acceptDownloads: true,
    bypassCSP: options.bypassCSP ?? false,
  });
  context.setDefaultTimeout(20_000);
  const errors: string[] = [];
  const watch = (p: Page) => {
    p.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    p.on('console', (m) => {
      // 4xx answers the page handles (and shows) are logged by the browser as console errors.
      if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(`console: ${m.text()}`);
    });
  };
  context.on('page', watch);
  return {
    context,
    errors,
    async page(size = PHONE) {
      const p = await context.newPage();
      await p.setViewportSize(size);
      return p;
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot as test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Signs in through the dev-user chooser of the login page. */
export async function signIn(page: Page, baseUrl: string, user: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.locator(`button[data-user="${user}"]`).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
