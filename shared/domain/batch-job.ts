import * as z from 'zod';

/**
 * An asynchronous verification batch (issue 21): more than the 100 items a synchronous batch
 * answers, up to MAX_ASYNC_BATCH_ITEMS. Its life:
 *
 *   queued ──(worker starts)──► running ──(every item has a result)──► done
 *                                 │  ▲
 *                                 │  └─(the worker died: the same stream record again; resumes)
 *                                 └──(attempts used up)──► failed
 *
 * Pure: the clock is passed in.
 */
export const MAX_ASYNC_BATCH_ITEMS = 1_000;
/** A job and its results are kept a week (DynamoDB TTL); the answers say until when. */
export const BATCH_JOB_TTL_DAYS = 7;
/** Runs of one job before it is `failed`: the first, and the retries of a worker that died. */
export const MAX_JOB_ATTEMPTS = 3;
/** Results per page of GET /api/verify/batch/{jobId}. */
export const BATCH_RESULTS_PAGE = 100;

export const BatchJobStatusSchema = z.enum(['queued', 'running', 'done', 'failed']);
export type BatchJobStatus = z.infer<typeof BatchJobStatusSchema>;

/** Who submitted the job, as the verification log needs them (the worker checks in their name). */
export const BatchJobCallerSchema = z.object({
  sub: z.string(),
  role: z.enum(['verifier', 'official', 'client']),
  agencyId: z.string().optional(),
  name: z.string().optional(),
  scopes: z.array(z.enum(['verify', 'subscribe'])).optional(),
});
export type BatchJobCaller = z.infer<typeof BatchJobCallerSchema>;

export const BatchJobSchema = z.object({
  jobId: z.string(),
  /** Who may read it: `AGY#{agencyId}` (every client and verifier of the agency), else `SUB#{sub}`. */
  owner: z.string(),
  caller: BatchJobCallerSchema,
  status: BatchJobStatusSchema,
  total: z.number().int(),
  /** Items with a result (a report, or the item's own problem). */
  completed: z.number().int(),
  /** Of those, the ones answered with a problem. */
  itemErrors: z.number().int(),
  attempts: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  expiresAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  failure: z.string().optional(),
});
export type BatchJob = z.infer<typeof BatchJobSchema>;

/** The owner key of a caller: the agency when they act for one, else the person alone. */
export const ownerOf = (caller: { sub: string; agencyId?: string }): string => (caller.agencyId ? `AGY#${caller.agencyId}` : `SUB#${caller.sub}`);

/** Whether the caller may read the job: its agency's clients and people only (others get a 404, as for no job). */
export const canRead = (job: Pick<BatchJob, 'owner'>, caller: { sub: string; agencyId?: string }): boolean => job.owner === ownerOf(caller);

/** A new job, queued. */
export function newBatchJob(jobId: string, caller: BatchJobCaller, total: number, now: Date): BatchJob {
  const at = now.toISOString();
  return {
    jobId, owner: ownerOf(caller), caller, status: 'queued', total, completed: 0, itemErrors: 0, attempts: 0,
    createdAt: at, updatedAt: at, expiresAt: new Date(now.getTime() + BATCH_JOB_TTL_DAYS * 24 * 3600_000).toISOString(),
  };
}

/** What a worker run does with a job it is handed: run it (attempt counted), or leave it as it now is. */
export type StartDecision = { run: true; job: BatchJob } | { run: false; job: BatchJob };

/**
 * The start of a worker run. A finished job is left alone (a stream record delivered again); a
 * job whose attempts are used up fails; otherwise it runs — a `running` job is one whose worker
 * died, and is resumed from its first item without a result.
 */
export function startRun(job: BatchJob, now: Date): StartDecision {
  if (job.status === 'done' || job.status === 'failed') return { run: false, job };
  const at = now.toISOString();
  if (job.attempts >= MAX_JOB_ATTEMPTS) {
    return { run: false, job: { ...job, status: 'failed', updatedAt: at, finishedAt: at, failure: `Không hoàn thành sau ${MAX_JOB_ATTEMPTS} lần chạy; các mục đã có kết quả vẫn được giữ.` } };
  }
  return { run: true, job: { ...job, status: 'running', attempts: job.attempts + 1, updatedAt: at, startedAt: job.startedAt ?? at } };
}

/** The end of a run that left no item without a result. */
export function finishRun(job: BatchJob, now: Date): BatchJob {
  if (job.status !== 'running') throw new Error(`A ${job.status} batch job cannot finish`);
  const at = now.toISOString();
  return { ...job, status: 'done', updatedAt: at, finishedAt: at };
}

/** TTL deletion is lazy: an expired job is gone to its readers even while the item remains. */
export const isExpired = (job: Pick<BatchJob, 'expiresAt'>, now: Date): boolean => now.getTime() >= Date.parse(job.expiresAt);
