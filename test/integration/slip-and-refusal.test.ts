import { beforeAll, describe, expect, it } from 'vitest';
import { vnDate } from '../../shared/domain/dates';
import type { Principal } from '../../shared/domain/roles';
import type { Services } from '../../shared/runtime/services';
import { api, baseUrl } from '../helpers/api';
import { nssDbTrusting, pdfText, pdfsig, qpdfCheck, tempFile } from '../helpers/tools';
import { type CounterRequester, devToken, principal, realServices, submitted, throwawayCitizen, useTestStack } from './hostile/support';

/**
 * Issue #17 items 6 and 7 through the real handlers: the appointment slip whenever the result is
 * not returned the day the request was received (Circular 01/2020/TT-BTP Art. 2; Decree 23/2015
 * Art. 7(1), 21(4)), and the refusal as a signed written document (Decree 23/2015 Art. 22).
 */

let services: Services;
let official: string;
let owner: { token: string; principal: Principal };
let stranger: { token: string; principal: Principal };

beforeAll(async () => {
  useTestStack();
  services = realServices();
  official = await devToken('official');
  owner = await throwawayCitizen();
  stranger = await throwawayCitizen();
});

/** A request submitted by `who` at a given instant: the services' clock is the one the use case reads. */
const submittedAt = (at: Date, who: Principal = owner.principal, forRequester: CounterRequester = {}) => submitted({ ...services, now: () => new Date(at.getTime()) }, who, 1, forRequester);

/** A citizen with no account, for whom the dev official files at the counter. */
const atCounter = { citizenId: '001090067890', requesterName: 'Phạm Văn Quầy' };

const slipNoOf = (text: string) => /Số: (\d+)\/(\d{4})\/PH/.exec(text);

describe('Appointment slip (phiếu hẹn)', () => {
  it('is given for a request received at 15:30, numbered once and kept across downloads', async () => {
    // Prepare: Wednesday 25/11/2026 at 15:30 Vietnam time, due the next working day
    const request = await submittedAt(vnDate(2026, 11, 25, 15, 30));
    // Act
    const first = await api('GET', `/api/requests/${request.id}/appointment-slip`, { token: owner.token });
    const again = await api('GET', `/api/requests/${request.id}/appointment-slip`, { token: official });
    const detail = await api('GET', `/api/requests/${request.id}`, { token: owner.token });
    // Assess
    expect(first.status, first.text).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/application\/pdf/);
    const text = pdfText(tempFile(first.bytes)).normalize('NFC');
    expect(text).toContain('PHIẾU HẸN TRẢ KẾT QUẢ');
    expect(text).toContain('17 giờ 00, ngày 26 tháng 11 năm 2026');
    expect(text).toContain(owner.principal.citizenId!);
    expect(text).toContain('NGƯỜI TIẾP NHẬN');
    expect(text).toMatch(/ngày 25 tháng 11 năm 2026/);
    const no = slipNoOf(text);
    expect(no, text).not.toBeNull();
    expect(detail.body.appointmentSlip.no).toBe(`${no![1]}/${no![2]}/PH`);
    expect(detail.body.appointmentSlipUrl).toBe(`/api/requests/${request.id}/appointment-slip`);
    expect(again.status).toBe(200);
    expect(slipNoOf(pdfText(tempFile(again.bytes)).normalize('NFC'))![1]).toBe(no![1]);
  });

  it('numbers the slips of one agency in sequence', async () => {
    // Prepare
    const a = await submittedAt(vnDate(2026, 11, 25, 16, 0));
    const b = await submittedAt(vnDate(2026, 11, 25, 16, 5));
    // Act
    const slipA = await api('GET', `/api/requests/${a.id}/appointment-slip`, { token: owner.token });
    const slipB = await api('GET', `/api/requests/${b.id}/appointment-slip`, { token: owner.token });
    // Assess
    expect([slipA.status, slipB.status]).toEqual([200, 200]);
    const [ra, rb] = await Promise.all([services.requests.get(a.id), services.requests.get(b.id)]);
    expect(rb!.appointmentSlip!.seq).toBeGreaterThan(ra!.appointmentSlip!.seq);
    expect(rb!.appointmentSlip!.year).toBe(ra!.appointmentSlip!.year);
  });

  it('is not given for a request received at 15:00 sharp, which is due the same day', async () => {
    // Prepare
    const request = await submittedAt(vnDate(2026, 11, 25, 15, 0));
    // Act
    const res = await api('GET', `/api/requests/${request.id}/appointment-slip`, { token: owner.token });
    const detail = await api('GET', `/api/requests/${request.id}`, { token: owner.token });
    // Assess
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(detail.body.appointmentSlipUrl).toBeUndefined();
  });

  it('is not shown to another citizen', async () => {
    const request = await submittedAt(vnDate(2026, 11, 25, 15, 30));
    expect((await api('GET', `/api/requests/${request.id}/appointment-slip`, { token: stranger.token })).status).toBe(403);
  });
});

