import * as z from 'zod';
import { EntitlementGroundSchema, RegisterRefusalGroundSchema } from '../domain/entitlement';
import { RefusalReasonCodeSchema, MAX_REFUSAL_DETAIL_LENGTH } from '../domain/refusal-reasons';
import { ActorSchema, ChannelSchema, OriginalSchema, RequestKindSchema, RequestRecordSchema } from '../domain/request';
import { RequestStatusSchema } from '../domain/request-state';
import { CitizenIdSchema, RoleSchema } from '../domain/roles';
import { contract } from './contract';
import { CursorParam, DateTime, PathId, Url, limitParam, pageOf, uploadTicketShape } from './common';

/** Requests (hồ sơ): filing, originals, submission, and the official's decisions on them. */

export const RequestKind = RequestKindSchema.meta({ id: 'RequestKind' });
export type RequestKind = z.infer<typeof RequestKind>;
export const RequestStatus = RequestStatusSchema.meta({ id: 'RequestStatus' });
export type RequestStatus = z.infer<typeof RequestStatus>;
export const Role = RoleSchema.meta({ id: 'Role' });
export type Role = z.infer<typeof Role>;
export const CitizenId = CitizenIdSchema.meta({ id: 'CitizenId', description: 'CCCD number (12 digits).' });
export const EntitlementGround = EntitlementGroundSchema.meta({ id: 'EntitlementGround' });
export type EntitlementGround = z.infer<typeof EntitlementGround>;
export const RegisterRefusalGround = RegisterRefusalGroundSchema.meta({ id: 'RegisterRefusalGround' });
export type RegisterRefusalGround = z.infer<typeof RegisterRefusalGround>;
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải theo dạng YYYY-MM-DD.').meta({ examples: ['1990-03-15'] });
export const RefusalReasonCode = RefusalReasonCodeSchema.meta({ id: 'RefusalReasonCode', description: 'Grounds of Decree 23/2015 Art. 22, or `other`.' });
export const Actor = ActorSchema.extend({ role: Role }).meta({ id: 'Actor' });

/** A request as stored, storage keys stripped (`RequestRecordSchema` in shared/domain/request.ts). */
export const RequestSchema = RequestRecordSchema.extend({
  kind: RequestKind,
  citizenId: CitizenId,
  channel: ChannelSchema,
  status: RequestStatus,
  createdAt: DateTime,
  createdBy: Actor,
  updatedAt: DateTime,
  submittedAt: DateTime.optional(),
  dueAt: DateTime.optional().meta({ description: 'Set at submit (Decree 23 Art. 7 — 15:00 rule, Vietnam time).' }),
  fee: z.number().int().optional().meta({ description: 'Đồng, set at submit.' }),
  rejection: z.object({ reasonCode: z.string(), text: z.string().meta({ description: 'The written reason the citizen sees.' }), at: DateTime, by: Actor }).optional(),
  extension: z
    .object({ workingDays: z.number().int().meta({ description: 'Total over all extensions.' }), reason: z.string(), at: DateTime, by: Actor, previousDueAt: DateTime })
    .optional(),
}).meta({ id: 'Request', description: 'A request as stored, storage keys stripped.' });
export type RequestRecord = z.infer<typeof RequestSchema>;

/** An original as the API shows it: its storage key stays inside. */
export const OriginalView = OriginalSchema.omit({ s3Key: true, submittedKey: true })
  .extend({
    uploadedAt: DateTime.meta({ description: 'When it was declared.' }),
    pages: z.number().int().optional().meta({ description: 'Known once inspected at submit.' }),
    sha256: z.string().optional().meta({ description: 'Known once inspected at submit.' }),
  })
  .meta({ id: 'Original', description: 'An original (scan) of a request, metadata only.' });
export type Original = z.infer<typeof OriginalView>;

