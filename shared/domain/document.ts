import * as z from 'zod';
import { ActorSchema, RequestKindSchema } from './request';
import { DocumentStatusSchema } from './request-state';
import { CitizenIdSchema } from './roles';

/** An issued copy: the signed PDF in the issued bucket, and what is recorded about it at issuance. */
export const DocumentRecordSchema = z.object({
  id: z.string(),
  requestId: z.string(),
  kind: RequestKindSchema,
  title: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  citizenId: CitizenIdSchema,
  certificationNo: z.string(),
  seq: z.number().int(),
  bookLabel: z.string(),
  verifyCode: z.string(),
  s3Key: z.string(),
  /** SHA-256 (hex) of the whole signed file: the anchor of every later verification. */
  sha256: z.string(),
  size: z.number().int(),
  pages: z.number().int(),
  copies: z.number().int(),
  issuedAt: z.string(),
  issuedBy: ActorSchema,
  status: DocumentStatusSchema,
  revocation: z.object({ at: z.string(), by: ActorSchema, reason: z.string() }).optional(),
});
export type DocumentRecord = z.infer<typeof DocumentRecordSchema>;
