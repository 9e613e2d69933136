import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, baseUrl, login } from '../helpers/api';
import { certify, submittedRequest } from '../helpers/flows';
import { tempFile } from '../helpers/tools';
import { audit } from './a11y';
import { PHONE, launch, screenshot, signIn, type Browser } from './browser';

/**
 * Issue #20, items 6–8, through the page: the official's master registers (messages on the
 * fields, dates as dd/mm/yyyy, a CSV template, search by the whole name), the administrator's
 * figures (CSV export, Vietnamese date inputs, pending and revoked counts, a chart a phone can
 * read) and the procedure pages a visitor reads before signing in.
 */
const DESK = { width: 1366, height: 800 } as const;
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

describe('Browser: the official’s registers', () => {
  it('puts Vietnamese messages on the wrong fields, takes dates as dd/mm/yyyy and shows them so', async () => {
    // Prepare
    const page = await browser.page(DESK);
    await signIn(page, baseUrl(), 'official');
    await page.goto(`${baseUrl()}/official/registers`);
    const form = page.locator('section[aria-labelledby=add-h] form');
    await form.waitFor();

    // Act: a date that does not exist, the name left out
    await form.locator('[name=ngaySinh]').fill('31/02/1990');
    await form.getByRole('button', { name: 'Thêm vào sổ' }).click();

    // Assess: each message on its own field, tied to it for screen readers
    const birth = form.locator('[name=ngaySinh]');
    expect(await birth.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await birth.getAttribute('aria-describedby'))!.split(' ');
    const messages = await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(messages.join(' ')).toContain('Ngày, tháng, năm sinh: ngày không hợp lệ — nhập theo dạng dd/mm/yyyy');
    const name = form.locator('[name=hoTen]');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`[id="${(await name.getAttribute('id'))!}-error"]`).textContent()).toBe('Họ, chữ đệm, tên: bắt buộc nhập.');
    expect(await page.locator('[data-register] h2.register-title').textContent()).toBe('Sổ đăng ký khai sinh');
    expect(await page.locator('main').textContent()).not.toContain('khai-sinh-ba-dinh');
    expect(await audit(page)).toEqual([]);
    await screenshot(page, '20-registers-field-errors-desk');

    // Act: a good entry, dates typed dd/mm/yyyy
    const no = `E2E-${Date.now()}`;
    const fill: [string, string][] = [
      ['entryNo', no],
      ['hoTen', 'Vương Thị Ngọc Ánh'],
      ['ngaySinh', '05/01/2001'],
      ['noiSinh', 'Hà Nội'],
      ['danToc', 'Kinh'],
      ['quocTich', 'Việt Nam'],
      ['soDangKy', no],
      ['ngayDangKy', '10/01/2001'],
    ];
    for (const [name, value] of fill) await form.locator(`[name=${name}]`).fill(value);
    await form.locator('[name=gioiTinh]').selectOption('Nữ');
    await form.getByRole('button', { name: 'Thêm vào sổ' }).click();
    await form.locator('.notice--success').waitFor();

    // Assess: no mark left; the same number again is refused on the number's own field
    expect(await form.locator('[aria-invalid=true]').count()).toBe(0);
    for (const [name, value] of fill) await form.locator(`[name=${name}]`).fill(value);
    await form.locator('[name=gioiTinh]').selectOption('Nữ');
    await form.getByRole('button', { name: 'Thêm vào sổ' }).click();
    const entryNo = form.locator('[name=entryNo]');
    await form.locator('[aria-invalid=true]').first().waitFor();
    expect(await entryNo.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`[id="${(await entryNo.getAttribute('id'))!}-error"]`).textContent()).toContain(`Số mục ${no} đã có trong sổ`);

    // Act: find it by the whole name, without accents, and read its date
    await page.locator('input[name=reason]').fill('Kiểm tra mục vừa thêm');
    await page.locator('input[name=q]').fill('vuong thi ngoc anh');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    const row = page.locator('tbody tr', { hasText: no });
    await row.waitFor();

    // Assess
    expect(await row.textContent()).toContain('05/01/2001');
    await page.close();
  });

  it('finds an entry by the name without its middle name, the whole name first', async () => {
    // Prepare
    const page = await browser.page(PHONE);
    await signIn(page, baseUrl(), 'official');
    await page.goto(`${baseUrl()}/official/registers`);
    await page.locator('input[name=reason]').fill('Tra cứu theo yêu cầu tại quầy');

    // Act
    await page.locator('input[name=q]').fill('Nguyễn An');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.locator('tbody tr, .empty').first().waitFor();

    // Assess: seeded entry 125, Nguyễn Văn An
    expect(await page.locator('tbody tr', { hasText: 'Nguyễn Văn An' }).count()).toBeGreaterThan(0);
    expect(await page.locator('tbody tr', { hasText: 'Nguyễn Văn An' }).first().textContent()).toContain('15/03/1990');
    expect(await audit(page)).toEqual([]);
    await screenshot(page, '21-registers-search-phone');
    await page.close();
  });

  it('offers a CSV template headed with the form’s labels, and imports it filled in', async () => {
    // Prepare
    const page = await browser.page(PHONE);
    await signIn(page, baseUrl(), 'official');
    await page.goto(`${baseUrl()}/official/registers`);

    // Act: download the template
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải tệp mẫu CSV' }).click()]);
    const template = readFileSync((await download.path())!, 'utf8');

    // Assess
    expect(download.suggestedFilename()).toBe('mau-so-dang-ky-khai-sinh.csv');
    expect(template.startsWith('\uFEFFSố vào sổ,"Họ, chữ đệm, tên","Ngày, tháng, năm sinh",Giới tính,Nơi sinh,')).toBe(true);

    // Act: fill one line under the template's header, dates as dd/mm/yyyy, and import it
    const no = `E2E-T-${Date.now()}`;
    const csv = tempFile(`${template}${no},Đinh Công Tráng,20/11/2002,Nam,Hà Nội,Kinh,Việt Nam,,,,${no},25/11/2002\r\n`, 'mau.csv');
    await page.locator('input[name=csv]').setInputFiles(csv);
    await page.getByRole('button', { name: 'Nhập vào sổ' }).click();
    const result = page.locator('.notice--success', { hasText: 'Đã nhập' });
    await result.waitFor();

    // Assess
    expect(await result.textContent()).toContain('Đã nhập 1 mục; 0 dòng bị từ chối.');
    await screenshot(page, '22-registers-import-phone');
    await page.close();
  });
});

