import * as z from 'zod';
import { ClientScopeSchema } from '../domain/roles';
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

/** At most this many items are checked in one synchronous batch. */
export const MAX_BATCH_ITEMS = 100;

export const BatchItemSchema = z.union([
  z.object({ code: z.string().min(1).max(100) }).strict(),
  VerifyUploadRefSchema,
]);

export const VerifyBatchRequestSchema = z
  .object({
    items: z
      .array(BatchItemSchema)
      .min(1, 'Cần ít nhất một mục để kiểm tra.')
      .max(MAX_BATCH_ITEMS, `Mỗi lô kiểm tra tối đa ${MAX_BATCH_ITEMS} mục; hãy chia thành nhiều lô.`),
  })
  .strict()
  .meta({ id: 'VerifyBatchRequest', examples: [{ items: [{ code: '7K2M-Q9XD-3T8V-WN4B-H6RC-1PZE' }, { uploadId: '1767225600000-4f1c2b9a0d3e' }] }] });

export const BatchItemErrorSchema = z
  .object({ error: z.object({ status: z.number().int(), title: z.string(), detail: z.string() }) })
  .meta({ id: 'BatchItemError', description: 'One item that could not be checked (unknown code, upload not found or expired, not a PDF): the rest of the batch is still answered.' });

export const VerifyBatchResultSchema = z
  .object({
    results: z.array(z.union([VerificationReportSchema, CodeVerificationSchema, BatchItemErrorSchema])).meta({ description: 'One per item, in the order of `items`.' }),
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

export const clientContracts = {
  create: contract({ body: { json: ClientCreateSchema }, responses: { 201: { json: ClientCredentialsSchema } }, errors: [400, 401, 403, 404, 422] }),
  list: contract({ query: ClientsQuery, responses: { 200: { json: listOf(ClientSchema) } }, errors: [400, 401, 403, 404, 422] }),
  disable: contract({ params: z.object({ clientId: PathId }), responses: { 200: { json: ClientSchema } }, errors: [401, 403, 404] }),
  verifyBatch: contract({ body: { json: VerifyBatchRequestSchema }, responses: { 200: { json: VerifyBatchResultSchema } }, errors: [400, 401, 403, 413, 422, 429] }),
};
