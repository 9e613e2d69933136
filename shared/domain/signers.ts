/**
 * Who may sign a copy for an agency (người có thẩm quyền ký).
 *
 * Decree 23/2015/NĐ-CP Art. 5, as amended by Decree 280/2025/NĐ-CP: at the commune People's
 * Committee the chairman or a vice-chairman signs, or an official assigned or authorised to in
 * writing; Art. 2(9) (the "person certifying"). Each agency keeps its signers as data: the user,
 * the title exactly as it is printed under the signature, the written basis (decision number and
 * date) and the period it is valid for. Records are never deleted — a copy issued years ago still
 * names its signer — a signer leaves by getting a `validTo`.
 */
import * as z from 'zod';
import { ActorSchema } from './request';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD.');

/** The written basis of the competence (Decree 23 Art. 5 as amended: assigned or authorised in writing). */
export const SignerBasisSchema = z.object({
  /** E.g. "125/QĐ-UBND". */
  decisionNo: z.string(),
  decisionDate: IsoDate,
});

export const AgencySignerSchema = z.object({
  signerId: z.string(),
  agencyId: z.string(),
  /** The signer's user (token subject). */
  userSub: z.string(),
  /** The user's full name when the record was made, for lists. */
  fullName: z.string(),
  /** Printed under the signature exactly as written here, e.g. "Phó Chủ tịch". */
  title: z.string(),
  basis: SignerBasisSchema,
  /** ISO 8601 instant from which the signer may sign. */
  validFrom: z.string(),
  /** ISO 8601 instant from which they no longer may (exclusive); absent while in office. */
  validTo: z.string().optional(),
  recordedAt: z.string(),
  recordedBy: ActorSchema,
  endedAt: z.string().optional(),
  endedBy: ActorSchema.optional(),
});
export type AgencySigner = z.infer<typeof AgencySignerSchema>;

/** True when the record allows signing at `at`: validFrom ≤ at < validTo. */
export function signerValidAt(record: Pick<AgencySigner, 'validFrom' | 'validTo'>, at: Date): boolean {
  const t = at.getTime();
  return Date.parse(record.validFrom) <= t && (record.validTo === undefined || t < Date.parse(record.validTo));
}

/** The user's record valid at `at` among an agency's signers (the latest one if periods overlap). */
export function competentSignerAt(records: readonly AgencySigner[], userSub: string, at: Date): AgencySigner | undefined {
  return records
    .filter((r) => r.userSub === userSub && signerValidAt(r, at))
    .sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
}
