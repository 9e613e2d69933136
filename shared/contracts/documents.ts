import * as z from 'zod';
import { DocumentStatusSchema } from '../domain/request-state';
import { contract } from './contract';
import { CursorParam, DateTime, DownloadLinkSchema, IsoDay, PathId, Url, limitParam, listOf, pageOf, plainTextField } from './common';
import { RequestKind } from './requests';
import { Verdict } from './verification';

/** Issued copies: their metadata, downloads, share links, revocation and who verified them. */

export const DocumentStatus = DocumentStatusSchema.meta({ id: 'DocumentStatus' });

export const RevocationNote = z.object({ at: DateTime, reason: z.string() });

export const DocumentSchema = z
  .object({
    id: z.string(),
    requestId: z.string(),
    kind: RequestKind,
    title: z.string(),
    agencyId: z.string(),
    issuer: z.string().meta({ description: "The issuing agency's name." }),
    certificationNo: z.string(),
    verifyCode: z.string(),
    issuedAt: DateTime,
    pages: z.number().int(),
    copies: z.number().int(),
    size: z.number().int().meta({ description: 'Bytes of the signed PDF.' }),
    sha256: z.string().meta({ description: 'Hex SHA-256 of the whole signed file.' }),
    status: DocumentStatus,
    revocation: RevocationNote.optional(),
  })
  .meta({ id: 'Document', description: 'What the owner, the issuing agency or a share holder sees of an issued copy.' });
export type DocumentView = z.infer<typeof DocumentSchema>;

export const ShareSchema = z
  .object({ expiresInHours: z.number().int().min(1).max(24 * 30).meta({ examples: [72] }) })
  .strict()
  .meta({ id: 'ShareInput' });
export type ShareInput = z.output<typeof ShareSchema>;

export const ShareResultSchema = z
  .object({
    token: z.string().meta({ description: 'Use with `/api/shares/{token}`.' }),
    shareUrl: Url.meta({ description: '`{PUBLIC_BASE_URL}/s/{token}` (the web page).' }),
    expiresAt: DateTime,
  })
  .meta({ id: 'Share' });
export type ShareResult = z.infer<typeof ShareResultSchema>;

export const ShareLinkStatus = z.enum(['active', 'expired', 'revoked']).meta({ id: 'ShareLinkStatus' });

export const ShareLinkSchema = z
  .object({
    id: z.string().meta({ description: 'Names the link in `/api/documents/{id}/shares/{shareId}/revoke`; not the token.' }),
    createdAt: DateTime,
    expiresAt: DateTime,
    revokedAt: DateTime.optional(),
    status: ShareLinkStatus,
    token: z.string().optional().meta({ description: 'Only on links the caller made themselves.' }),
    shareUrl: Url.optional().meta({ description: 'Only on links the caller made themselves.' }),
  })
  .meta({ id: 'ShareLink', description: "One of a document's share links, as its owner sees it." });
export type ShareLink = z.infer<typeof ShareLinkSchema>;

export const RevokeSchema = z
  .object({ reason: plainTextField().min(5).max(1000).meta({ examples: ['Cấp nhầm người yêu cầu; đã cấp lại bản sao khác.'] }) })
  .strict()
  .meta({ id: 'RevokeInput' });
export type RevokeInput = z.output<typeof RevokeSchema>;

export const VerificationLogEntrySchema = z
  .object({
    at: DateTime,
    verdict: Verdict,
    via: z.enum(['file', 'code']),
    verifierAgencyId: z.string().optional().meta({ description: 'When a signed-in verifier or official checked it.' }),
    verifierName: z.string().optional(),
  })
  .meta({ id: 'VerificationLogEntry', description: 'One check by a signed-in verifier or official (checks logged before anonymous ones were counted per day may lack the verifier).' });
export type VerificationLogEntry = z.infer<typeof VerificationLogEntrySchema>;

