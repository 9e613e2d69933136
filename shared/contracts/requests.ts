import * as z from 'zod';
import { EntitlementGroundSchema, RegisterRefusalGroundSchema } from '../domain/entitlement';
import { RefusalReasonCodeSchema, MAX_REFUSAL_DETAIL_LENGTH } from '../domain/refusal-reasons';
import { ActorSchema, ChannelSchema, OriginalCheckMethodSchema, OriginalCheckSchema, OriginalSchema, RequestKindSchema, RequestRecordSchema } from '../domain/request';
import { DocumentStatusSchema, RequestStatusSchema } from '../domain/request-state';
import { CitizenIdSchema, RoleSchema } from '../domain/roles';
import { contract } from './contract';
import { DEFAULT_DUE_TIME_CONFIG } from '../domain/due-time';
import { AppointmentSlipSchema } from '../domain/request';
import { BookField, CursorParam, DateTime, IsoDay, NumberField, PathId, Url, limitParam, pageOf, plainTextField, uploadTicketShape } from './common';

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
export const OriginalCheckMethod = OriginalCheckMethodSchema.meta({
  id: 'OriginalCheckMethod',
  description:
    '`presented-at-counter`: the requester showed the paper original at the counter and the official compared it with the uploaded scan; `captured-by-official`: the official scanned the paper original themself (a counter request filed with the official’s own scan records this at submit).',
});
export const OriginalCheck = OriginalCheckSchema.extend({ method: OriginalCheckMethod, at: DateTime, by: Actor })
  .meta({ id: 'OriginalCheck', description: 'The check of the paper original by an official of the agency (Decree 45/2020 Art. 10(3)); certify refuses with 409 until it is recorded.' });
export type OriginalCheckMethod = z.infer<typeof OriginalCheckMethod>;
export type OriginalCheck = z.infer<typeof OriginalCheck>;

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
  originalCheck: OriginalCheck.optional(),
  rejection: z
    .object({
      reasonCode: z.string(),
      text: z.string().meta({ description: 'The written reason the citizen sees.' }),
      at: DateTime,
      by: Actor,
      documentId: z.string().optional().meta({ description: 'The signed written refusal (Decree 23/2015 Art. 22; for a register copy the reply of Art. 17(2)): `GET /api/requests/{id}/refusal`.' }),
      sha256: z.string().optional().meta({ description: 'Hex SHA-256 of that PDF.' }),
    })
    .optional(),
  extension: z
    .object({
      workingDays: z.number().int().meta({ description: 'Total over all extensions.' }),
      reason: z.string(),
      at: DateTime,
      by: Actor,
      previousDueAt: DateTime,
      agreement: z.object({ date: IsoDay, note: z.string() }).optional().meta({ description: 'The written agreement recorded for more than 2 working days (Decree 23/2015 Art. 21(4)).' }),
    })
    .optional(),
  appointmentSlip: AppointmentSlipSchema.extend({ at: DateTime }).optional().meta({ description: 'The appointment slip once numbered (at its first download): number, and who received the request.' }),
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
  appointmentSlipUrl: z.string().optional().meta({ description: 'Relative: `/api/requests/{id}/appointment-slip`; present when the result is not due on the day of receipt (Circular 01/2020/TT-BTP Art. 2).' }),
  refusalUrl: z.string().optional().meta({ description: 'Relative: `/api/requests/{id}/refusal`; present when the request was refused with a signed written refusal.' }),
  originals: z.array(OriginalView),
  history: z.array(HistoryEntrySchema).meta({ description: 'Oldest first.' }),
  documentStatus: DocumentStatusSchema.optional().meta({ description: 'The status of the issued copy (`documentId`), present once issued: `revoked` after the agency revoked it.' }),
  documentRevocation: z.object({ at: DateTime, reason: z.string() }).optional().meta({ description: 'When and why the issued copy was revoked.' }),
}).meta({ id: 'RequestDetail' });
export type RequestDetail = z.infer<typeof RequestDetailSchema>;

export const ExtendedRequestSchema = RequestSchema.extend({
  appointmentSlipUrl: z.string().meta({ description: 'Relative: `/api/requests/{id}/appointment-slip`.' }),
});

