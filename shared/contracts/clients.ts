import * as z from 'zod';
import { ClientScopeSchema } from '../domain/roles';
import { BATCH_RESULTS_PAGE, BatchJobStatusSchema, MAX_ASYNC_BATCH_ITEMS } from '../domain/batch-job';
import { contract } from './contract';
import { DateTime, PathId, listOf, plainTextField } from './common';
import { CodeVerificationSchema, VerificationReportSchema, VerifyUploadRefSchema } from './verification';

/** POST /api/clients: a receiving agency's system, registered by an administrator. */
export const ClientCreateSchema = z
  .object({
    agencyId: z.string().min(1, 'Thiếu mã cơ quan (agencyId).').max(64),
    name: plainTextField().pipe(z.string().min(1, 'Thiếu tên hệ thống (name).').max(100, 'Tên hệ thống tối đa 100 ký tự.')),
    scopes: z.array(ClientScopeSchema).min(1, 'Cần ít nhất một phạm vi (scope): verify hoặc subscribe.').max(2),
  })
  .strict()
  .meta({ id: 'ClientCreate', examples: [{ agencyId: 'vietcombank-hn', name: 'Hệ thống mở tài khoản trực tuyến', scopes: ['verify'] }] });

/** Answered once: the secret is kept only by the identity provider (Cognito, or hashed locally). */
export const ClientCredentialsSchema = z
  .object({
    clientId: z.string(),
    clientSecret: z.string().meta({ description: 'Shown only in this answer; the service keeps no copy. Use it with HTTP Basic at POST /oauth2/token.' }),
    tokenUrl: z.string().meta({ format: 'uri', description: 'The OAuth 2.0 token endpoint (client-credentials grant).' }),
    scopes: z.array(z.string()).meta({ description: 'The scopes to ask for at the token endpoint, as the resource server names them (`bansao/verify`).' }),
  })
  .meta({ id: 'ClientCredentials' });

export const ClientSchema = z
  .object({
    clientId: z.string(),
    agencyId: z.string(),
    agencyName: z.string(),
    name: z.string(),
    scopes: z.array(ClientScopeSchema),
    status: z.enum(['active', 'disabled']),
    createdAt: DateTime,
    disabledAt: DateTime.optional(),
  })
  .meta({ id: 'Client' });

const ClientsQuery = z.object({ agencyId: z.string().min(1, 'Thiếu mã cơ quan (agencyId).').max(64) });

/** At most this many items are checked in one synchronous batch; more (up to MAX_ASYNC_BATCH_ITEMS) make an asynchronous job. */
export const MAX_BATCH_ITEMS = 100;
export { MAX_ASYNC_BATCH_ITEMS };

export const BatchItemSchema = z.union([
  z.object({ code: z.string().min(1).max(100) }).strict(),
  VerifyUploadRefSchema,
]);

export const VerifyBatchRequestSchema = z
  .object({
    items: z
      .array(BatchItemSchema)
      .min(1, 'Cần ít nhất một mục để kiểm tra.')
      .max(MAX_ASYNC_BATCH_ITEMS, `Mỗi lô kiểm tra tối đa ${MAX_ASYNC_BATCH_ITEMS} mục; hãy chia thành nhiều lô.`)
      .meta({ description: `Up to ${MAX_BATCH_ITEMS} items are answered at once (200); ${MAX_BATCH_ITEMS + 1} to ${MAX_ASYNC_BATCH_ITEMS} make an asynchronous job (202).` }),
  })
  .strict()
  .meta({ id: 'VerifyBatchRequest', examples: [{ items: [{ code: '7K2M-Q9XD-3T8V-WN4B-H6RC-1PZE' }, { uploadId: '1767225600000-4f1c2b9a0d3e' }] }] });

export const BatchItemErrorSchema = z
  .object({ error: z.object({ status: z.number().int(), title: z.string(), detail: z.string() }) })
  .meta({ id: 'BatchItemError', description: 'One item that could not be checked (unknown code, upload not found or expired, not a PDF): the rest of the batch is still answered.' });

/** One item's answer: what its single route answers, or its own problem. */
export const BatchItemResultSchema = z.union([VerificationReportSchema, CodeVerificationSchema, BatchItemErrorSchema]);
export type BatchItemResult = z.infer<typeof BatchItemResultSchema>;

export const VerifyBatchResultSchema = z
  .object({
    results: z.array(BatchItemResultSchema).meta({ description: 'One per item, in the order of `items`.' }),
  })
  .meta({
    id: 'VerifyBatchResult',
    examples: [
      {
        results: [
          { error: { status: 404, title: 'Không tìm thấy', detail: 'Không có bản sao nào mang mã kiểm tra này.' } },
          { error: { status: 404, title: 'Không tìm thấy', detail: 'Không tìm thấy tệp đã tải lên để kiểm tra (có thể đã hết hạn sau 1 ngày).' } },
        ],
      },
    ],
  });