describe('Extension beyond 2 working days', () => {
  it('is refused without a written agreement and accepted with one, which the slip states', async () => {
    // Prepare: received Wednesday 25/11/2026 at 09:00, due that day
    const request = await submittedAt(vnDate(2026, 11, 25, 9, 0));
    const path = `/api/requests/${request.id}/extend`;
    // Act
    const without = await api('POST', path, { token: official, json: { workingDays: 3, reason: 'Hồ sơ có rất nhiều trang cần đối chiếu' } });
    const agreed = await api('POST', path, {
      token: official,
      json: { workingDays: 3, reason: 'Hồ sơ có rất nhiều trang cần đối chiếu', agreement: { date: '2026-11-25', note: 'Biên bản thỏa thuận với người yêu cầu, lưu tại hồ sơ' } },
    });
    // Assess
    expect(without.status).toBe(422);
    expect(without.text).toContain('thỏa thuận bằng văn bản');
    expect(agreed.status, agreed.text).toBe(200);
    expect(agreed.body.dueAt).toBe(vnDate(2026, 11, 30, 17, 0).toISOString());
    expect(agreed.body.extension.agreement).toEqual({ date: '2026-11-25', note: 'Biên bản thỏa thuận với người yêu cầu, lưu tại hồ sơ' });
    const slip = await api('GET', `/api/requests/${request.id}/appointment-slip`, { token: owner.token });
    expect(slip.status).toBe(200);
    expect(pdfText(tempFile(slip.bytes)).normalize('NFC')).toContain('Biên bản thỏa thuận với người yêu cầu');
  });

  it('refuses a total beyond 2 working days over several extensions without an agreement (409)', async () => {
    const request = await submittedAt(vnDate(2026, 11, 25, 9, 0));
    const path = `/api/requests/${request.id}/extend`;
    expect((await api('POST', path, { token: official, json: { workingDays: 2, reason: 'Nhiều trang cần đối chiếu' } })).status).toBe(200);
    expect((await api('POST', path, { token: official, json: { workingDays: 1, reason: 'Thêm một ngày nữa' } })).status).toBe(409);
  });
});

