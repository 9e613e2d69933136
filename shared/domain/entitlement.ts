/**
 * Who may have a copy from a master register, and how the service decides it.
 *
 * Decree 23/2015/NĐ-CP Art. 16(2): the person the original was issued to (the entry's subject);
 * their legal representative or a representative they authorised; where the subject has died,
 * their parents, children, spouse, siblings and other heirs. Art. 17(1), as amended by Decree
 * 07/2025/NĐ-CP: the requester shows an identity document (the electronic ID included) and, when
 * they are not the subject, the papers proving the relationship or the authorisation. Art. 17(2):
 * where there is no register or no information in it, the agency answers in writing.
 */
import * as z from 'zod';
import { ConflictError } from './errors';
import type { RegisterEntry } from './register';
import { searchKey } from './register';
import type { RegisterTypeRule } from './register-types';

/** The ground the requester declares (Decree 23/2015 Art. 16(2)). */
export const EntitlementGroundSchema = z.enum(['self', 'legal-representative', 'authorised-representative', 'relative-of-deceased', 'heir-of-deceased']);
export type EntitlementGround = z.infer<typeof EntitlementGroundSchema>;

/** Vietnamese labels of the grounds, for forms and the written reply. */
export const ENTITLEMENT_GROUND_LABELS: Readonly<Record<EntitlementGround, string>> = {
  self: 'Người được cấp bản chính (chính mình)',
  'legal-representative': 'Người đại diện theo pháp luật (cha, mẹ, người giám hộ)',
  'authorised-representative': 'Người đại diện theo ủy quyền (có văn bản ủy quyền)',
  'relative-of-deceased': 'Cha, mẹ, con, vợ, chồng, anh, chị, em ruột của người đã chết',
  'heir-of-deceased': 'Người thừa kế khác của người đã chết',
};

/**
 * Where the entitlement stands: `verified` — the requester's verified ID number is the entry's
 * subject (nothing to prove); `pending` — an official must look at the entry and the evidence;
 * `accepted` / `refused` — what the official decided.
 */
export const EntitlementStatusSchema = z.enum(['verified', 'pending', 'accepted', 'refused']);
export type EntitlementStatus = z.infer<typeof EntitlementStatusSchema>;

/** Why a register copy is refused: Decree 23/2015 Art. 16(2) and Art. 17(2), not Art. 22 (which is about originals). */
export const RegisterRefusalGroundSchema = z.enum(['not-entitled', 'no-information']);
export type RegisterRefusalGround = z.infer<typeof RegisterRefusalGroundSchema>;

/** The grounds as the written reply states them, with their article. */
export const REGISTER_REFUSAL_GROUNDS: Readonly<Record<RegisterRefusalGround, { text: string; basis: string }>> = {
  'not-entitled': {
    text: 'Người yêu cầu không thuộc trường hợp có quyền yêu cầu cấp bản sao từ sổ gốc hoặc không xuất trình được giấy tờ chứng minh quan hệ với người được cấp bản chính.',
    basis: 'Khoản 2 Điều 16 và khoản 1 Điều 17 Nghị định số 23/2015/NĐ-CP (khoản 1 Điều 17 được sửa đổi bởi Nghị định số 07/2025/NĐ-CP)',
  },
  'no-information': {
    text: 'Không còn lưu trữ được sổ gốc hoặc trong sổ gốc không có thông tin về nội dung yêu cầu cấp bản sao.',
    basis: 'Khoản 2 Điều 17 Nghị định số 23/2015/NĐ-CP',
  },
};

export const EntitlementDecisionSchema = z.object({
  decision: z.enum(['accepted', 'refused']),
  note: z.string(),
  refusalGround: RegisterRefusalGroundSchema.optional(),
  at: z.string(),
  by: z.object({ sub: z.string(), name: z.string().optional(), agencyId: z.string().optional() }),
});

/** The entitlement of a register-copy request, as stored on it. Holds only what the requester declared and the decisions — nothing read from the entry. */
export const EntitlementSchema = z.object({
  ground: EntitlementGroundSchema,
  /** The subject as the requester names them (required unless asking for their own record). */
  subjectName: z.string().optional(),
  subjectBirthDate: z.string().optional(),
  status: EntitlementStatusSchema,
  decision: EntitlementDecisionSchema.optional(),
});
export type Entitlement = z.infer<typeof EntitlementSchema>;

/** What the requester claims about the entry: who they are, and the subject as they name them. */
export interface SubjectClaim {
  /** The verified ID number of the person asking (the sign-in's CCCD, or the one checked at the counter). */
  requesterId: string;
  subjectName?: string;
  subjectBirthDate?: string;
}

/**
 * Whether the entry names the requester as its subject: the entry's ID field equals the
 * requester's verified ID number, and any name or date of birth given agree with the entry. An
 * entry that does not exist, a register type without a declared ID field, or any difference is
 * simply "no" — the caller must not tell these apart to the requester (no oracle).
 */
export function isSubjectOf(rule: RegisterTypeRule | undefined, entry: RegisterEntry | undefined, claim: SubjectClaim): boolean {
  if (!rule || !entry) return false;
  const id = entry.data[rule.subjectIdField];
  if (!id || id !== claim.requesterId) return false;
  if (claim.subjectName !== undefined && searchKey(claim.subjectName) !== searchKey(entry.data[rule.subjectNameField] ?? '')) return false;
  if (claim.subjectBirthDate !== undefined && claim.subjectBirthDate !== entry.data[rule.subjectBirthDateField]) return false;
  return true;
}

/** Whether the details a requester gave agree with the entry (for the official's view). */
export function detailsMatch(rule: RegisterTypeRule | undefined, entry: RegisterEntry, claim: Omit<SubjectClaim, 'requesterId'>): { name?: boolean; birthDate?: boolean } {
  if (!rule) return {};
  return {
    ...(claim.subjectName !== undefined ? { name: searchKey(claim.subjectName) === searchKey(entry.data[rule.subjectNameField] ?? '') } : {}),
    ...(claim.subjectBirthDate !== undefined ? { birthDate: claim.subjectBirthDate === entry.data[rule.subjectBirthDateField] } : {}),
  };
}

/** True once the requester's right to the copy is established: their own record, or an official accepted the evidence (Art. 16(2), 17(1)). */
export function isEntitled(entitlement: Entitlement | undefined): boolean {
  return entitlement?.status === 'verified' || entitlement?.status === 'accepted';
}

/** A register copy is issued only to someone entitled (Decree 23/2015 Art. 16(2)); otherwise 409. */
export function assertEntitled(entitlement: Entitlement | undefined): void {
  if (!isEntitled(entitlement)) {
    throw new ConflictError('Chưa xác định người yêu cầu có quyền yêu cầu cấp bản sao từ sổ gốc (Điều 16 Nghị định 23/2015/NĐ-CP): cán bộ phải chấp nhận giấy tờ chứng minh trước khi cấp.', {
      extra: { entitlement: entitlement?.status ?? 'none' },
    });
  }
}