export type VerifyBatchResult = z.infer<typeof VerifyBatchResultSchema>;

const JOB_EXAMPLE_ID = '3f6c1e2a-8b4d-4f7e-9a21-5c0d7e6b9f10';

/** 202 to a batch of more than 100 items: the job, where to read it (also the `Location` header), and until when it is kept. */
export const BatchJobAcceptedSchema = z
  .object({
    jobId: z.string(),
    status: z.literal('queued'),
    total: z.number().int(),
    resultUrl: z.string().meta({ format: 'uri', description: 'GET it with the same credentials (any client or verifier of the same agency).' }),
    expiresAt: DateTime.meta({ description: 'The job and its results are deleted after this (7 days).' }),
  })
  .meta({
    id: 'BatchJobAccepted',
    examples: [{ jobId: JOB_EXAMPLE_ID, status: 'queued', total: 150, resultUrl: `https://bansao.gov.vn/api/verify/batch/${JOB_EXAMPLE_ID}`, expiresAt: '2026-12-13T01:00:00.000Z' }],
  });

export const BatchJobSchema = z
  .object({
    jobId: z.string(),
    status: BatchJobStatusSchema.meta({ description: '`queued` → `running` → `done`; `failed` when the worker could not finish (the items already done keep their results).' }),
    total: z.number().int(),
    completed: z.number().int().meta({ description: 'Items with a result so far.' }),
    itemErrors: z.number().int().meta({ description: 'Of those, the items answered with their own problem.' }),
    createdAt: DateTime,
    updatedAt: DateTime,
    expiresAt: DateTime.meta({ description: 'The job and its results are deleted after this (7 days after submission).' }),
    startedAt: DateTime.optional(),
    finishedAt: DateTime.optional(),
    failure: z.string().optional(),
    results: z.array(BatchItemResultSchema).optional().meta({ description: `When done (or failed): one page of at most ${BATCH_RESULTS_PAGE} results, in the order of the items, from \`offset\`.` }),
    offset: z.number().int().optional().meta({ description: 'Index (from 0) of the first item of `results`.' }),
    nextOffset: z.number().int().optional().meta({ description: 'Where the next page starts (`?offset=`); absent on the last page.' }),
  })
  .meta({
    id: 'BatchJob',
    examples: [
      { jobId: JOB_EXAMPLE_ID, status: 'running', total: 150, completed: 42, itemErrors: 1, createdAt: '2026-12-06T01:00:00.000Z', updatedAt: '2026-12-06T01:00:03.000Z', expiresAt: '2026-12-13T01:00:00.000Z', startedAt: '2026-12-06T01:00:01.000Z' },
      {
        jobId: JOB_EXAMPLE_ID, status: 'done', total: 150, completed: 150, itemErrors: 1, createdAt: '2026-12-06T01:00:00.000Z', updatedAt: '2026-12-06T01:00:09.000Z',
        expiresAt: '2026-12-13T01:00:00.000Z', startedAt: '2026-12-06T01:00:01.000Z', finishedAt: '2026-12-06T01:00:09.000Z', offset: 100,
        results: [{ error: { status: 404, title: 'Không tìm thấy', detail: 'Không có bản sao nào mang mã kiểm tra này.' } }],
      },
    ],
  });
export type BatchJobView = z.infer<typeof BatchJobSchema>;

const BatchJobQuery = z.object({ offset: z.coerce.number({ error: 'offset phải là số nguyên không âm.' }).int('offset phải là số nguyên không âm.').min(0, 'offset phải là số nguyên không âm.').max(MAX_ASYNC_BATCH_ITEMS).default(0) });

export const clientContracts = {
  create: contract({ body: { json: ClientCreateSchema }, responses: { 201: { json: ClientCredentialsSchema } }, errors: [400, 401, 403, 404, 422] }),
  list: contract({ query: ClientsQuery, responses: { 200: { json: listOf(ClientSchema) } }, errors: [400, 401, 403, 404, 422] }),
  disable: contract({ params: z.object({ clientId: PathId }), responses: { 200: { json: ClientSchema } }, errors: [401, 403, 404] }),
  verifyBatch: contract({ body: { json: VerifyBatchRequestSchema }, responses: { 200: { json: VerifyBatchResultSchema }, 202: { json: BatchJobAcceptedSchema } }, errors: [400, 401, 403, 413, 422, 429] }),
  batchJob: contract({ params: z.object({ jobId: PathId }), query: BatchJobQuery, responses: { 200: { json: BatchJobSchema } }, errors: [401, 403, 404, 422, 429] }),
};