describe('Browser: the administrator’s figures', () => {
  it('takes the period as dd/mm/yyyy, counts pending and revoked copies, and exports the figures as CSV', async () => {
    // Prepare: one request waiting, one copy issued and revoked today
    await submittedRequest();
    const { id } = await submittedRequest();
    const issued = await certify(id);
    expect((await api('POST', `/api/documents/${issued.documentId}/revoke`, { token: await login('official'), json: { reason: 'Cấp nhầm cho người khác' } })).status).toBe(200);
    const page = await browser.page(DESK);
    await signIn(page, baseUrl(), 'admin');
    await page.locator('[data-figure=received] .figure__value').waitFor();

    // Assess: Vietnamese dates in text fields, not the browser's date picker; the two new figures
    const from = page.locator('input[name=from]');
    expect(await from.getAttribute('type')).toBe('text');
    expect(await from.inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(Number((await page.locator('[data-figure=pending] .figure__value').textContent())!.replace(/\D/g, ''))).toBeGreaterThan(0);
    expect(Number((await page.locator('[data-figure=revoked] .figure__value').textContent())!.replace(/\D/g, ''))).toBeGreaterThan(0);
    expect(await page.locator('[data-figure=pending] .figure__label').textContent()).toBe('Đang giải quyết');
    expect(await page.locator('[data-figure=revoked] .figure__label').textContent()).toBe('Bản sao bị hủy bỏ');
    expect(await audit(page)).toEqual([]);
    await screenshot(page, '23-admin-figures-desk');

    // Act: a date that does not exist
    await from.fill('32/13/2026');
    await page.getByRole('button', { name: 'Xem số liệu' }).click();

    // Assess: the message is on the field
    expect(await from.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`[id="${(await from.getAttribute('id'))!}-error"]`).textContent()).toBe('Từ ngày: ngày không hợp lệ — nhập theo dạng dd/mm/yyyy.');

    // Act: a good period, then the export
    const today = new Date(Date.now() + 7 * 3600_000);
    const dmy = `${String(today.getUTCDate()).padStart(2, '0')}/${String(today.getUTCMonth() + 1).padStart(2, '0')}/${today.getUTCFullYear()}`;
    await from.fill(dmy);
    await page.getByRole('button', { name: 'Xem số liệu' }).click();
    await page.locator('[data-figure=revoked] .figure__value').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải số liệu (CSV)' }).click()]);
    const csv = readFileSync((await download.path())!);

    // Assess: UTF-8 with a BOM, the figures shown, Vietnamese intact
    expect(await from.getAttribute('aria-invalid')).toBeNull();
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString('utf8');
    expect(text).toContain('Ủy ban nhân dân phường Ba Đình');
    expect(text).toContain('Đang giải quyết,Bản sao bị hủy bỏ');
    expect(download.suggestedFilename()).toMatch(/^bao-cao-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    await page.close();
    // Issuing a copy signs it twice; on a shared machine that alone can take most of a minute.
  }, 180_000);

  it('keeps the chart’s day labels readable on a phone: full size, none overlapping or cut off', async () => {
    // Prepare
    await submittedRequest();
    const page = await browser.page(PHONE);
    await signIn(page, baseUrl(), 'admin');
    await page.locator('svg.chart').waitFor();

    // Act: measure the day labels as drawn
    const labels = await page.$$eval('svg.chart text.tick--x', (els) =>
      els.map((e) => {
        const ctm = (e as SVGGraphicsElement).getScreenCTM()!;
        const box = e.getBoundingClientRect();
        const svg = (e as SVGGraphicsElement).ownerSVGElement!.getBoundingClientRect();
        return {
          px: parseFloat(getComputedStyle(e).fontSize) * Math.hypot(ctm.a, ctm.b),
          turned: e.hasAttribute('transform'),
          x: Number(e.getAttribute('x')) * Math.hypot(ctm.a, ctm.b),
          box: { left: box.left, right: box.right, top: box.top, bottom: box.bottom },
          svg: { left: svg.left, right: svg.right, top: svg.top, bottom: svg.bottom },
        };
      }),
    );

    // Assess
    expect(labels.length).toBeGreaterThan(4);
    for (const l of labels) {
      expect(l.px).toBeGreaterThanOrEqual(11);
      expect(l.box.left).toBeGreaterThanOrEqual(l.svg.left - 0.5);
      expect(l.box.right).toBeLessThanOrEqual(l.svg.right + 0.5);
      expect(l.box.bottom).toBeLessThanOrEqual(l.svg.bottom + 0.5);
    }
    for (let i = 1; i < labels.length; i++) {
      const [a, b] = [labels[i - 1], labels[i]];
      // Turned 45°, two labels are (distance along the axis) × sin 45° apart; flat, their boxes must not meet.
      if (b.turned) expect((b.x - a.x) * Math.SQRT1_2).toBeGreaterThanOrEqual(b.px);
      else expect(b.box.left).toBeGreaterThanOrEqual(a.box.right);
    }
    expect(await audit(page)).toEqual([]);
    await screenshot(page, '24-admin-figures-phone');
    await page.close();
  });
});

describe('Browser: the procedure pages before signing in', () => {
  for (const [size, viewport] of [['phone', PHONE], ['desk', DESK]] as const) {
    it(`leads from the home page to each procedure's documents, fee, time limit and legal basis (${size})`, async () => {
      // Prepare: nobody signed in
      const page = await browser.page(viewport);
      await page.goto(`${baseUrl()}/`);

      // Act
      await page.locator('#home-procedures').waitFor();
      await page.getByRole('link', { name: 'Chứng thực bản sao điện tử từ bản chính' }).click();
      const procedure = page.locator('.procedure[data-procedure=certify-copy]');
      await procedure.waitFor();

      // Assess: the facts the service enforces, each with its article
      expect(await page.locator('h1').textContent()).toBe('Chứng thực bản sao điện tử từ bản chính');
      const rowText = (key: string) => procedure.locator(`[data-row=${key}] dd`).textContent();
      expect(await rowText('fee')).toContain('2.000 đồng/trang với trang thứ nhất và thứ hai; 1.000 đồng/trang từ trang thứ ba; tối đa 200.000 đồng/bản');
      expect(await rowText('fee')).toContain('Căn cứ: Thông tư 226/2016/TT-BTC, Điều 4');
      expect(await rowText('timeLimit')).toContain('sau 15 giờ');
      expect(await rowText('timeLimit')).toContain('Nghị định 23/2015/NĐ-CP, Điều 7 khoản 1');
      expect(await rowText('documents')).toContain('Bản chính giấy tờ, văn bản cần chứng thực');
      expect(await procedure.locator('[data-row=refused] li').count()).toBe(6);
      expect(await rowText('legalBasis')).toContain('Nghị định 280/2025/NĐ-CP');
      expect(await audit(page)).toEqual([]);
      await screenshot(page, `25-procedure-certify-${size}`);

      // Act: a copy from a birth register, through the list
      await page.getByRole('link', { name: 'Tất cả thủ tục' }).first().click();
      await page.locator('[data-procedure=register-copy-birth] a').click();
      const birth = page.locator('.procedure[data-procedure=register-copy-birth]');
      await birth.waitFor();

      // Assess: its own fee, no extension, and what is not yet confirmed is marked so
      expect(await birth.locator('[data-row=fee] dd').textContent()).toContain('8.000 đồng/bản sao.');
      expect(await birth.locator('[data-row=fee] [data-uncertain]').count()).toBe(1);
      expect(await birth.locator('[data-row=extension] dd').textContent()).toContain('Không gia hạn');
      expect(await birth.locator('[data-row=requester] dd').textContent()).toContain('Điều 16 khoản 2');
      expect(await audit(page)).toEqual([]);
      await screenshot(page, `26-procedure-register-birth-${size}`);
      await page.goto(`${baseUrl()}/procedures`);
      await page.locator('[data-procedure=register-copy-diploma]').waitFor();
      expect(await page.locator('[data-procedure=register-copy-diploma]').textContent()).toContain('Không thu phí.');
      await screenshot(page, `27-procedures-${size}`);
      await page.goto(`${baseUrl()}/`);
      await page.locator('section[aria-labelledby=home-procedures] li').first().waitFor();
      await screenshot(page, `28-home-${size}`);
      await page.close();
    });
  }

  it('logged no script error on any page', () => {
    expect(browser.errors).toEqual([]);
  });
});
