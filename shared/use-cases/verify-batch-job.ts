import { MAX_BATCH_ITEMS, type BatchItemResult, type BatchJobView, type VerifyBatchResult } from '../contracts/clients';
import {
  BATCH_RESULTS_PAGE, canRead, finishRun, isExpired, newBatchJob, startRun,
  type BatchJob, type BatchJobCaller,
} from '../domain/batch-job';
import { ForbiddenError, NotFoundError } from '../domain/errors';
import type { Caller } from '../domain/roles';
import type { Services } from '../runtime/services';
import type { BatchJobChange } from '../store/batch-jobs';
import { chargeItems } from './item-quota';
import { verifyBatch, type BatchItem } from './verify-batch';

type JobServices = Pick<Services, 'batchJobs' | 'itemQuota' | 'now' | 'newId' | 'publicBaseUrl'>;

/** Who the worker checks in the name of: the submitter, as the verification log needs them. */
function snapshotOf(caller: Caller): BatchJobCaller {
  if (caller.role !== 'verifier' && caller.role !== 'official' && caller.role !== 'client') throw new ForbiddenError();
  return {
    sub: caller.sub,
    role: caller.role,
    ...(caller.agencyId ? { agencyId: caller.agencyId } : {}),
    ...(caller.name ? { name: caller.name } : {}),
    ...(caller.role === 'client' ? { scopes: [...caller.scopes] } : {}),
  };
}

function callerOf(snapshot: BatchJobCaller): Caller {
  if (snapshot.role === 'client') return { sub: snapshot.sub, role: 'client', agencyId: snapshot.agencyId ?? '', name: snapshot.name ?? '', scopes: snapshot.scopes ?? [] };
  return { sub: snapshot.sub, role: snapshot.role, agencyId: snapshot.agencyId, name: snapshot.name };
}

export const resultUrlOf = (services: Pick<Services, 'publicBaseUrl'>, jobId: string): string => `${services.publicBaseUrl}/api/verify/batch/${jobId}`;

/**
 * A batch of more than 100 items: every item is taken from the quota at once (a 429 and no job
 * when over), then the items and the job are stored; the job's record wakes the worker.
 */
export async function queueBatchJob(services: JobServices, caller: Caller, items: readonly BatchItem[]) {
  const snapshot = snapshotOf(caller);
  await chargeItems(services, caller, items.length);
  const job = newBatchJob(services.newId(), snapshot, items.length, services.now());
  await services.batchJobs.create(job, items as readonly Record<string, string>[]);
  return { jobId: job.jobId, status: 'queued' as const, total: job.total, resultUrl: resultUrlOf(services, job.jobId), expiresAt: job.expiresAt };
}

/** POST /api/verify/batch: answered at once up to 100 items (200), else queued as a job (202). */
export async function submitVerifyBatch(
  services: Services,
  caller: Caller,
  items: readonly BatchItem[],
): Promise<{ status: 200; body: VerifyBatchResult } | { status: 202; body: Awaited<ReturnType<typeof queueBatchJob>> }> {
  if (items.length <= MAX_BATCH_ITEMS) return { status: 200, body: await verifyBatch(services, caller, items) };
  return { status: 202, body: await queueBatchJob(services, caller, items) };
}

const NOT_CHECKED: BatchItemResult = { error: { status: 503, title: 'Dịch vụ tạm thời không khả dụng', detail: 'Mục này chưa được kiểm tra vì lô đã dừng; hãy gửi lại mục này.' } };

/**
 * The job as its owner reads it: status and counts, and once it has ended a page of results in
 * the order of the items. Another agency's job, an unknown one and an expired one are the same
 * 404 — nothing says that a job id exists.
 */
export async function batchJobStatus(services: Pick<Services, 'batchJobs' | 'now'>, caller: Caller, jobId: string, offset: number): Promise<BatchJobView> {
  const job = await services.batchJobs.get(jobId);
  if (!job || !canRead(job, caller) || isExpired(job, services.now())) throw new NotFoundError('Không có lô kiểm tra này (lô chỉ được giữ 7 ngày).');
  const { owner: _owner, caller: _caller, attempts: _attempts, ...view } = job;
  if (job.status !== 'done' && job.status !== 'failed') return view;
  const page = await services.batchJobs.page(jobId, offset, BATCH_RESULTS_PAGE);
  const next = offset + BATCH_RESULTS_PAGE;
  return { ...view, offset, results: page.map((i) => (i.result as BatchItemResult | undefined) ?? NOT_CHECKED), ...(next < job.total ? { nextOffset: next } : {}) };
}

/** The part of a job a run writes: its state, never the counts (those move with each result). */
const stateOf = (j: BatchJob): BatchJobChange => ({ status: j.status, attempts: j.attempts, updatedAt: j.updatedAt, startedAt: j.startedAt, finishedAt: j.finishedAt, failure: j.failure });

/** A result kept in one table item must stay far under DynamoDB's 400 KB. */
const MAX_RESULT_CHARS = 300_000;
const TOO_LARGE: BatchItemResult = { error: { status: 413, title: 'Dữ liệu quá lớn', detail: 'Báo cáo kiểm tra của mục này quá lớn để lưu trong lô; hãy kiểm tra riêng tệp này (POST /api/verify).' } };

export type CheckItem = (caller: Caller, item: BatchItem) => Promise<BatchItemResult>;

/**
 * One run of the worker on a job. It resumes from the first item without a result, so a run that
 * died (timeout, crash) loses only the item it was checking: that item is checked again, and may
 * then appear twice in the document's verification log (the log write and the result write are
 * not one transaction). A job whose client was disabled meanwhile, or whose runs are used up,
 * fails; the results already recorded stay readable.
 */
export async function runBatchJob(
  services: Pick<Services, 'batchJobs' | 'now'> & { machineClients: Pick<Services['machineClients'], 'get'> },
  jobId: string,
  check: CheckItem,
): Promise<BatchJob | undefined> {
  const job = await services.batchJobs.get(jobId);
  if (!job) return undefined;
  const decision = startRun(job, services.now());
  if (!decision.run) {
    if (decision.job !== job) await services.batchJobs.change(jobId, stateOf(decision.job), ['queued', 'running'], job.attempts);
    return decision.job;
  }
  const running = decision.job;
  if (!(await services.batchJobs.change(jobId, stateOf(running), ['queued', 'running'], job.attempts))) return undefined;
  if (running.caller.role === 'client' && (await services.machineClients.get(running.caller.sub))?.status !== 'active') {
    const at = services.now().toISOString();
    const failed = { ...running, status: 'failed' as const, updatedAt: at, finishedAt: at, failure: 'Hệ thống kết nối đã bị vô hiệu hóa; các mục còn lại không được kiểm tra.' };
    await services.batchJobs.change(jobId, stateOf(failed), ['running']);
    return failed;
  }
  const caller = callerOf(running.caller);
  for (const item of await services.batchJobs.pending(jobId)) {
    let result = await check(caller, item.input as BatchItem);
    if (JSON.stringify(result).length > MAX_RESULT_CHARS) result = TOO_LARGE;
    await services.batchJobs.complete(jobId, item.index, result, 'error' in result, services.now().toISOString());
  }
  const done = finishRun(running, services.now());
  await services.batchJobs.change(jobId, stateOf(done), ['running']);
  return done;
}
