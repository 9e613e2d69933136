import * as z from 'zod';
import { numberAndBook } from './numbering';
import { ActorSchema, RequestKindSchema } from './request';
import { DocumentStatusSchema } from './request-state';
import { CitizenIdSchema } from './roles';

/**
 * What was issued: a copy of either kind, or the PDF of a closed book (`book`, Decree 23/2015
 * Art. 14(1): the book closed with its total and the signer's signature), which is verifiable like
 * a copy but is not a line of any book; or the service's verification receipt (`receipt`: "phiếu kết
 * quả kiểm tra", sealed by the service itself), verifiable the same way and a line of no book either.
 */
export const DocumentKindSchema = z.enum([...RequestKindSchema.options, 'book', 'receipt']);
export type DocumentKind = z.infer<typeof DocumentKindSchema>;

/** An issued copy: the signed PDF in the issued bucket, and what is recorded about it at issuance. */
export const DocumentRecordSchema = z.object({
  id: z.string(),
  /** The request it answered; for a closed book, the book's id. */
  requestId: z.string(),
  kind: DocumentKindSchema,
  title: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  /** The requester; a closed book has none. */
  citizenId: CitizenIdSchema.optional(),
  /**
   * The requester's name as the request recorded it (signed in, or taken at the counter), shown to
   * whoever holds the verify code. Recorded at issuance since issue #21; older records read it
   * from their request.
   */
  holderName: z.string().optional(),
  /**
   * Whether a code lookup shows what was issued (title, holder, the pages): the owner may turn it
   * off, then the code answers with the status only. Absent = shown.
   */
  showContent: z.boolean().optional(),
  /** The sequence number in the year's book (Decree 23/2015 Art. 13(2)); a closed book has none. */
  seq: z.number().int().optional(),
  /** The book as on its cover, e.g. "01/2026-SCT/BS" (Art. 13(2)); never joined to the number. */
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
  /**
   * The copy as sealed (docs/long-term-validation.md "The registry model"): the length of the bytes
   * up to the end of the seal's revision and their SHA-256 (hex). Every version of the file — the
   * B-LTA one stored at issuance (`sha256`/`size` above) and each renewal — starts with exactly
   * these bytes; what follows may only add validation data and document time-stamps
   * (ETSI EN 319 142-1 §5.4; ISO 32000-2 §12.8.4.3, §12.8.5). Absent on copies issued before B-LTA.
   */
  sealed: z.object({ length: z.number().int().positive(), sha256: z.string() }).optional(),
  /** Long-term validation (PAdES B-LTA): when the newest document time-stamp needs renewing, and the renewed versions. */
  ltv: z.object({
    /** notAfter of the TSA certificate of the newest document time-stamp (ISO): renewal is due before it. */
    tsaCertNotAfter: z.string(),
    /**
     * The renewed versions, oldest first; the newest is what downloads serve. Each is a new object
     * under its own key (the issued bucket keeps every object: Object Lock), so the same code runs
     * on S3 and on the local emulator, which has no object versions.
     */
    renewals: z.array(z.object({ s3Key: z.string(), sha256: z.string(), size: z.number().int(), at: z.string() })),
  }).optional(),
});
export type DocumentRecord = z.infer<typeof DocumentRecordSchema>;

/**
 * How a document names its number and book, as the forms write them (Decree 23/2015 Art. 13(2),
 * Art. 20(3)): "Số chứng thực 17, quyển số 01/2026-SCT/BS"; a closed book: "Sổ quyển số 01/2026-SCT/BS".
 */
export function numberTextOf(d: Pick<DocumentRecord, 'kind' | 'seq' | 'bookLabel'>): string {
  // A receipt is a line of no book (its bookLabel is empty): its verify code is its identifier.
  if (d.kind === 'receipt') return 'Phiếu kết quả kiểm tra bản sao điện tử';
  if (d.kind === 'book' || d.seq === undefined) return `Sổ quyển số ${d.bookLabel}`;
  return numberAndBook(d.kind, d.seq, d.bookLabel);
}

/** Where the newest version of a document's file is: the last renewal's, or the one stored at issuance. */
export function currentFileOf(d: Pick<DocumentRecord, 's3Key' | 'sha256' | 'size' | 'ltv'>): { s3Key: string; sha256: string; size: number } {
  const renewal = d.ltv?.renewals.at(-1);
  return renewal ? { s3Key: renewal.s3Key, sha256: renewal.sha256, size: renewal.size } : { s3Key: d.s3Key, sha256: d.sha256, size: d.size };
}