describe('A request filed at the counter names its requester (Decree 23/2015 Art. 13(1), 22; Circular 01/2020/TT-BTP Art. 2)', () => {
  it('is refused without the requester\'s name (422); a citizen filing online keeps their signed-in name', async () => {
    // Prepare
    const counter = { kind: 'certify-copy', agencyId: 'ubnd-phuong-ba-dinh', title: 'Giấy khai sinh', citizenId: atCounter.citizenId };
    const online = await throwawayCitizen();
    // Act
    const nameless = await api('POST', '/api/requests', { token: official, json: counter });
    const blank = await api('POST', '/api/requests', { token: official, json: { ...counter, requesterName: ' \u200b ' } });
    const byCitizen = await api('POST', '/api/requests', { token: online.token, json: { kind: 'certify-copy', agencyId: 'ubnd-phuong-ba-dinh', title: 'Giấy khai sinh', requesterName: 'Tên khác' } });
    const mine = await api('GET', '/api/requests', { token: online.token });
    // Assess: the citizen's one request carries the name of their sign-in, not the one in the body
    expect(nameless.status, nameless.text).toBe(422);
    expect(nameless.body.detail).toMatch(/họ và tên người yêu cầu/);
    expect(blank.status, blank.text).toBe(422);
    expect(byCitizen.status, byCitizen.text).toBe(201);
    expect(byCitizen.body.requesterName).toBe(online.principal.name);
    expect(mine.body.items.map((r: { id: string }) => r.id)).toEqual([byCitizen.body.id]);
  });

  it('prints the name on the appointment slip', async () => {
    // Prepare: received at the counter on Wednesday 25/11/2026 at 15:40, due the next working day
    const request = await submittedAt(vnDate(2026, 11, 25, 15, 40), principal('official'), atCounter);
    // Act
    const slip = await api('GET', `/api/requests/${request.id}/appointment-slip`, { token: official });
    // Assess
    expect(slip.status, slip.text).toBe(200);
    const text = pdfText(tempFile(slip.bytes)).normalize('NFC').replace(/\s+/g, ' ');
    expect(text).toContain(`Người yêu cầu: ${atCounter.requesterName} — CCCD ${atCounter.citizenId}`);
  });

  it('prints the name in the written refusal', async () => {
    // Prepare
    const request = await submitted(services, principal('official'), 1, atCounter);
    const rejected = await api('POST', `/api/requests/${request.id}/reject`, { token: official, json: { reasonCode: 'secret-or-no-copy', detail: 'Trang 1 có dấu MẬT.' } });
    expect(rejected.status, rejected.text).toBe(200);
    // Act
    const refusal = await api('GET', `/api/requests/${request.id}/refusal`, { token: official });
    // Assess
    expect(refusal.status, refusal.text).toBe(200);
    const text = pdfText(tempFile(refusal.bytes)).normalize('NFC').replace(/\s+/g, ' ');
    expect(text).toContain(`Kính gửi: Ông/Bà ${atCounter.requesterName}, số định danh cá nhân (CCCD) ${atCounter.citizenId}.`);
  });
});

describe('Written refusal (văn bản từ chối)', () => {
  it('is a PDF signed with the agency seal stating the Art. 22 ground, for the owner only', async () => {
    // Prepare
    const request = await submitted(services, owner.principal);
    const rejected = await api('POST', `/api/requests/${request.id}/reject`, { token: official, json: { reasonCode: 'secret-or-no-copy', detail: 'Trang 1 có dấu MẬT.' } });
    expect(rejected.status, rejected.text).toBe(200);
    // Act
    const mine = await api('GET', `/api/requests/${request.id}/refusal`, { token: owner.token });
    const again = await api('GET', `/api/requests/${request.id}/refusal`, { token: official });
    const theirs = await api('GET', `/api/requests/${request.id}/refusal`, { token: stranger.token });
    const detail = await api('GET', `/api/requests/${request.id}`, { token: owner.token });
    // Assess
    expect(mine.status, mine.text).toBe(200);
    expect(mine.headers.get('content-type')).toMatch(/application\/pdf/);
    expect(theirs.status).toBe(403);
    expect(Buffer.from(again.bytes).equals(Buffer.from(mine.bytes))).toBe(true);
    expect(detail.body.refusalUrl).toBe(`/api/requests/${request.id}/refusal`);
    expect(detail.body.rejection.sha256).toMatch(/^[0-9a-f]{64}$/);
    const file = tempFile(mine.bytes);
    expect(qpdfCheck(file).status).toBe(0);
    const report = pdfsig(file, nssDbTrusting(await (await fetch(`${baseUrl()}/api/trust-list`)).text()));
    expect(report.match(/Signature is Valid\./g)?.length, report).toBe(1);
    expect(report).toMatch(/Certificate is Trusted\./);
    expect(report).toMatch(/Total document signed/);
    const text = pdfText(file).normalize('NFC').replace(/\s+/g, ' ');
    expect(text).toContain('Khoản 3 Điều 22 Nghị định số 23/2015/NĐ-CP');
    expect(text).toContain('Bản chính đóng dấu mật của cơ quan, tổ chức có thẩm quyền hoặc không đóng dấu mật nhưng ghi rõ không được sao chụp');
    expect(text).toContain('Trang 1 có dấu MẬT.');
    expect(text).toMatch(/ngày \d{2} tháng \d{1,2} năm \d{4}/);
  });

  it('does not exist for a request that was not refused (409)', async () => {
    const request = await submitted(services, owner.principal);
    const res = await api('GET', `/api/requests/${request.id}/refusal`, { token: owner.token });
    expect(res.status).toBe(409);
  });
});
