import { formatTime } from './chain';
import type { DocumentAnalysis, SignatureAnalysis } from './analyse-document';
import type { Check, PadesLevel, RevocationFact } from './types';

export interface RevocationOutcome {
  check: Check;
  /** Per signature (same order as analysis.signatures); undefined for document time-stamps. */
  facts: (RevocationFact | undefined)[];
  /** Some signer certificate was revoked before its proven signing time. */
  revokedBeforeSigning: boolean;
  /** Every approval signer's (and TSA's) status could be told from data in the file. */
  covered: boolean;
}

/** Placeholder until the embedded CRLs/OCSP are read: nothing is known. */
export function revocationFacts(analysis: DocumentAnalysis): RevocationOutcome {
  const facts = analysis.signatures.map((s) => (s.docTimeStamp ? undefined : { status: 'unknown' as const }));
  return {
    check: { id: 'certificate-revocation', passed: true, detail: 'Tệp không kèm danh sách thu hồi (CRL) hay phản hồi OCSP: chưa kiểm tra được tình trạng thu hồi chứng thư của người ký từ chính tệp.' },
    facts,
    revokedBeforeSigning: false,
    covered: false,
  };
}

/** The time-stamps check: every token valid; says which time each signature proves and what /M only claims. */
export function timeStampsCheck(analysis: DocumentAnalysis): Check {
  const id = 'timestamps';
  const lines: string[] = [];
  let passed = true;
  for (const signature of analysis.signatures) {
    const name = `"${signature.field.name}"`;
    for (const stamp of signature.timeStamps) {
      if (!stamp.ok) {
        passed = false;
        lines.push(`${signature.docTimeStamp ? 'Dấu thời gian tài liệu' : `Dấu thời gian của chữ ký ${name}`}: ${stamp.detail}`);
      }
    }
    if (signature.docTimeStamp) {
      if (signature.bestSignatureTime !== undefined) lines.push(`Dấu thời gian tài liệu ${name} chứng minh toàn bộ tệp (kể cả dữ liệu kiểm tra) đã tồn tại lúc ${formatTime(signature.bestSignatureTime)}.`);
      continue;
    }
    lines.push(provenSentence(signature, name));
  }
  if (analysis.signatures.length === 0) return { id, passed: false, detail: 'Không có chữ ký số nào để kiểm tra dấu thời gian.' };
  return { id, passed, detail: lines.join(' ') };
}

function provenSentence(signature: SignatureAnalysis, name: string): string {
  const claim = signature.signedAt !== undefined ? ` (thời điểm người ký tự ghi: ${formatTime(signature.signedAt)})` : '';
  if (signature.bestSignatureTime !== undefined) {
    return `Chữ ký ${name} có dấu thời gian hợp lệ: chắc chắn đã được ký trước ${formatTime(signature.bestSignatureTime)}${claim}.`;
  }
  return `Chữ ký ${name} không có dấu thời gian hợp lệ: thời điểm ký${claim} chỉ là thời điểm người ký tự ghi, chưa được chứng minh.`;
}

/**
 * ETSI EN 319 142-1 §6: B-B valid approval signatures; B-T each with a valid signature time-stamp
 * (or a document time-stamp over it); B-LT the validation data for every signer in the file
 * (/DSS); B-LTA a document time-stamp over that data.
 */
export function padesLevel(analysis: DocumentAnalysis, revocation: RevocationOutcome): PadesLevel | undefined {
  const approvals = analysis.signatures.filter((s) => !s.docTimeStamp);
  if (approvals.length === 0 || approvals.some((s) => !s.cms?.signatureValid || !s.cms.digestMatches)) return undefined;
  const docStamps = analysis.signatures.filter((s) => s.docTimeStamp && s.timeStamps[0]?.ok);
  const timed = approvals.every((s) => s.bestSignatureTime !== undefined) || docStamps.length > 0;
  if (!timed) return 'B-B';
  const dssRevision = Math.min(...analysis.validationRevisions, ...docStamps.map((s) => s.revision ?? Infinity));
  if (!revocation.covered || !Number.isFinite(dssRevision)) return 'B-T';
  const archived = docStamps.some((s) => (s.revision ?? -1) >= dssRevision);
  return archived ? 'B-LTA' : 'B-LT';
}

const LEVEL_TEXT: Record<PadesLevel, string> = {
  'B-B': 'PAdES B-B: chữ ký số cơ bản, thời điểm ký chỉ là thời điểm người ký tự ghi.',
  'B-T': 'PAdES B-T: chữ ký có dấu thời gian của đơn vị cấp dấu thời gian, chứng minh thời điểm ký.',
  'B-LT': 'PAdES B-LT: tệp kèm đủ dữ liệu kiểm tra (chứng thư, danh sách thu hồi/OCSP) để kiểm tra lâu dài mà không cần hỏi lại tổ chức chứng thực.',
  'B-LTA': 'PAdES B-LTA: tệp kèm dữ liệu kiểm tra và dấu thời gian tài liệu bao trùm chúng, giữ được giá trị kiểm chứng lâu dài.',
};

/** Informational: the level never fails a copy (old B-B copies stay authentic). */
export function levelCheck(level: PadesLevel | undefined): Check {
  return level
    ? { id: 'pades-level', passed: true, detail: `Mức chữ ký: ${LEVEL_TEXT[level]}` }
    : { id: 'pades-level', passed: true, detail: 'Không xác định được mức chữ ký PAdES vì không có chữ ký phê duyệt hợp lệ.' };
}
