import * as z from 'zod';
import { DocumentStatusSchema } from '../domain/request-state';
import { contract } from './contract';
import { BookField, DateTime, NumberField, PathId, Url, uploadTicketShape } from './common';

/** Verification: the report on a file, the registry's answer to a code, large-file uploads. */

export const Verdict = z.enum(['authentic', 'revoked', 'tampered', 'untrusted', 'unknown']).meta({ id: 'Verdict' });
export type Verdict = z.infer<typeof Verdict>;

export const CheckSchema = z
  .object({
    id: z.string().meta({
      description:
        'Stable id. The file report carries each global check once: pdf-structure, signatures-present, byterange, whole-file-coverage, revisions, pades-profile, cms-digest, cms-signature, signing-certificate, chain-trust, key-usage, validity-at-signing-time, registry-record, file-hash, revocation-status.',
    }),
    passed: z.boolean(),
    detail: z.string().meta({ description: 'Vietnamese, plain words for a bank clerk.' }),
  })
  .meta({ id: 'Check' });
export type Check = z.infer<typeof CheckSchema>;

export const RegistryRecordSchema = z
  .object({
    verifyCode: z.string(),
    kind: z.string().meta({ examples: ['certify-copy', 'register-copy'] }),
    issuer: z.string(),
    issuedAt: DateTime,
    number: NumberField.optional().meta({ description: 'Absent on the PDF of a closed book (kind `book`).' }),
    book: BookField,
    pages: z.number().int(),
    sha256: z.string(),
    status: DocumentStatusSchema,
    revocation: z.object({ at: DateTime, reason: z.string() }).optional(),
  })
  .meta({ id: 'RegistryRecord', description: 'What was recorded at issuance, as the verifier needs it (no personal data).' });
export type VerifiedDocument = z.infer<typeof RegistryRecordSchema>;

export const SignatureReportSchema = z
  .object({
    field: z.string().meta({ description: 'Fully qualified field name.' }),
    signer: z.string().meta({ description: "Common name of the signer certificate ('' when unreadable)." }),
    organization: z.string().optional(),
    signedAt: DateTime.optional().meta({ description: 'The claimed signing time (/M).' }),
    subFilter: z.string().meta({ examples: ['ETSI.CAdES.detached'] }),
    coversWholeFile: z.boolean(),
    chainTrusted: z.boolean(),
    validAtSigningTime: z.boolean(),
    digestMatches: z.boolean(),
    signatureValid: z.boolean(),
    revision: z.number().int().meta({ description: '1-based revision this signature closes; 0 when none.' }),
    checks: z.array(CheckSchema),
  })
  .meta({ id: 'SignatureReport' });
export type SignatureInfo = z.infer<typeof SignatureReportSchema>;

export const VerificationReportSchema = z
  .object({
    verdict: Verdict,
    indication: z.enum(['TOTAL_PASSED', 'TOTAL_FAILED', 'INDETERMINATE']).meta({ description: 'ETSI EN 319 102-1.' }),
    subIndication: z
      .enum(['FORMAT_FAILURE', 'HASH_FAILURE', 'SIG_CRYPTO_FAILURE', 'REVOKED', 'NO_CERTIFICATE_CHAIN_FOUND', 'CHAIN_CONSTRAINTS_FAILURE', 'OUT_OF_BOUNDS_NO_POE', 'SIGNED_DATA_NOT_FOUND'])
      .optional(),
    checks: z.array(CheckSchema),
    document: RegistryRecordSchema.optional(),
    signatures: z.array(SignatureReportSchema),
    verifyCode: z.string().optional().meta({ description: 'The verify code (Mã kiểm tra) the decision used, when one was found.' }),
    verifyCodeSigned: z.boolean().optional().meta({ description: "Whether that code was inside the first signature's signed bytes." }),
    sha256: z.string().meta({ description: 'Hex SHA-256 of the file as received.' }),
    size: z.number().int(),
  })
  .meta({
    id: 'VerificationReport',
    description:
      'The report of `POST /api/verify`. `authentic` means all of: valid signature covering the whole file, signer chaining to a trusted root and valid at signing time, file SHA-256 equal to the one recorded at issuance, not revoked.',
  });
export type VerificationReport = z.infer<typeof VerificationReportSchema>;

export const DisclosedContentSchema = z
  .object({
    title: z.string().meta({ description: 'The document as named on the request, e.g. "Bằng tốt nghiệp đại học".' }),
    holderName: z.string().optional().meta({ description: "The requester's name as recorded (absent when none was recorded)." }),
    documentUrl: z.string().meta({ description: 'Relative URL of the issued PDF itself (`GET /api/verify/{code}/document`), to render every page and compare with a printout.' }),
  })
  .meta({
    id: 'DisclosedContent',
    description: 'What was issued, shown to whoever holds the verify code (a 120-bit capability printed on the copy) unless the owner turned it off (`PUT /api/documents/{id}/disclosure`).',
  });
