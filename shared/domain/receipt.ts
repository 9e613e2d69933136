import type { DocumentKind } from './document';

/**
 * The service's own seal: the identity that signs verification receipts ("phiếu kết quả kiểm
 * tra"). It is no agency's seal — a receipt states what the service checked, not what an agency
 * certified — but it is looked up like one (`agency:<id>` in KMS_SIGNING_KEYS, an organisation
 * certificate in the dev PKI), so the signer provider needs no third kind of identity.
 */
export const SERVICE_SEAL = { id: 'service-seal', name: 'Hệ thống Bản sao điện tử' } as const;

/** The verdict as a receipt prints it: a headline a clerk can file. */
export const VERDICT_HEADLINES: Record<'authentic' | 'revoked' | 'tampered' | 'untrusted' | 'unknown', string> = {
  authentic: 'XÁC THỰC — bản sao điện tử hợp lệ, đúng với bản đã cấp',
  revoked: 'ĐÃ BỊ HỦY — bản sao đã bị cơ quan cấp hủy bỏ, không còn giá trị',
  tampered: 'ĐÃ BỊ THAY ĐỔI — tệp khác với bản đã cấp hoặc đã bị sửa sau khi ký',
  untrusted: 'KHÔNG TIN CẬY — chữ ký không thuộc tổ chức được tin cậy',
  unknown: 'KHÔNG XÁC ĐỊNH — không tìm thấy bản sao tương ứng trong sổ',
};

/** What kind of document was issued, in words. */
export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  'certify-copy': 'Bản sao chứng thực từ bản chính',
  'register-copy': 'Bản sao từ sổ gốc',
  book: 'Sổ chứng thực đã khóa',
  receipt: 'Phiếu kết quả kiểm tra bản sao điện tử',
};
