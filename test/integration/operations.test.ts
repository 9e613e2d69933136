import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { api, login } from '../helpers/api';
import { certify, draftWithOriginals, recordOriginalCheck, samplePdf, submittedRequest } from '../helpers/flows';
import { pdfText, tempFile } from '../helpers/tools';

const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

async function summary(user = 'admin', query = '') {
  const res = await api('GET', `/api/reports/summary?from=${today()}&to=${today()}${query}`, { token: await login(user) });
  expect(res.status).toBe(200);
  return res.body;
}

describe('Operations: the province’s figures', () => {
  it('counts a request submitted and certified today in received and issued, with rates in [0,1]', async () => {
    const before = await summary();
    const { id } = await submittedRequest();
    await certify(id);
    const after = await summary();
    expect(after.received).toBe(before.received + 1);
    expect(after.submittedOnline).toBe(before.submittedOnline + 1);
    expect(after.issued).toBe(before.issued + 1);
    for (const r of [after.onlineRate, after.onTimeRate]) {
      expect(r).toBeGreaterThanOrEqual(0);
      expect(r).toBeLessThanOrEqual(1);
    }
    const mine = after.byAgency.find((a: { agencyId: string }) => a.agencyId === 'ubnd-phuong-ba-dinh');
    expect(mine.issued).toBeGreaterThanOrEqual(1);
    expect(after.byDay.at(-1).day).toBe(today());
  });

  it('counts a request filed at the counter as received but not online', async () => {
    const before = await summary('official');
    const official = await login('official');
    const created = await api('POST', '/api/requests', { token: official, json: { kind: 'register-copy', agencyId: 'ubnd-phuong-ba-dinh', registerId: 'khai-sinh-ba-dinh', entryNo: '125', title: 'Trích lục', citizenId: '001090012345', requesterName: 'Trần Thị Khai' } });
    expect(created.body.channel).toBe('counter');
    await api('POST', `/api/requests/${created.body.id}/submit`, { token: official });
    const after = await summary('official');
    expect(after.received).toBe(before.received + 1);
    expect(after.submittedOnline).toBe(before.submittedOnline);
  });

  it('counts the requests waiting for a decision and the copies revoked today (issue #20)', async () => {
    // Prepare
    const before = await summary();
    const { id } = await submittedRequest();
    const waiting = await summary();
    const issued = await certify(id);

    // Act
    const revoked = await api('POST', `/api/documents/${issued.documentId}/revoke`, { token: await login('official'), json: { reason: 'Cấp nhầm cho người khác' } });

    // Assess
    expect(revoked.status).toBe(200);
    const after = await summary();
    expect(waiting.pending).toBe(before.pending + 1);
    expect(after.pending).toBe(before.pending);
    expect(after.revoked).toBe(before.revoked + 1);
    const mine = after.byAgency.find((a: { agencyId: string }) => a.agencyId === 'ubnd-phuong-ba-dinh');
    expect(mine.revoked).toBeGreaterThanOrEqual(1);
    expect(mine.pending).toBeGreaterThanOrEqual(0);
  });

  it('exports the report as CSV with a BOM and Vietnamese intact', async () => {
    const res = await api('GET', `/api/reports/summary?from=${today()}&to=${today()}`, { token: await login('admin'), headers: { accept: 'text/csv' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    expect([...res.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.text).toContain('Ủy ban nhân dân phường Ba Đình');
    expect(res.text).toContain('Tỷ lệ đúng hạn');
    expect(res.text).toContain('Đang giải quyết,Bản sao bị hủy bỏ');
  });

  it('forbids the report to a citizen and another agency’s figures to an official', async () => {
    expect((await api('GET', '/api/reports/summary', { token: await login('citizen') })).status).toBe(403);
    expect((await api('GET', '/api/reports/summary?agencyId=ubnd-xa-tan-hung', { token: await login('official') })).status).toBe(403);
  });
});

describe('Operations: due times, extension, history, notifications', () => {
  it('extends the due time by working days, gives an appointment slip, and tells the citizen', async () => {
    const { id, request, token } = await submittedRequest();
    const official = await login('official');
    const res = await api('POST', `/api/requests/${id}/extend`, { token: official, json: { workingDays: 2, reason: 'Hồ sơ nhiều trang cần đối chiếu' } });
    expect(res.status).toBe(200);
    expect(Date.parse(res.body.dueAt)).toBeGreaterThan(Date.parse(request.dueAt));
    const slip = await api('GET', `/api/requests/${id}/appointment-slip`, { token });
    expect(slip.status).toBe(200);
    expect(slip.headers.get('content-type')).toBe('application/pdf');
    const text = pdfText(tempFile(slip.bytes)).normalize('NFC');
    expect(text).toContain('PHIẾU HẸN TRẢ KẾT QUẢ');
    // More than two working days in total is refused.
    expect((await api('POST', `/api/requests/${id}/extend`, { token: official, json: { workingDays: 1, reason: 'Thêm một ngày nữa' } })).status).toBe(409);
    const mailbox = await api('GET', '/api/notifications', { token });
    expect(mailbox.body.items.some((n: { requestId: string; kind: string }) => n.requestId === id && n.kind === 'extended')).toBe(true);
  });

  it('keeps every step in the history with actor and time, and tells the citizen of the issuance', async () => {
    const { id, token } = await draftWithOriginals([{ bytes: await samplePdf(1), fileName: 'a.pdf', contentType: 'application/pdf' }]);
    await api('POST', `/api/requests/${id}/submit`, { token });
    await recordOriginalCheck(id);
    await certify(id);
    const res = await api('GET', `/api/requests/${id}`, { token });
    const history = res.body.history as { at: string; actor: { role: string; name: string }; action: string; from?: string; to?: string }[];
    expect(history.map((h) => [h.action, h.from, h.to, h.actor.role])).toEqual([
      ['create', undefined, 'draft', 'citizen'],
      ['submit', 'draft', 'submitted', 'citizen'],
      ['original-check', undefined, undefined, 'official'],
      ['issue', 'submitted', 'issued', 'official'],
    ]);
    for (const h of history) expect(Date.parse(h.at)).not.toBeNaN();

    // Sharing, verification and revocation of the copy join the same history.
    const documentId = res.body.documentId as string;
    await api('POST', `/api/documents/${documentId}/shares`, { token, json: { expiresInHours: 2 } });
    await api('GET', `/api/verify/${res.body.verifyCode}`, { token: await login('verifier') });
    await api('POST', `/api/documents/${documentId}/revoke`, { token: await login('official'), json: { reason: 'Quyết định hủy số 12/QĐ' } });
    const later = (await api('GET', `/api/requests/${id}`, { token })).body.history as { action: string; actor: { role: string }; reason?: string }[];
    expect(later.map((h) => h.action)).toEqual(['create', 'submit', 'original-check', 'issue', 'share', 'verify', 'revoke-document']);
    expect(later[5].actor.role).toBe('verifier');
    expect(later[6].reason).toBe('Quyết định hủy số 12/QĐ');
    const mailbox = await api('GET', '/api/notifications', { token });
    expect(mailbox.body.items.some((n: { requestId: string; kind: string }) => n.requestId === id && n.kind === 'issued')).toBe(true);
  });

  it('delivers the outbox through the table stream to the notifier (the local mailbox file)', async () => {
    const { id, token } = await submittedRequest();
    await certify(id);
    const delivered = async () => {
      const items = (await api('GET', '/api/notifications', { token })).body.items as { requestId: string; delivery: string }[];
      return items.find((n) => n.requestId === id)?.delivery === 'delivered';
    };
    const deadline = Date.now() + 15_000;
    while (!(await delivered()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(await delivered()).toBe(true);
    expect(readFileSync(join(inject('dataDir'), 'mailbox.log'), 'utf8')).toContain(id);
  });

  it('sets dueAt by the 15:00 rule in Vietnam time', async () => {
    const { request } = await submittedRequest();
    const submitted = new Date(request.submittedAt);
    const due = new Date(request.dueAt);
    const vn = (d: Date) => new Date(d.getTime() + 7 * 3600_000);
    const sub = vn(submitted);
    const dueVn = vn(due);
    expect(dueVn.getUTCHours()).toBe(17);
    const sameDay = sub.toISOString().slice(0, 10) === dueVn.toISOString().slice(0, 10);
    const workday = sub.getUTCDay() >= 1 && sub.getUTCDay() <= 5;
    if (sameDay) expect(workday && sub.getUTCHours() < 15).toBe(true);
    else expect(due.getTime()).toBeGreaterThan(submitted.getTime());
  });
});