export type DisclosedContent = z.infer<typeof DisclosedContentSchema>;

export const CodeVerificationSchema = z
  .object({
    verdict: z.enum(['authentic', 'revoked']),
    indication: z.enum(['TOTAL_PASSED', 'TOTAL_FAILED']),
    subIndication: z.literal('REVOKED').optional(),
    checks: z.array(CheckSchema),
    document: RegistryRecordSchema,
    howToCheck: z.string().meta({ description: 'Vietnamese advice to verify the file itself.' }),
    contentShown: z.boolean().optional().meta({ description: 'False when the owner turned the content off: only the status is shown.' }),
    content: DisclosedContentSchema.optional(),
    receiptUrl: z.string().optional().meta({ description: 'Relative URL of the signed verification receipt (`GET /api/verify/{code}/receipt`).' }),
  })
  .meta({
    id: 'CodeVerification',
    description: 'The answer of `GET /api/verify/{code}`: registry only — no `signatures`, and only the `registry-record` and `revocation-status` checks (no file was examined).',
  });
export type CodeVerification = z.infer<typeof CodeVerificationSchema>;

export const VerifyUploadRefSchema = z
  .object({ uploadId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'uploadId không hợp lệ') })
  .strict()
  .meta({ id: 'VerifyUploadRef' });

export const VerifyUploadRequestSchema = z
  .object({
    size: z
      .number()
      .int()
      .min(1)
      .meta({ description: 'Bytes of the file to upload. Signed into the upload URL: S3 refuses a PUT of any other length (403).' }),
  })
  .strict()
  .meta({ id: 'VerifyUploadRequest' });
export type VerifyUploadRequest = z.output<typeof VerifyUploadRequestSchema>;

export const VerifyUploadSchema = z
  .object({ uploadId: z.string(), ...uploadTicketShape, uploadUrl: Url, maxBytes: z.number().int() })
  .meta({ id: 'VerifyUpload' });
export type VerifyUpload = z.infer<typeof VerifyUploadSchema>;

const CodeParams = z.object({
  code: z
    .string()
    .min(1)
    .max(100)
    .meta({ description: 'Mã kiểm tra (the verify code printed on the copy under that name), e.g. `7K2M-Q9XD-3T8V-WN4B-H6RC-1PZE` (24 Crockford base32 characters in groups of 4).' }),
});

const DisclosureParams = z.object({ id: PathId.meta({ description: 'Document id.' }) });

export const DisclosureInputSchema = z
  .object({ showContent: z.boolean().meta({ description: 'Whether a lookup by verify code shows the title, holder and pages (true) or the status only (false).' }) })
  .strict()
  .meta({ id: 'DisclosureInput' });
export type DisclosureInput = z.output<typeof DisclosureInputSchema>;

export const DisclosureSchema = z.object({ documentId: z.string(), showContent: z.boolean() }).meta({ id: 'Disclosure' });
export type Disclosure = z.infer<typeof DisclosureSchema>;

const ShareTokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/).meta({ description: 'The share token (from `/s/{token}`).' }) });

export const verificationContracts = {
  file: contract({
    body: { raw: { media: 'application/pdf', sniffed: true }, json: VerifyUploadRefSchema },
    responses: { 200: { json: VerificationReportSchema } },
    errors: [400, 404, 413, 415, 422, 429],
  }),
  uploads: contract({ body: { json: VerifyUploadRequestSchema }, responses: { 201: { json: VerifyUploadSchema } }, errors: [400, 413, 415, 422, 429] }),
  code: contract({ params: CodeParams, responses: { 200: { json: CodeVerificationSchema } }, errors: [404, 429] }),
  trustList: contract({ responses: { 200: { media: ['application/x-pem-file'] } }, errors: [] }),
  /** The issued PDF itself through its code, for the page previews; 403 when the owner turned the content off. */
  codeDocument: contract({ params: CodeParams, responses: { 200: { media: ['application/pdf'] } }, errors: [403, 404, 429] }),
  /** The signed verification receipt of a code lookup. */
  codeReceipt: contract({ params: CodeParams, responses: { 200: { media: ['application/pdf'] } }, errors: [404, 429] }),
  /** The signed verification receipt of a file: the PDF in the body, or {uploadId} of a large file. */
  fileReceipt: contract({
    body: { raw: { media: 'application/pdf', sniffed: true }, json: VerifyUploadRefSchema },
    responses: { 200: { media: ['application/pdf'] } },
    errors: [400, 404, 413, 415, 422, 429],
  }),
  /** The owner shows or hides the content of a code lookup. */
  disclosure: contract({ params: DisclosureParams, body: { json: DisclosureInputSchema }, responses: { 200: { json: DisclosureSchema } }, errors: [400, 401, 403, 404, 409, 413, 415, 422] }),
  /** Verifies the file a valid share link holds, on the server: no upload. */
  sharedVerify: contract({ params: ShareTokenParams, responses: { 200: { json: VerificationReportSchema } }, errors: [404, 410, 429] }),
};
