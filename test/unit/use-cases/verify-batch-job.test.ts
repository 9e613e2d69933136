import { describe, expect, it } from 'vitest';
import { MAX_JOB_ATTEMPTS, finishRun, newBatchJob, startRun } from '../../../shared/domain/batch-job';
import type { MachineClient } from '../../../shared/domain/machine-client';
import type { Caller } from '../../../shared/domain/roles';
import type { Services } from '../../../shared/runtime/services';
import { batchJobStatus, queueBatchJob, runBatchJob, type CheckItem } from '../../../shared/use-cases/verify-batch-job';
import { InMemoryBatchJobStore, InMemoryItemQuotaStore } from '../support/in-memory-batch';

const BANK_CLIENT: Caller = { sub: 'client-bank', role: 'client', agencyId: 'bank-1', name: 'Ngân hàng X', scopes: ['verify'] };
const BANK_VERIFIER: Caller = { sub: 'verifier-bank', role: 'verifier', agencyId: 'bank-1', name: 'Lê Minh Châu' };
const OTHER_CLIENT: Caller = { sub: 'client-school', role: 'client', agencyId: 'school-1', name: 'Trường Y', scopes: ['verify'] };
const codes = (n: number) => Array.from({ length: n }, (_, i) => ({ code: `CODE-${i}` }));

function world() {
  let now = new Date('2026-12-06T01:00:00Z');
  let ids = 0;
  const clients = new Map<string, Pick<MachineClient, 'status'>>([[BANK_CLIENT.sub, { status: 'active' }]]);
  const batchJobs = new InMemoryBatchJobStore();
  const services = {
    batchJobs,
    itemQuota: new InMemoryItemQuotaStore(),
    now: () => new Date(now.getTime()),
    newId: () => `job-${++ids}`,
    publicBaseUrl: 'https://bansao.example',
    machineClients: { get: async (id: string) => clients.get(id) as MachineClient | undefined },
  } as unknown as Services;
  const checked: string[] = [];
  // Every tenth code is unknown: its own problem, as the single route's 404.
  const check: CheckItem = async (caller, item) => {
    checked.push(`${caller.agencyId}:${'code' in item ? item.code : item.uploadId}`);
    const n = Number(('code' in item ? item.code : '').split('-')[1]);
    return n % 10 === 9 ? { error: { status: 404, title: 'Không tìm thấy', detail: 'Không có bản sao nào mang mã kiểm tra này.' } } : ({ verdict: 'authentic', n } as never);
  };
  return { services, batchJobs, clients, checked, check, setNow: (iso: string) => (now = new Date(iso)) };
}

describe('Batch job state machine', () => {
  const job = newBatchJob('j', { sub: 's', role: 'client', agencyId: 'bank-1' }, 150, new Date('2026-12-06T01:00:00Z'));

  it('queued → running (attempt 1) → done, kept 7 days', () => {
    expect(job).toMatchObject({ status: 'queued', attempts: 0, owner: 'AGY#bank-1', expiresAt: '2026-12-13T01:00:00.000Z' });
    const started = startRun(job, new Date('2026-12-06T01:00:01Z'));
    expect(started).toMatchObject({ run: true, job: { status: 'running', attempts: 1, startedAt: '2026-12-06T01:00:01.000Z' } });
    expect(finishRun(started.job, new Date('2026-12-06T01:00:09Z'))).toMatchObject({ status: 'done', finishedAt: '2026-12-06T01:00:09.000Z' });
  });

  it('resumes a running job (its worker died) until the attempts are used up, then fails; leaves an ended job alone', () => {
    const died = { ...job, status: 'running' as const, attempts: MAX_JOB_ATTEMPTS - 1, startedAt: '2026-12-06T01:00:01.000Z' };
    expect(startRun(died, new Date())).toMatchObject({ run: true, job: { attempts: MAX_JOB_ATTEMPTS, startedAt: '2026-12-06T01:00:01.000Z' } });
    expect(startRun({ ...died, attempts: MAX_JOB_ATTEMPTS }, new Date())).toMatchObject({ run: false, job: { status: 'failed', failure: expect.stringContaining('3 lần') } });
    const done = { ...job, status: 'done' as const };
    expect(startRun(done, new Date())).toEqual({ run: false, job: done });
    expect(() => finishRun(job, new Date())).toThrow();
  });
});