export const CreateRequestSchema = z
  .object({
    kind: RequestKind.meta({
      description:
        'A `certify-copy` request is about ONE paper original (named by `title`): all its files are scans of that one document (e.g. both sides of an ID card, or the pages of a diploma) and yield one numbered copy (Decree 23 Art. 20(3)). Another document needs its own request.',
    }),
    agencyId: z.string().trim().min(1).max(100).meta({ description: 'Trimmed.', examples: ['ubnd-phuong-ba-dinh'] }),
    title: plainTextField().min(1).max(300).meta({ description: 'Cleaned: bidi controls and zero-width characters removed, NFC, one line, trimmed.', examples: ['Bằng tốt nghiệp THPT'] }),
    copies: z.number().int().min(1).max(1, 'một bản sao điện tử là một tệp: số bản sao luôn là 1').default(1).meta({
      description:
        'Always 1: an electronic copy is one file, and one certification of one original gets one number (Decree 23 Art. 20(3)); a second file of the same copy adds nothing. Kept for the register-copy book column “number of copies”.',
    }),
    registerId: z.string().trim().min(1).max(100).optional().meta({ description: 'Required for `register-copy`; refused for `certify-copy`.' }),
    entryNo: z.string().trim().min(1).max(50).optional().meta({ description: 'Required for `register-copy`; refused for `certify-copy`. The number of the entry as the requester knows it.' }),
    ground: EntitlementGround.optional().meta({
      description: '`register-copy`: on what ground the requester asks (Decree 23/2015 Art. 16(2)); default `self` (their own record, matched on their verified ID number). Any other ground needs evidence uploaded before submit and an official\'s decision.',
    }),
    subjectName: plainTextField().min(1).max(200).optional().meta({ description: '`register-copy`: the full name of the person the entry is about; required unless `ground` is `self`.', examples: ['Nguyễn Văn An'] }),
    subjectBirthDate: IsoDate.optional().meta({ description: '`register-copy`: their date of birth; required unless `ground` is `self`.' }),
    citizenId: CitizenId.optional().meta({ description: 'Required when an official files at the counter; a citizen may only give their own.' }),
    requesterName: plainTextField().min(1).max(200).optional().meta({
      description:
        "The requester's full name, required when an official files at the counter (printed in the book, on the appointment slip and in a refusal: Decree 23/2015 Art. 13(1), Circular 01/2020/TT-BTP Art. 2); ignored when a citizen files (their signed-in name is used). Cleaned like `title`.",
      examples: ['Nguyễn Thị Bình'],
    }),
  })
  .strict()
  .meta({ id: 'CreateRequestInput' });
export type CreateRequestInput = z.output<typeof CreateRequestSchema>;

/** An official's decision on a register-copy requester's right (Decree 23/2015 Art. 16(2), 17). */
export const EntitlementDecisionInputSchema = z
  .object({
    decision: z.enum(['accepted', 'refused']),
    note: plainTextField().min(3).max(1000).meta({ description: 'Why: what was checked, or the reason of a refusal (printed in the written reply).', examples: ['Đã đối chiếu giấy khai sinh của con và CCCD của người yêu cầu.'] }),
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
    side: OriginalSchema.shape.side.meta({
      description: 'For a JPEG or PNG scan of one side of an ID card: a front followed by its back are printed together on one A4 page of the copy.',
    }),
  })
  .strict()
  .meta({
    id: 'AddOriginalInput',
    description:
      'One file of the scan of the request’s one paper original. Several files (e.g. the two sides of an ID card) are pages of the same original: together they are one certified copy, one number, one fee counted on all their pages (Circular 226/2016 Art. 4).',
  });
export type AddOriginalInput = z.output<typeof AddOriginalSchema>;

export const OriginalUploadSchema = z
  .object({ originalId: z.string(), fileName: z.string().meta({ description: 'The cleaned name kept for display.' }), ...uploadTicketShape })
  .meta({ id: 'OriginalUpload' });
export type OriginalUpload = z.infer<typeof OriginalUploadSchema>;

/** Body of the record of the check of the paper original (Decree 45/2020 Art. 10(3)). */
export const OriginalCheckInputSchema = z
  .object({
    method: OriginalCheckMethod,
    note: plainTextField().min(1).max(500).optional().meta({ examples: ['Đã đối chiếu bản chính, 2 mặt thẻ.'] }),
  })
  .strict()
  .meta({ id: 'OriginalCheckInput' });
export type OriginalCheckInput = z.output<typeof OriginalCheckInputSchema>;

