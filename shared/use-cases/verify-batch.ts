import type * as z from 'zod';
import type { BatchItemResult, BatchItemSchema, VerifyBatchResult } from '../contracts/clients';
import { isDomainError } from '../domain/errors';
import type { Caller } from '../domain/roles';
import type { Services } from '../runtime/services';
import { chargeItems } from './item-quota';
import { verifyByCode, verifyUploaded } from './verify';

/** One entry of a batch: a verify code or the id of an uploaded file. */
export type BatchItem = z.output<typeof BatchItemSchema>;

/**
 * Checks one item as its single route would (GET /api/verify/{code}, POST /api/verify {uploadId}),
 * logged as one verification under the caller's agency. An item that fails with a domain error
 * (unknown code, upload gone, not a PDF) becomes its own problem; any other error is thrown, as
 * the single route would fail.
 */
export async function checkBatchItem(services: Services, caller: Caller, item: BatchItem): Promise<BatchItemResult> {
  try {
    // verifyByCode's answer is held to CodeVerificationSchema by its own route's contract; this route's contract checks it again.
    // The batch took its items from the quota before the first one (or when it was queued).
    const quota = { quotaCharged: true };
    return 'code' in item ? ((await verifyByCode(services, caller, item.code, quota)) as BatchItemResult) : await verifyUploaded(services, caller, item.uploadId, quota);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { error: { status: error.status, title: error.title, detail: error.message } };
  }
}

/**
 * A synchronous batch: the items are taken from the caller's per-item quota first (a 429 with
 * nothing checked when over), then checked in order and one at a time (a file check is CPU-bound;
 * parallel ones would only share the function's cores).
 */
export async function verifyBatch(services: Services, caller: Caller, items: readonly BatchItem[]): Promise<VerifyBatchResult> {
  await chargeItems(services, caller, items.length);
  const results: BatchItemResult[] = [];
  for (const item of items) results.push(await checkBatchItem(services, caller, item));
  return { results };
}