/** How many days of anonymous counts the log answers with. */
export const ANONYMOUS_VERIFICATION_DAYS = 90;

export const AnonymousVerificationDaySchema = z
  .object({ day: IsoDay.meta({ description: 'Vietnam calendar day.' }), count: z.number().int().min(1) })
  .meta({ id: 'AnonymousVerificationDay' });
export type AnonymousVerificationDay = z.infer<typeof AnonymousVerificationDaySchema>;

export const VerificationLogSchema = pageOf(VerificationLogEntrySchema)
  .extend({
    anonymousByDay: z.array(AnonymousVerificationDaySchema).meta({
      description: `Checks by callers not signed in as a verifier or official: one count per day, newest first, days without checks left out, the last ${ANONYMOUS_VERIFICATION_DAYS} days. The same on every page.`,
    }),
  })
  .meta({ id: 'VerificationLog', description: 'Who checked the copy: signed-in verifiers one by one (paged), anonymous checks counted per day.' });
export type VerificationLog = z.infer<typeof VerificationLogSchema>;

export const VerificationsQuerySchema = z.object({ limit: limitParam(20), cursor: CursorParam });
export type VerificationsQuery = z.output<typeof VerificationsQuerySchema>;

export const RevocationSchema = z
  .object({
    verifyCode: z.string(),
    certificationNo: z.string(),
    kind: RequestKind,
    agencyId: z.string(),
    issuer: z.string(),
    issuedAt: DateTime,
    revokedAt: DateTime.optional(),
    reason: z.string().optional(),
  })
  .meta({ id: 'Revocation', description: 'One line of the public revocation list.' });
export type Revocation = z.infer<typeof RevocationSchema>;

export const RevocationsQuerySchema = z.object({ limit: limitParam(50), cursor: CursorParam });
export type RevocationsQuery = z.output<typeof RevocationsQuerySchema>;

const DocumentParams = z.object({ id: PathId.meta({ description: 'Document id.' }) });
const ShareLinkParams = z.object({
  id: PathId.meta({ description: 'Document id.' }),
  shareId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).meta({ description: 'The `id` of a link in the document\'s list.' }),
});
const ShareParams = z.object({
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{20,64}$/)
    .meta({ description: 'The token at the end of `shareUrl` (`…/s/{token}`).' }),
});

export const documentContracts = {
  get: contract({ params: DocumentParams, responses: { 200: { json: DocumentSchema } }, errors: [401, 403, 404] }),
  download: contract({ params: DocumentParams, responses: { 200: { json: DownloadLinkSchema } }, errors: [401, 403, 404] }),
  share: contract({ params: DocumentParams, body: { json: ShareSchema }, responses: { 201: { json: ShareResultSchema } }, errors: [400, 401, 403, 404, 409, 413, 415, 422] }),
  revoke: contract({ params: DocumentParams, body: { json: RevokeSchema }, responses: { 200: { json: DocumentSchema } }, errors: [400, 401, 403, 404, 409, 413, 415, 422] }),
  verifications: contract({ params: DocumentParams, query: VerificationsQuerySchema, responses: { 200: { json: VerificationLogSchema } }, errors: [400, 401, 403, 404, 422] }),
  revocations: contract({ query: RevocationsQuerySchema, responses: { 200: { json: pageOf(RevocationSchema) } }, errors: [400, 422] }),
  shares: contract({ params: DocumentParams, responses: { 200: { json: listOf(ShareLinkSchema) } }, errors: [401, 403, 404] }),
  revokeShare: contract({ params: ShareLinkParams, responses: { 200: { json: ShareLinkSchema } }, errors: [401, 403, 404, 409, 422] }),
  shared: contract({ params: ShareParams, responses: { 200: { json: DocumentSchema } }, errors: [404, 410] }),
  sharedDownload: contract({ params: ShareParams, responses: { 200: { json: DownloadLinkSchema } }, errors: [404, 410] }),
};
