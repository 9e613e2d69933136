import * as z from 'zod';
import { CitizenIdSchema, RoleSchema } from './roles';
import { EntitlementSchema } from './entitlement';
import { RequestStatusSchema } from './request-state';

/** The two procedures (docs/legal.md): certify a copy of a paper original, or copy a register entry. */
export const RequestKindSchema = z.enum(['certify-copy', 'register-copy']);
export type RequestKind = z.infer<typeof RequestKindSchema>;

/** Filed online by the citizen, or at the counter by an official (the province's online rate). */
export const ChannelSchema = z.enum(['online', 'counter']);

export const ActorSchema = z.object({ sub: z.string(), role: RoleSchema, name: z.string().optional(), agencyId: z.string().optional() });
export type Actor = z.infer<typeof ActorSchema>;

export const OriginalSchema = z.object({
  originalId: z.string(),
  fileName: z.string(),
  contentType: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
  size: z.number().int(),
  /**
   * Set when the file is one side of an ID card (CCCD, căn cước): a front and a back uploaded one
   * after the other are laid out together on one A4 page of the copy, as the paper copy of an ID
   * card is made. Absent for every other original.
   */
  side: z.enum(['id-card-front', 'id-card-back']).optional(),
  s3Key: z.string(),
  uploadedAt: z.string(),
  /** Known once inspected at submit. */
  pages: z.number().int().optional(),
  sha256: z.string().optional(),
  /**
   * Set at submit: the key of the copy of the upload taken then, whose bytes were inspected and
   * hashed (`sha256`). Nothing hands out a URL to write it, so later PUTs to the upload URL
   * (`s3Key`) change nothing the official reviews or certifies.
   */
  submittedKey: z.string().optional(),
});
export type Original = z.infer<typeof OriginalSchema>;

/**
 * Where an original's bytes are read from: the immutable copy taken at submit once there is one,
 * else (a draft, or a request submitted before copies were taken) the upload itself.
 */
export const reviewedKey = (o: Pick<Original, 's3Key' | 'submittedKey'>): string => o.submittedKey ?? o.s3Key;

/**
 * How the official came to hold the paper original (Decree 45/2020 Art. 10(3)): the requester
 * presented it at the counter and the official compared it with the uploaded scan, or the official
 * captured (scanned) it themself from the paper they were handed.
 */
export const OriginalCheckMethodSchema = z.enum(['presented-at-counter', 'captured-by-official']);
export type OriginalCheckMethod = z.infer<typeof OriginalCheckMethodSchema>;

/**
 * The recorded check of the paper original, required before certifying (Decree 45/2020
 * Art. 10(3): the official checks the original, captures it, then attests and signs).
 */
export const OriginalCheckSchema = z.object({ method: OriginalCheckMethodSchema, at: z.string(), by: ActorSchema, note: z.string().optional() });
export type OriginalCheck = z.infer<typeof OriginalCheckSchema>;

/**
 * A refusal. Since it is a written, signed document (Decree 23/2015 Art. 22), the signed PDF is
 * stored once when the refusal is recorded: `documentId` names it (the object key is derived from
 * it, see shared/store/table.ts) and `sha256` is its digest, so every download returns those bytes.
 * Refusals recorded before the document existed have neither.
 */
export const RejectionSchema = z.object({
  reasonCode: z.string(),
  text: z.string(),
  at: z.string(),
  by: ActorSchema,
  documentId: z.string().optional(),
  sha256: z.string().optional(),
});

/**
 * The written agreement with the requester that allows an extension beyond 2 working days
 * (Decree 23/2015 Art. 21(4)): the day it was made and what it says or where it is filed.
 */
export const ExtensionAgreementSchema = z.object({ date: z.string(), note: z.string() });

/**
 * The appointment slip (phiếu hẹn, Circular 01/2020/TT-BTP Art. 2), numbered once when first
 * produced and kept, so every download shows the same number and the same receiving official.
 */
export const AppointmentSlipSchema = z.object({
  no: z.string(),
  seq: z.number().int(),
  year: z.number().int(),
  at: z.string(),
  receivedBy: z.string(),
});
export type AppointmentSlip = z.infer<typeof AppointmentSlipSchema>;

/** A request as stored and as returned by the API (storage keys stripped). */
export const RequestRecordSchema = z.object({
  id: z.string(),
  /** The short code read out and searched for (shared/domain/request-code.ts); requests filed before it have none. */
  code: z.string().optional(),
  kind: RequestKindSchema,
  agencyId: z.string(),
  title: z.string(),
  copies: z.number().int(),
  /** The owner: a citizen sees the requests filed for their CCCD number. */
  citizenId: CitizenIdSchema,
  channel: ChannelSchema,
  /**
   * The requester's full name, printed in the book's line (Decree 23/2015 Art. 13(1)), on the
   * appointment slip (Circular 01/2020/TT-BTP Art. 2) and in a refusal (Art. 22): given by the
   * official at the counter, the signed-in name online. Older online requests keep it only in `createdBy`.
   */
  requesterName: z.string().optional(),
  status: RequestStatusSchema,
  createdAt: z.string(),
  createdBy: ActorSchema,
  updatedAt: z.string(),
  submittedAt: z.string().optional(),
  dueAt: z.string().optional(),
  pages: z.number().int().optional(),
  fee: z.number().int().optional(),
  registerId: z.string().optional(),
  entryNo: z.string().optional(),
  /** Register copies: who is asking on which ground, and whether their right is established (Decree 23/2015 Art. 16, 17). */
  entitlement: EntitlementSchema.optional(),
  documentId: z.string().optional(),
  /** Once issued: the sequence number and the book as on its cover (Decree 23/2015 Art. 13(2)). */
  number: z.number().int().optional(),
  book: z.string().optional(),
  verifyCode: z.string().optional(),
  issuedAt: z.string().optional(),
  rejection: RejectionSchema.optional(),
  /** Certify-copy only: who checked the paper original, when and how (Decree 45/2020 Art. 10(3)). */
  originalCheck: OriginalCheckSchema.optional(),
  cancelledAt: z.string().optional(),
  /** Due time extended by the official (Decree 23 Art. 21(4)), in working days in total. */
  extension: z
    .object({ workingDays: z.number().int(), reason: z.string(), at: z.string(), by: ActorSchema, previousDueAt: z.string(), agreement: ExtensionAgreementSchema.optional() })
    .optional(),
  appointmentSlip: AppointmentSlipSchema.optional(),
});
export type RequestRecord = z.infer<typeof RequestRecordSchema>;

/** The requester's full name as printed (see `requesterName`); undefined when none was recorded. */
export function requesterNameOf(request: Pick<RequestRecord, 'requesterName' | 'createdBy'>): string | undefined {
  return request.requesterName || (request.createdBy.role === 'citizen' ? request.createdBy.name : undefined) || undefined;
}

/** The actor record of a principal, as written in audit trails and request fields. */
export const actorOf = (p: { sub: string; role: z.infer<typeof RoleSchema>; name?: string; agencyId?: string }): Actor => ({
  sub: p.sub,
  role: p.role,
  ...(p.name ? { name: p.name } : {}),
  ...(p.agencyId ? { agencyId: p.agencyId } : {}),
});
