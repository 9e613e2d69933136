/**
 * Why an original cannot be certified.
 *
 * Decree 23/2015/NĐ-CP Art. 22 lists the originals that may not serve as the basis for a
 * certified copy; a refusal must be given with its reason in writing. The codes below are stable
 * (stored and sent over the API); the Vietnamese labels follow the decree's wording. `other`
 * covers a reason outside the list and requires a free-text explanation.
 */
import * as z from 'zod';
import { REFUSAL_CODES } from '../contracts/refusal-codes';
import { ValidationError } from './errors';

/** Stable codes of the reasons for refusing an original (Decree 23/2015 Art. 22), plus `other`. */
export const RefusalReasonCodeSchema = z.enum(REFUSAL_CODES);
export type RefusalReasonCode = z.infer<typeof RefusalReasonCodeSchema>;

/** Longest free-text detail accepted with a refusal. */
export const MAX_REFUSAL_DETAIL_LENGTH = 1000;

/** Vietnamese labels of the reasons, in the wording of Decree 23/2015 Art. 22. */
export const REFUSAL_REASON_LABELS: Readonly<Record<RefusalReasonCode, string>> = {
  altered: 'Bản chính bị tẩy xóa, sửa chữa, thêm, bớt nội dung không hợp lệ',
  damaged: 'Bản chính bị hư hỏng, cũ nát, không xác định được nội dung',
  'secret-or-no-copy':
    'Bản chính đóng dấu mật của cơ quan, tổ chức có thẩm quyền hoặc không đóng dấu mật nhưng ghi rõ không được sao chụp',
  'unlawful-content':
    'Bản chính có nội dung trái pháp luật, đạo đức xã hội; tuyên truyền, kích động chiến tranh, chống chế độ ' +
    'xã hội chủ nghĩa Việt Nam; xuyên tạc lịch sử của dân tộc Việt Nam; xúc phạm danh dự, nhân phẩm, uy tín ' +
    'của cá nhân, tổ chức; vi phạm quyền công dân',
  'foreign-not-legalised':
    'Bản chính do cơ quan, tổ chức có thẩm quyền của nước ngoài cấp, công chứng hoặc chứng nhận chưa được ' +
    'hợp pháp hóa lãnh sự theo quy định tại Khoản 1 Điều 20 của Nghị định này',
  'self-made-unconfirmed':
    'Giấy tờ, văn bản do cá nhân tự lập nhưng không có xác nhận và đóng dấu của cơ quan, tổ chức có thẩm quyền',
  other: 'Lý do khác',
};

const LEGAL_BASIS = 'Điều 22 Nghị định số 23/2015/NĐ-CP';

/** The clause (khoản) of Decree 23/2015 Art. 22 each ground quotes; `other` has none. */
export const ART_22_CLAUSES: Readonly<Record<Exclude<RefusalReasonCode, 'other'>, number>> = {
  altered: 1,
  damaged: 2,
  'secret-or-no-copy': 3,
  'unlawful-content': 4,
  'foreign-not-legalised': 5,
  'self-made-unconfirmed': 6,
};

/**
 * The legal ground as a written refusal states it: "Khoản 3 Điều 22 Nghị định số 23/2015/NĐ-CP:
 * <the clause in the decree's words>."; undefined for `other` (no clause of Art. 22 applies).
 */
export function art22Ground(code: RefusalReasonCode): string | undefined {
  if (code === 'other') return undefined;
  return `Khoản ${ART_22_CLAUSES[code]} ${LEGAL_BASIS}: ${REFUSAL_REASON_LABELS[code]}.`;
}

/** A refusal as the API receives it: a code and, for `other` (required) or any code, a detail. */
export const RefusalSchema = z
  .object({
    code: RefusalReasonCodeSchema,
    detail: z.string().trim().max(MAX_REFUSAL_DETAIL_LENGTH).optional(),
  })
  .refine((r) => r.code !== 'other' || (r.detail !== undefined && r.detail !== ''), {
    message: 'Lý do khác cần được ghi rõ.',
    path: ['detail'],
  });
export type Refusal = z.infer<typeof RefusalSchema>;

/**
 * The written reason for a refusal: the Art. 22 ground with its legal basis, then the detail if
 * any; for `other`, the detail itself. ValidationError for an unknown code or `other` without text.
 */
export function refusalText(code: RefusalReasonCode, detail?: string): string {
  const parsedCode = RefusalReasonCodeSchema.safeParse(code);
  if (!parsedCode.success) throw new ValidationError(`Mã lý do từ chối không hợp lệ: ${String(code)}.`);
  const note = typeof detail === 'string' ? detail.replace(/\s+/g, ' ').trim() : '';
  if (note.length > MAX_REFUSAL_DETAIL_LENGTH) {
    throw new ValidationError(`Lý do từ chối dài quá ${MAX_REFUSAL_DETAIL_LENGTH} ký tự.`);
  }
  if (parsedCode.data === 'other') {
    if (note === '') throw new ValidationError('Lý do khác cần được ghi rõ.');
    return note;
  }
  const ground = `${REFUSAL_REASON_LABELS[parsedCode.data]} (${LEGAL_BASIS}).`;
  return note === '' ? ground : `${ground} ${note}`;
}
