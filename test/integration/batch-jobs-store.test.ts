import { beforeAll, describe, expect, it } from 'vitest';
import { newBatchJob } from '../../shared/domain/batch-job';
import type { Services } from '../../shared/runtime/services';
import { realServices, useTestStack } from './hostile/support';

let services: Services;
beforeAll(() => {
  useTestStack();
  services = realServices();
});

/** A job the stream worker leaves alone: its caller is a verifier, and it is already running when stored. */
async function storedJob(items: number) {
  const job = { ...newBatchJob(`store-${Math.random().toString(36).slice(2)}`, { sub: 'store-test', role: 'verifier', agencyId: 'nh-vietcom-hoan-kiem' }, items, new Date()), status: 'running' as const, attempts: 1 };
  await services.batchJobs.create(job, Array.from({ length: items }, (_, i) => ({ code: `CODE-${i}` })));
  return job;
}

describe('The DynamoDB batch job store', () => {
  it('starts a run once per attempt: a second run holding the same attempt number is refused', async () => {
    // Prepare
    const job = await storedJob(2);
    const change = { status: 'running' as const, attempts: 2, updatedAt: new Date().toISOString() };
    // Act
    const first = await services.batchJobs.change(job.jobId, change, ['queued', 'running'], 1);
    const second = await services.batchJobs.change(job.jobId, change, ['queued', 'running'], 1);
    // Assess
    expect([first, second]).toEqual([true, false]);
    expect(await services.batchJobs.get(job.jobId)).toMatchObject({ attempts: 2, completed: 0, total: 2 });
  });

  it('records a result and its count together, once: a run that records the same item again changes nothing', async () => {
    // Prepare: 130 items, over several pages of the query.
    const job = await storedJob(130);
    // Act
    await services.batchJobs.complete(job.jobId, 0, { verdict: 'authentic' }, false, new Date().toISOString());
    await services.batchJobs.complete(job.jobId, 0, { error: { status: 404 } }, true, new Date().toISOString());
    await services.batchJobs.complete(job.jobId, 129, { error: { status: 404 } }, true, new Date().toISOString());
    // Assess
    expect(await services.batchJobs.get(job.jobId)).toMatchObject({ completed: 2, itemErrors: 1 });
    const pending = await services.batchJobs.pending(job.jobId);
    expect(pending.map((i) => i.index)).toEqual(Array.from({ length: 128 }, (_, i) => i + 1));
    expect(pending[0].input).toEqual({ code: 'CODE-1' });
    const page = await services.batchJobs.page(job.jobId, 100, 100);
    expect(page.map((i) => i.index)).toEqual(Array.from({ length: 30 }, (_, i) => i + 100));
    expect(page[29].result).toEqual({ error: { status: 404 } });
    expect((await services.batchJobs.page(job.jobId, 0, 1))[0].result).toEqual({ verdict: 'authentic' });
  });
});