export const HistoryEntrySchema = z.object({
  at: DateTime,
  actor: z.object({ role: z.string().meta({ description: 'A role, `verifier` or `anonymous` for a verification.' }), name: z.string().optional() }),
  action: z.string().meta({ examples: ['create', 'submit', 'issue', 'reject', 'cancel', 'extend', 'share', 'revoke-document', 'verify'] }),
  from: z.string().optional(),
  to: z.string().optional(),
  reason: z.string().optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

export const RequestDetailSchema = RequestSchema.extend({
  originals: z.array(OriginalView),
  history: z.array(HistoryEntrySchema).meta({ description: 'Oldest first.' }),
}).meta({ id: 'RequestDetail' });
export type RequestDetail = z.infer<typeof RequestDetailSchema>;

export const ExtendedRequestSchema = RequestSchema.extend({
  appointmentSlipUrl: z.string().meta({ description: 'Relative: `/api/requests/{id}/appointment-slip`.' }),
});

export const CreateRequestSchema = z
  .object({
    kind: RequestKind,
    agencyId: z.string().trim().min(1).max(100).meta({ description: 'Trimmed.', examples: ['ubnd-phuong-ba-dinh'] }),
    title: z.string().trim().min(1).max(300).meta({ description: 'Trimmed.', examples: ['Bằng tốt nghiệp THPT'] }),
    copies: z.number().int().min(1).max(100).default(1),
    registerId: z.string().trim().min(1).max(100).optional().meta({ description: 'Required for `register-copy`; refused for `certify-copy`.' }),
    entryNo: z.string().trim().min(1).max(50).optional().meta({ description: 'Required for `register-copy`; refused for `certify-copy`. The number of the entry as the requester knows it.' }),
    ground: EntitlementGround.optional().meta({
      description: '`register-copy`: on what ground the requester asks (Decree 23/2015 Art. 16(2)); default `self` (their own record, matched on their verified ID number). Any other ground needs evidence uploaded before submit and an official\'s decision.',
    }),
    subjectName: z.string().trim().min(1).max(200).optional().meta({ description: '`register-copy`: the full name of the person the entry is about; required unless `ground` is `self`.', examples: ['Nguyễn Văn An'] }),
    subjectBirthDate: IsoDate.optional().meta({ description: '`register-copy`: their date of birth; required unless `ground` is `self`.' }),
    citizenId: CitizenId.optional().meta({ description: 'Required when an official files at the counter; a citizen may only give their own.' }),
  })
  .strict()
  .meta({ id: 'CreateRequestInput' });
export type CreateRequestInput = z.output<typeof CreateRequestSchema>;

/** An official's decision on a register-copy requester's right (Decree 23/2015 Art. 16(2), 17). */
export const EntitlementDecisionInputSchema = z
  .object({
    decision: z.enum(['accepted', 'refused']),
    note: z.string().trim().min(3).max(1000).meta({ description: 'Why: what was checked, or the reason of a refusal (printed in the written reply).', examples: ['Đã đối chiếu giấy khai sinh của con và CCCD của người yêu cầu.'] }),
    refusalGround: RegisterRefusalGround.optional().meta({ description: 'For a refusal: `not-entitled` (Art. 16(2), 17(1)) or `no-information` (Art. 17(2)); default `not-entitled`.' }),
  })
  .strict()
  .meta({ id: 'EntitlementDecisionInput' });
export type EntitlementDecisionInput = z.output<typeof EntitlementDecisionInputSchema>;

export const AddOriginalSchema = z
  .object({
    fileName: z.string().trim().min(1).max(255).meta({ description: 'Only the base name is kept.', examples: ['bang-tot-nghiep.pdf'] }),
    contentType: OriginalSchema.shape.contentType,
    size: z.number().int().min(1).meta({ description: "Bytes; must equal the uploaded file's size (checked at submit)." }),
  })
  .strict()
  .meta({ id: 'AddOriginalInput' });
export type AddOriginalInput = z.output<typeof AddOriginalSchema>;

export const OriginalUploadSchema = z
  .object({ originalId: z.string(), fileName: z.string().meta({ description: 'The cleaned name kept for display.' }), ...uploadTicketShape })
  .meta({ id: 'OriginalUpload' });
export type OriginalUpload = z.infer<typeof OriginalUploadSchema>;

export const OriginalLinkSchema = z.object({ url: Url, fileName: z.string(), contentType: OriginalSchema.shape.contentType, expiresAt: DateTime });

/** Body of a refusal: a legal ground (Decree 23 Art. 22) and, for `other` always, a written detail. */
export const RejectSchema = z
  .object({
    reasonCode: RefusalReasonCode,
    detail: z.string().trim().max(MAX_REFUSAL_DETAIL_LENGTH).optional().meta({ description: 'Required (non-blank) when `reasonCode` is `other`.', examples: ['Bản chính bị mờ ở trang 2.'] }),
  })
  .strict()
  .refine((r) => r.reasonCode !== 'other' || (r.detail !== undefined && r.detail !== ''), { message: 'Lý do khác cần được ghi rõ.', path: ['detail'] })
  .meta({ id: 'RejectInput' });
export type RejectInput = z.output<typeof RejectSchema>;

export const ExtendSchema = z
  .object({
    workingDays: z.union([z.literal(1), z.literal(2)]).meta({ description: 'At most 2 in total over all extensions.' }),
    reason: z.string().trim().min(5).max(500).meta({ examples: ['Hồ sơ có nhiều trang cần đối chiếu.'] }),
  })
  .strict()
  .meta({ id: 'ExtendInput' });
export type ExtendInput = z.output<typeof ExtendSchema>;

export const IssuedDocumentSchema = z
  .object({
    documentId: z.string(),
    certificationNo: z.string().meta({ description: 'Begins with the sequence number, e.g. `123/01-2026-SCT/BS`.' }),
    verifyCode: z.string().meta({ examples: ['7K2M-Q9XD-3T8V-WN4B-H6RC-1PZE'] }),
    verifyUrl: Url.meta({ description: '`{PUBLIC_BASE_URL}/verify/{verifyCode}` (the QR code).' }),
  })
  .meta({ id: 'IssuedDocument' });
export type IssuedDocument = z.infer<typeof IssuedDocumentSchema>;

export const ListRequestsQuerySchema = z.object({
  status: RequestStatus.optional().meta({ description: 'Filter; for officials the queue shown, default `submitted`.' }),
  limit: limitParam(20),
  cursor: CursorParam,
});
export type ListRequestsQuery = z.output<typeof ListRequestsQuerySchema>;

export const RequestParams = z.object({ id: PathId.meta({ description: 'Request id (over 200 characters is a 404).' }) });
const OriginalParams = RequestParams.extend({ originalId: PathId });

/** The decisions on a request, and its reads: one contract per route of shared/contracts/routes.ts. */
export const requestContracts = {
  list: contract({ query: ListRequestsQuerySchema, responses: { 200: { json: pageOf(RequestSchema) } }, errors: [400, 401, 403, 422] }),
  create: contract({ body: { json: CreateRequestSchema }, responses: { 201: { json: RequestSchema } }, errors: [400, 401, 403, 409, 413, 415, 422, 429] }),
  get: contract({ params: RequestParams, responses: { 200: { json: RequestDetailSchema } }, errors: [401, 403, 404] }),
  addOriginal: contract({ params: RequestParams, body: { json: AddOriginalSchema }, responses: { 201: { json: OriginalUploadSchema } }, errors: [400, 401, 403, 404, 409, 413, 415, 422] }),
  viewOriginal: contract({ params: OriginalParams, responses: { 200: { json: OriginalLinkSchema } }, errors: [401, 403, 404] }),
  submit: contract({ params: RequestParams, responses: { 200: { json: RequestSchema } }, errors: [401, 403, 404, 409, 422] }),
  cancel: contract({ params: RequestParams, responses: { 200: { json: RequestSchema } }, errors: [401, 403, 404, 409, 422] }),
  certify: contract({ params: RequestParams, responses: { 201: { json: IssuedDocumentSchema } }, errors: [401, 403, 404, 409, 422] }),
  issue: contract({ params: RequestParams, responses: { 201: { json: IssuedDocumentSchema } }, errors: [401, 403, 404, 409, 422] }),
  reject: contract({ params: RequestParams, body: { json: RejectSchema }, responses: { 200: { json: RequestSchema } }, errors: [400, 401, 403, 404, 409, 413, 415, 422] }),
  extend: contract({ params: RequestParams, body: { json: ExtendSchema }, responses: { 200: { json: ExtendedRequestSchema } }, errors: [400, 401, 403, 404, 409, 413, 415, 422] }),
  entitlement: contract({ params: RequestParams, body: { json: EntitlementDecisionInputSchema }, responses: { 200: { json: RequestSchema } }, errors: [400, 401, 403, 404, 409, 413, 415, 422] }),
  refusal: contract({ params: RequestParams, responses: { 200: { media: ['application/pdf'] } }, errors: [401, 403, 404, 409] }),
  appointmentSlip: contract({ params: RequestParams, responses: { 200: { media: ['application/pdf'] } }, errors: [401, 403, 404, 409] }),
};
