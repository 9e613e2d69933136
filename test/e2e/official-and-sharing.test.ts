import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl } from '../helpers/api';
import { certify, submittedRequest } from '../helpers/flows';
import { tempFile } from '../helpers/tools';
import { DESK, launch, screenshot, signIn, type Browser } from './browser';

/**
 * The official's other decisions (refuse, extend, revoke, register copies) and the citizen's
 * sharing, through the page. Requests are prepared through the API (test/helpers) so each test
 * starts from the state it is about.
 */
let browser: Browser;
let official: Page;
let citizen: Page;

beforeAll(async () => {
  browser = await launch();
  official = await browser.page(DESK);
  await signIn(official, baseUrl(), 'official');
  citizen = await browser.page();
  await signIn(citizen, baseUrl(), 'citizen');
});

afterAll(async () => {
  await browser?.close();
});

async function openAsOfficial(id: string): Promise<void> {
  await official.goto(`${baseUrl()}/official/requests/${id}`);
  await official.locator('.facts').first().waitFor();
}

describe('Browser: the official decides, the citizen follows', () => {
  it('refuses with a reason from the legal list, insists on a detail for “Lý do khác”, and the citizen reads the reason', async () => {
    // Prepare
    const { id } = await submittedRequest();
    await openAsOfficial(id);

    // Act: "other" without a detail is stopped in the page; then a listed reason goes through
    await official.getByText('Từ chối', { exact: true }).click();
    await official.locator('select[name=reasonCode]').selectOption('other');
    await official.getByRole('button', { name: 'Từ chối yêu cầu' }).click();
    const stopped = official.getByRole('alert').filter({ hasText: 'cần ghi rõ lý do' });
    await stopped.waitFor();
    await official.locator('select[name=reasonCode]').selectOption('damaged');
    await official.locator('textarea[name=detail]').fill('Trang 2 bị rách mất góc.');
    await official.getByRole('button', { name: 'Từ chối yêu cầu' }).click();
    await official.locator('.notice--success', { hasText: 'Đã từ chối hồ sơ.' }).waitFor();

    // Assess
    await citizen.goto(`${baseUrl()}/citizen/requests/${id}`);
    const rejection = citizen.getByTestId('rejection');
    await rejection.waitFor();
    expect(await rejection.textContent()).toMatch(/hư hỏng, cũ nát.*Điều 22 Nghị định số 23\/2015\/NĐ-CP.*Trang 2 bị rách mất góc\./);
    expect(await citizen.locator('.badge[data-status=rejected]').first().textContent()).toBe('Bị từ chối');
    const [refusal] = await Promise.all([citizen.waitForEvent('download'), citizen.getByTestId('refusal').click()]);
    expect(refusal.suggestedFilename()).toBe('van-ban-tu-choi.pdf');
    expect(readFileSync((await refusal.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await screenshot(citizen, '09-citizen-rejected');
  });

  it('extends the due time with a reason, and the citizen sees the new time and gets the appointment slip', async () => {
    // Prepare
    const { id, request } = await submittedRequest({ pages: 3 });
    await openAsOfficial(id);

    // Act
    await official.getByText('Gia hạn thời hạn giải quyết', { exact: true }).click();
    await official.locator('select[name=workingDays]').selectOption('2');
    await official.getByLabel('Lý do gia hạn').fill('Hồ sơ nhiều trang cần đối chiếu kỹ.');
    await official.getByRole('button', { name: 'Gia hạn', exact: true }).click();
    await official.locator('.notice--success', { hasText: 'Đã gia hạn' }).waitFor();

    // Assess
    await citizen.goto(`${baseUrl()}/citizen/requests/${id}`);
    const note = citizen.getByTestId('extension');
    await note.waitFor();
    expect(await note.textContent()).toContain('Đã gia hạn 2 ngày làm việc. Lý do: Hồ sơ nhiều trang cần đối chiếu kỹ.');
    expect(await citizen.locator('.facts').first().textContent()).not.toContain(request.dueAt);
    const [slip] = await Promise.all([citizen.waitForEvent('download'), citizen.getByTestId('appointment-slip').click()]);
    expect(readFileSync((await slip.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await screenshot(citizen, '10-citizen-extended');
  });

  it('shares a copy through a link that opens without an account, and shows the owner who checked it', async () => {
    // Prepare: an issued copy
    const { id } = await submittedRequest();
    await certify(id);
    await citizen.goto(`${baseUrl()}/citizen/requests/${id}`);

    // Act: create a 7-day link, open it in a tab with no account, verify from there
    await citizen.locator('select[name=expiresInHours]').selectOption('168');
    await citizen.getByRole('button', { name: 'Tạo liên kết chia sẻ' }).click();
    const link = await citizen.getByTestId('share-link').inputValue();
    const receiver = await browser.page();
    await receiver.goto(link);
    await receiver.locator('.facts').waitFor();
    await screenshot(receiver, '11-share-link');
    const [file] = await Promise.all([receiver.waitForEvent('download'), receiver.getByRole('button', { name: 'Tải bản sao (PDF)' }).click()]);
    await receiver.getByRole('link', { name: 'Kiểm tra tính xác thực' }).click();
    const verdict = receiver.locator('.verdict[data-verdict]').first();
    await verdict.waitFor();

    // Assess
    expect(new URL(link).pathname).toMatch(/^\/s\/[A-Za-z0-9_-]{20,}$/);
    expect(readFileSync((await file.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await verdict.getAttribute('data-verdict')).toBe('authentic');
    await citizen.reload();
    // The receiver has no account: their check is counted among the day's anonymous checks
    // (signed-in verifiers are listed one by one, anonymous ones are counted per day).
    const anonymous = citizen.getByTestId('anonymous-verifications');
    await anonymous.waitFor();
    const today = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());
    const row = anonymous.locator('tr', { hasText: today });
    expect(Number(await row.locator('td').last().textContent())).toBeGreaterThanOrEqual(1);
    await screenshot(citizen, '12-citizen-verifications');
    await receiver.close();
  });

  it('revokes an issued copy with a reason; the public list and the QR link then say revoked', async () => {
    // Prepare
    const { id } = await submittedRequest();
    const issued = await certify(id);
    await openAsOfficial(id);

    // Act
    await official.getByText('Hủy bỏ bản sao đã cấp', { exact: true }).click();
    await official.getByLabel('Lý do hủy bỏ').fill('Chứng thực nhầm bản chính của người khác.');
    await official.getByLabel('Tôi hiểu việc hủy bỏ không thể hoàn tác.').check();
    await official.getByRole('button', { name: 'Hủy bỏ bản sao', exact: true }).click();
    await official.locator('.notice--success', { hasText: 'Đã hủy bỏ bản sao.' }).waitFor();

    // Assess
    const phone = await browser.page();
    await phone.goto(`${baseUrl()}/revocations`);
    const row = phone.locator('tr', { has: phone.locator(`a[href="/verify/${issued.verifyCode}"]`) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Chứng thực nhầm bản chính của người khác.');
    await screenshot(phone, '13-revocations');
    await row.locator('a').click();
    const verdict = phone.locator('.verdict[data-verdict]').first();
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-verdict')).toBe('revoked');
    expect(await verdict.textContent()).toContain('Chứng thực nhầm bản chính của người khác.');
    await screenshot(phone, '14-verify-revoked');
    await phone.close();
  });

  it('lets a citizen ask for a copy of a register entry, and the official issue it beside the entry’s data', async () => {
    // Prepare
    await citizen.goto(`${baseUrl()}/citizen/new`);

    // Act: the citizen picks register and the number of their own entry (125 is the dev citizen's: no evidence needed)
    await citizen.getByLabel('Bản sao cấp từ sổ gốc').check();
    await citizen.locator('select[name=agencyId]').selectOption('ubnd-phuong-ba-dinh');
    await citizen.locator('select[name=registerId]').selectOption('khai-sinh-ba-dinh');
    await citizen.locator('input[name=entryNo]').fill('125');
    await citizen.getByRole('button', { name: 'Tải lên và xem lệ phí' }).click();
    await citizen.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    const summary = citizen.getByTestId('submitted-summary');
    await summary.waitFor();
    const id = (await citizen.getByRole('link', { name: 'Xem hồ sơ' }).getAttribute('href'))!.split('/').pop()!;
    // … and the official issues it, reading the entry beside the request
    await openAsOfficial(id);
    const entry = official.locator('.pane-source .facts');
    await entry.waitFor();
    const entryText = await entry.textContent();
    await official.getByLabel('Tôi đã đối chiếu nội dung với sổ gốc.').check();
    await official.locator('button[data-action=issue]').click();
    await official.locator('.notice--success', { hasText: 'Đã cấp bản sao' }).waitFor({ timeout: 40_000 });

    // Assess
    expect(await summary.textContent()).toContain('Lệ phí: 8.000 đồng');
    expect(entryText).toContain('Nguyễn Văn An');
    expect(await official.locator('.card--result [data-field=numberAndBook]').textContent()).toMatch(/^Số \d+, quyển số 01\/\d{4}-TLKS\/BS$/);
    await screenshot(official, '15-official-register-copy-request');
  });

  it('issues a copy of a master-register entry to a requester at the counter', async () => {
    // Prepare: the register's first entries (an empty search lists them; seeded entry 125 is among them)
    await official.goto(`${baseUrl()}/official/registers`);
    await official.locator('input[name=reason]').fill('Tiếp nhận yêu cầu tại quầy');
    await official.getByRole('button', { name: 'Tìm', exact: true }).click();

    // Act
    await official.getByRole('button', { name: 'Cấp bản sao mục 125' }).click();
    await official.getByLabel('Số CCCD của người yêu cầu').fill('001090012345');
    await official.getByLabel('Họ và tên người yêu cầu').fill('Nguyễn Văn An');
    await official.getByRole('button', { name: 'Cấp bản sao', exact: true }).click();
    const done = official.locator('.notice--success', { hasText: 'Đã cấp bản sao' });
    await done.waitFor({ timeout: 40_000 });

    // Assess
    expect(await done.textContent()).toMatch(/Số \d+, quyển số 01\/\d{4}-TLKS\/BS\. Mã kiểm tra: [0-9A-Z-]{29}\./);
    await screenshot(official, '16-official-counter-copy');
  });

  it('imports register entries from a CSV file and lists the refused lines', async () => {
    // Prepare: one good line and one with an impossible date
    const n = `E2E-${Date.now()}`;
    const header = 'entryNo,hoTen,ngaySinh,gioiTinh,noiSinh,danToc,quocTich,hoTenCha,hoTenMe,soDangKy,ngayDangKy';
    const csv = tempFile(`${header}\n${n}-1,Phan Thị Thu,2001-02-03,Nữ,Hà Nội,Kinh,Việt Nam,,,${n}-1,2001-02-10\n${n}-2,Sai Ngày,2001-13-03,Nam,Hà Nội,Kinh,Việt Nam,,,${n}-2,2001-02-10\n`, 'so-khai-sinh.csv');
    await official.goto(`${baseUrl()}/official/registers`);

    // Act
    await official.locator('input[name=csv]').setInputFiles(csv);
    await official.getByRole('button', { name: 'Nhập vào sổ' }).click();
    const result = official.locator('.notice--success', { hasText: 'Đã nhập' });
    await result.waitFor();

    // Assess
    expect(await result.textContent()).toContain('Đã nhập 1 mục; 1 dòng bị từ chối.');
    expect(await official.locator('table', { hasText: 'Các dòng bị từ chối' }).locator('tbody tr').count()).toBe(1);
  });

  it('logged no script error on any page', () => {
    expect(browser.errors).toEqual([]);
  });
});
