import type { BatchJob, BatchJobStatus } from '../../../shared/domain/batch-job';
import type { QuotaWindow } from '../../../shared/domain/item-quota';
import type { BatchJobChange, BatchJobStore, StoredBatchItem } from '../../../shared/store/batch-jobs';
import type { ItemQuotaStore } from '../../../shared/store/item-quota';

/** The per-item quota counters in a map, with the adapter's all-or-nothing charge over the windows. */
export class InMemoryItemQuotaStore implements ItemQuotaStore {
  readonly used = new Map<string, number>();
  async charge(subject: string, windows: readonly QuotaWindow[], items: number) {
    const key = (w: QuotaWindow) => `${subject}|${w.name}#${w.key}`;
    const short = windows.find((w) => (this.used.get(key(w)) ?? 0) + items > w.limit);
    if (short) return { ok: false as const, window: short };
    for (const w of windows) this.used.set(key(w), (this.used.get(key(w)) ?? 0) + items);
    return { ok: true as const };
  }
}

/** Batch jobs and their items in maps, held to the adapter's conditions (status, attempts, one result per item). */
export class InMemoryBatchJobStore implements BatchJobStore {
  readonly jobs = new Map<string, BatchJob>();
  readonly items = new Map<string, StoredBatchItem[]>();
  /** Called before each result is recorded: a test makes it throw to kill a run mid-job. */
  beforeComplete: (index: number) => void = () => {};

  async create(job: BatchJob, inputs: readonly Record<string, string>[]) {
    this.items.set(job.jobId, inputs.map((input, index) => ({ index, input })));
    this.jobs.set(job.jobId, structuredClone(job));
  }
  async get(jobId: string) {
    const job = this.jobs.get(jobId);
    return job && structuredClone(job);
  }
  async change(jobId: string, change: BatchJobChange, from: readonly BatchJobStatus[], attempts?: number) {
    const job = this.jobs.get(jobId);
    if (!job || !from.includes(job.status) || (attempts !== undefined && job.attempts !== attempts)) return false;
    const defined = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
    this.jobs.set(jobId, { ...job, ...defined });
    return true;
  }
  async pending(jobId: string) {
    return (this.items.get(jobId) ?? []).filter((i) => !('result' in i)).map((i) => ({ ...i }));
  }
  async complete(jobId: string, index: number, result: unknown, isError: boolean, at: string) {
    this.beforeComplete(index);
    const item = this.items.get(jobId)?.[index];
    const job = this.jobs.get(jobId);
    if (!item || !job || 'result' in item) return;
    item.result = structuredClone(result);
    this.jobs.set(jobId, { ...job, completed: job.completed + 1, itemErrors: job.itemErrors + (isError ? 1 : 0), updatedAt: at });
  }
  async page(jobId: string, offset: number, limit: number) {
    return (this.items.get(jobId) ?? []).slice(offset, offset + limit).map((i) => ({ ...i }));
  }
}
