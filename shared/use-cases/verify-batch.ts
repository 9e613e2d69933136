import type * as z from 'zod';
import type { BatchItemSchema, VerifyBatchResult } from '../contracts/clients';
import { isDomainError } from '../domain/errors';
import type { Caller } from '../domain/roles';
import type { Services } from '../runtime/services';
import { verifyByCode, verifyUploaded } from './verify';

/**
 * Checks each item as its single route would (GET /api/verify/{code}, POST /api/verify
 * {uploadId}) — each logged as one verification under the caller's agency — in order and one at a
 * time (a file check is CPU-bound; parallel ones would only share the function's cores). An item
 * that fails with a domain error (unknown code, upload gone, not a PDF) becomes its own problem;
 * any other error fails the batch, as it would the single route.
 */
export async function verifyBatch(services: Services, principal: Caller, items: readonly z.output<typeof BatchItemSchema>[]): Promise<VerifyBatchResult> {
  const results: VerifyBatchResult['results'] = [];
  for (const item of items) {
    try {
      // verifyByCode's answer is held to CodeVerificationSchema by its own route's contract; this route's contract checks it again.
      results.push('code' in item ? ((await verifyByCode(services, principal, item.code)) as VerifyBatchResult['results'][number]) : await verifyUploaded(services, principal, item.uploadId));
    } catch (error) {
      if (!isDomainError(error)) throw error;
      results.push({ error: { status: error.status, title: error.title, detail: error.message } });
    }
  }
  return { results };
}
