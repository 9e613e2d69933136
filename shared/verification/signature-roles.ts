import { displayName } from './chain';
import type { SignatureAnalysis } from './analyse-document';
import type { CertInfo } from './cert-info';
import type { Check, RegistryRecord } from './types';

/** Who signs each kind of document, in order: the official's signature, then the agency's seal. */
const ROLES: Record<string, readonly Role[]> = {
  // Decree 45/2020/NĐ-CP Art. 10: the certifying official signs, then the agency's seal.
  'certify-copy': ['official', 'seal'],
  // Decree 23/2015 Art. 14(1): the book is closed with the signature of the person who signs the
  // agency's certifications, and sealed (shared/use-cases/close-book.ts signs both).
  book: ['official', 'seal'],
  // Issue 14 settled a register copy on the agency's seal alone (shared/use-cases/issue-register-copy.ts).
  'register-copy': ['seal'],
  // A verification receipt is the service's own statement, sealed by the service's identity alone
  // (shared/domain/receipt.ts; shared/use-cases/verification-receipt.ts); it certifies nothing.
  receipt: ['seal'],
};
type Role = 'official' | 'seal';

/**
 * docs/signatures.md "Who must have signed": exactly the approval signatures the document's kind
 * calls for, in order, the last one the seal of the agency the registry names as issuer (its
 * certificate's CN and O are that agency), the ones before it personal certificates (not that
 * seal). A copy cut after the official's signature, a seal by another agency, a third approval
 * signature by any trusted key: each fails here even if the whole-file hash were not compared.
 */
export function signatureRolesCheck(signatures: SignatureAnalysis[], record: RegistryRecord | undefined): Check {
  const id = 'signature-roles';
  if (!record) return { id, passed: true, detail: 'Không có hồ sơ cấp cho biết loại giấy tờ nên không đối chiếu được ai phải ký.' };
  const roles = ROLES[record.kind];
  if (!roles) return { id, passed: false, detail: `Loại giấy tờ "${record.kind}" trong hồ sơ cấp không có quy định về chữ ký.` };
  const approvals = signatures.filter((s) => !s.docTimeStamp);
  const wanted = roles.map((role) => (role === 'seal' ? `con dấu điện tử của ${record.issuer}` : 'chữ ký của người có thẩm quyền')).join(', rồi ');
  if (approvals.length !== roles.length) {
    return {
      id, passed: false,
      detail: `Giấy tờ loại này phải có đúng ${roles.length} chữ ký phê duyệt (${wanted}); tệp có ${approvals.length}: tệp không phải là bản đã cấp.`,
    };
  }
  const problems: string[] = [];
  approvals.forEach((signature, i) => {
    const cert = signature.cms?.signer;
    if (!cert) return void problems.push(`không đọc được chứng thư của chữ ký "${signature.field.name}".`);
    const isSeal = isSealOf(cert, record.issuer);
    if (roles[i] === 'seal' && !isSeal) problems.push(`chữ ký thứ ${i + 1} ("${displayName(cert)}") không phải con dấu điện tử của ${record.issuer}.`);
    if (roles[i] === 'official' && isSeal) problems.push(`chữ ký thứ ${i + 1} phải là chữ ký cá nhân của người có thẩm quyền, không phải con dấu của cơ quan.`);
  });
  if (problems.length > 0) return { id, passed: false, detail: `Các chữ ký không đúng người ký mà loại giấy tờ này yêu cầu: ${problems.join(' ')}` };
  return { id, passed: true, detail: `Đúng các chữ ký loại giấy tờ này yêu cầu, theo thứ tự: ${wanted}.` };
}

/** A seal certificate names the organisation itself as subject (CN, and O when present). */
function isSealOf(cert: CertInfo, issuer: string): boolean {
  const same = (a: string | undefined) => a !== undefined && a.normalize('NFC').trim() === issuer.normalize('NFC').trim();
  return same(cert.commonName) && (cert.organization === undefined || same(cert.organization));
}