describe('Asynchronous verification batch', () => {
  it('queues 150 items, runs them in order in the submitter’s name, and answers them in pages of 100 to the same agency', async () => {
    // Prepare
    const w = world();
    // Act
    const accepted = await queueBatchJob(w.services, BANK_CLIENT, codes(150));
    const queued = await batchJobStatus(w.services, BANK_CLIENT, accepted.jobId, 0);
    await runBatchJob(w.services, accepted.jobId, w.check);
    const first = await batchJobStatus(w.services, BANK_VERIFIER, accepted.jobId, 0);
    const second = await batchJobStatus(w.services, BANK_CLIENT, accepted.jobId, first.nextOffset!);
    // Assess
    expect(accepted).toEqual({ jobId: 'job-1', status: 'queued', total: 150, resultUrl: 'https://bansao.example/api/verify/batch/job-1', expiresAt: '2026-12-13T01:00:00.000Z' });
    expect(queued).toMatchObject({ status: 'queued', completed: 0 });
    expect(queued.results).toBeUndefined();
    expect(w.checked).toEqual(codes(150).map((c) => `bank-1:${c.code}`));
    expect(first).toMatchObject({ status: 'done', total: 150, completed: 150, itemErrors: 15, offset: 0, nextOffset: 100 });
    expect(first.results).toHaveLength(100);
    expect(second).toMatchObject({ offset: 100 });
    expect(second.nextOffset).toBeUndefined();
    const all = [...first.results!, ...second.results!] as { n?: number; error?: { status: number } }[];
    expect(all.map((r, i) => (i % 10 === 9 ? r.error?.status : r.n))).toEqual(codes(150).map((_, i) => (i % 10 === 9 ? 404 : i)));
  });

  it("is a 404 to another agency's client, and to everyone once expired", async () => {
    // Prepare
    const w = world();
    const { jobId } = await queueBatchJob(w.services, BANK_CLIENT, codes(101));
    // Act / Assess
    await expect(batchJobStatus(w.services, OTHER_CLIENT, jobId, 0)).rejects.toMatchObject({ status: 404 });
    await expect(batchJobStatus(w.services, { sub: 'v', role: 'verifier' }, jobId, 0)).rejects.toMatchObject({ status: 404 });
    await expect(batchJobStatus(w.services, BANK_CLIENT, 'job-404', 0)).rejects.toMatchObject({ status: 404 });
    w.setNow('2026-12-13T01:00:00Z');
    await expect(batchJobStatus(w.services, BANK_CLIENT, jobId, 0)).rejects.toMatchObject({ status: 404 });
  });

  it('resumes a run that died mid-job: items already done are not checked (nor logged) again', async () => {
    // Prepare: the first run dies before recording item 60.
    const w = world();
    const { jobId } = await queueBatchJob(w.services, BANK_CLIENT, codes(120));
    w.batchJobs.beforeComplete = (index) => {
      if (index === 60) throw new Error('Lambda timed out');
    };
    await expect(runBatchJob(w.services, jobId, w.check)).rejects.toThrow('Lambda timed out');
    expect(await w.services.batchJobs.get(jobId)).toMatchObject({ status: 'running', completed: 60, attempts: 1 });
    // Act: the stream hands the same record again.
    w.batchJobs.beforeComplete = () => {};
    const done = await runBatchJob(w.services, jobId, w.check);
    // Assess: only item 60 (whose check had run) is checked twice.
    expect(done).toMatchObject({ status: 'done', attempts: 2 });
    expect(await w.services.batchJobs.get(jobId)).toMatchObject({ completed: 120, itemErrors: 12 });
    expect(w.checked.filter((c) => c === 'bank-1:CODE-60')).toHaveLength(2);
    expect(w.checked.filter((c) => c === 'bank-1:CODE-59')).toHaveLength(1);
    expect(w.checked).toHaveLength(121);
    // A record delivered once more changes nothing.
    await runBatchJob(w.services, jobId, w.check);
    expect(w.checked).toHaveLength(121);
  });

  it('fails a job whose runs are used up, keeping the results it has; and a job whose client was disabled', async () => {
    // Prepare
    const w = world();
    const { jobId } = await queueBatchJob(w.services, BANK_CLIENT, codes(101));
    w.batchJobs.beforeComplete = (index) => {
      if (index === 1) throw new Error('dies');
    };
    for (let i = 0; i < MAX_JOB_ATTEMPTS; i++) await expect(runBatchJob(w.services, jobId, w.check)).rejects.toThrow('dies');
    // Act
    const failed = await runBatchJob(w.services, jobId, w.check);
    const view = await batchJobStatus(w.services, BANK_CLIENT, jobId, 0);
    // Assess
    expect(failed).toMatchObject({ status: 'failed' });
    expect(view).toMatchObject({ status: 'failed', completed: 1 });
    expect(view.results?.[1]).toMatchObject({ error: { status: 503 } });
    expect(view.results?.[0]).toMatchObject({ verdict: 'authentic' });

    const other = await queueBatchJob(w.services, BANK_CLIENT, codes(101));
    w.clients.set(BANK_CLIENT.sub, { status: 'disabled' });
    expect(await runBatchJob(w.services, other.jobId, w.check)).toMatchObject({ status: 'failed', failure: expect.stringContaining('vô hiệu hóa') });
  });

  it('queues nothing over quota: 429 with Retry-After', async () => {
    // Prepare: a day's 20,000 nearly spent.
    const w = world();
    const quota = (w.services as unknown as { itemQuota: InMemoryItemQuotaStore }).itemQuota;
    quota.used.set('client#client-bank|day#2026-12-06', 19_900);
    // Act
    const refused = await queueBatchJob(w.services, BANK_CLIENT, codes(101)).catch((e: unknown) => e);
    // Assess
    expect(refused).toMatchObject({ status: 429, retryAfterSeconds: 16 * 3600 });
    expect(w.batchJobs.jobs.size).toBe(0);
  });
});