export const OriginalLinkSchema = z.object({ url: Url, fileName: z.string(), contentType: OriginalSchema.shape.contentType, expiresAt: DateTime });

/** Body of a refusal: a legal ground (Decree 23 Art. 22) and, for `other` always, a written detail. */
export const RejectSchema = z
  .object({
    reasonCode: RefusalReasonCode,
    detail: plainTextField().max(MAX_REFUSAL_DETAIL_LENGTH).optional().meta({ description: 'Required (non-blank) when `reasonCode` is `other`.', examples: ['Bản chính bị mờ ở trang 2.'] }),
  })
  .strict()
  .refine((r) => r.reasonCode !== 'other' || (r.detail !== undefined && r.detail !== ''), { message: 'Lý do khác cần được ghi rõ.', path: ['detail'] })
  .meta({ id: 'RejectInput' });
export type RejectInput = z.output<typeof RejectSchema>;

/** The written agreement with the requester that allows more than 2 working days (Decree 23/2015 Art. 21(4)). */
export const ExtensionAgreement = z
  .object({
    date: IsoDay.meta({ description: 'The day the agreement was made (Vietnam date).' }),
    note: plainTextField().min(5).max(500).meta({ description: 'What was agreed, or where the signed agreement is filed.', examples: ['Biên bản thỏa thuận ngày 25/11/2026, lưu tại hồ sơ.'] }),
  })
  .strict()
  .meta({ id: 'ExtensionAgreement' });

export const ExtendSchema = z
  .object({
    workingDays: z
      .number()
      .int()
      .min(1)
      .max(DEFAULT_DUE_TIME_CONFIG.maxAgreedExtensionWorkingDays)
      .meta({ description: 'At most 2 in total over all extensions, unless a written agreement with the requester is recorded (Decree 23/2015 Art. 21(4)).' }),
    reason: plainTextField().min(5).max(500).meta({ examples: ['Hồ sơ có nhiều trang cần đối chiếu.'] }),
    agreement: ExtensionAgreement.optional(),
  })
  .strict()
  // Decree 23/2015 Art. 21(4): beyond 2 working days only "theo thỏa thuận bằng văn bản với người yêu cầu chứng thực".
  .refine((e) => e.workingDays <= DEFAULT_DUE_TIME_CONFIG.maxExtensionWorkingDays || e.agreement !== undefined, {
    message: `Gia hạn quá ${DEFAULT_DUE_TIME_CONFIG.maxExtensionWorkingDays} ngày làm việc cần có thỏa thuận bằng văn bản với người yêu cầu (Điều 21 Nghị định 23/2015/NĐ-CP).`,
    path: ['agreement'],
  })
  .meta({ id: 'ExtendInput' });
export type ExtendInput = z.output<typeof ExtendSchema>;

export const IssuedDocumentSchema = z
  .object({
    documentId: z.string(),
    number: NumberField,
    book: BookField,
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
  originalCheck: contract({ params: RequestParams, body: { json: OriginalCheckInputSchema }, responses: { 200: { json: RequestSchema } }, errors: [400, 401, 403, 404, 409, 413, 415, 422] }),
  certify: contract({ params: RequestParams, responses: { 201: { json: IssuedDocumentSchema } }, errors: [401, 403, 404, 409, 422, 503] }),
  issue: contract({ params: RequestParams, responses: { 201: { json: IssuedDocumentSchema } }, errors: [401, 403, 404, 409, 422, 503] }),
  reject: contract({ params: RequestParams, body: { json: RejectSchema }, responses: { 200: { json: RequestSchema } }, errors: [400, 401, 403, 404, 409, 413, 415, 422] }),
  extend: contract({ params: RequestParams, body: { json: ExtendSchema }, responses: { 200: { json: ExtendedRequestSchema } }, errors: [400, 401, 403, 404, 409, 413, 415, 422] }),
  entitlement: contract({ params: RequestParams, body: { json: EntitlementDecisionInputSchema }, responses: { 200: { json: RequestSchema } }, errors: [400, 401, 403, 404, 409, 413, 415, 422] }),
  refusal: contract({ params: RequestParams, responses: { 200: { media: ['application/pdf'] } }, errors: [401, 403, 404, 409] }),
  appointmentSlip: contract({ params: RequestParams, responses: { 200: { media: ['application/pdf'] } }, errors: [401, 403, 404, 409] }),
};
