import { readRevisionChain, WorkBudget, type RevisionChain } from '../pdf-syntax';
import { evaluateChain, type ChainResult } from './chain';
import { parseCms, verifyCms, type CmsVerification } from './cms';
import { hashRanges, hashRangesWith } from './range-hash';
import { signatureRevisionProblems } from './revision-diff';
import { asStructureError } from './errors';
import { checkByteRange, nameEntry, parsePdfDate, textEntry, type ByteRangeResult } from './signature-dictionary';
import { findSignatureFields, strayByteRanges, type SignatureField } from './signature-fields';
import type { TrustList } from './trust-list';
import { verifyCodeInInfo, verifyCodeInRawBytes } from './verify-code-source';

/** Sub-filters whose /Contents is a detached CMS over the byte ranges. */
const DETACHED = new Set(['ETSI.CAdES.detached', 'adbe.pkcs7.detached']);
export const PADES_SUBFILTER = 'ETSI.CAdES.detached';
export const NO_SIGNATURE = 'Tệp không có chữ ký số nào.';

export interface Outcome {
  ok: boolean;
  detail: string;
}

export interface SignatureAnalysis {
  field: SignatureField;
  subFilter: string;
  signedAt?: number;
  byteRange: ByteRangeResult;
  /** Index of the revision this signature closes (its second range ends with it). */
  revision?: number;
  /** A sub-filter whose /Contents is not a detached CMS (not checked, never authentic). */
  unsupportedSubFilter: boolean;
  /** Whether the CMS could be read at all (else the checks that need it fail as FORMAT_FAILURE). */
  cmsReadable: boolean;
  cmsProblem?: string;
  cms?: CmsVerification;
  chain?: ChainResult;
}

export interface DocumentAnalysis {
  structure: Outcome & { unsupported: boolean };
  chain?: RevisionChain;
  /** Ordered by where their signed bytes end: the official's first, the agency's last. */
  signatures: SignatureAnalysis[];
  discovery: Outcome;
  /** Some sign of a signature that could not be examined: a stray /ByteRange, an unreadable form. */
  signatureTraces: boolean;
  revisions: Outcome;
  coverage: Outcome;
  fileSha256: Buffer;
  /** The code read inside the first signature's signed revision. */
  signedCode?: string;
  /** Whether that signature is intact, so the code is evidence and not only a hint. */
  signedCodeIntact: boolean;
  /** The code of the final revision, or found in the raw bytes: a lookup hint only. */
  hintCode?: string;
}

/**
 * Everything that can be said about a PDF without the registry: structure, the signatures found
 * through the AcroForm (cross-checked with a raw /ByteRange scan), their byte ranges, the
 * revisions after the first signature, each CMS, chain and signing-time validity. Never throws
 * on file content: every problem ends up in an Outcome.
 */
export function analyseDocument(buf: Uint8Array, trust: TrustList, now: Date): DocumentAnalysis {
  const budget = new WorkBudget();
  let chain: RevisionChain | undefined;
  let structure: DocumentAnalysis['structure'] = { ok: true, unsupported: false, detail: 'Cấu trúc PDF đọc được: bảng tham chiếu chéo và các phiên bản của tệp hợp lệ.' };
  try {
    chain = readRevisionChain(buf, budget);
    if (chain.trailingBytes > 0) structure = { ok: false, unsupported: false, detail: `Tệp có ${chain.trailingBytes} byte lạ sau phần kết thúc (%%EOF) cuối cùng đọc được: tệp bị cắt cụt hoặc bị ghép thêm dữ liệu.` };
  } catch (error) {
    const reason = asStructureError(error);
    structure = reason.unsupported
      ? { ok: false, unsupported: true, detail: `Tệp PDF dùng tính năng hệ thống không kiểm tra được (chi tiết kỹ thuật: ${reason.message}); không phải định dạng bản sao do hệ thống cấp.` }
      : { ok: false, unsupported: false, detail: `Cấu trúc PDF bị hỏng, không đọc được (chi tiết kỹ thuật: ${reason.message}): tệp có thể đã bị cắt cụt hoặc sửa đổi.` };
  }

  let fields: SignatureField[] = [];
  let discovery: Outcome = { ok: true, detail: '' };
  let formUnreadable = false;
  if (chain) {
    try {
      fields = findSignatureFields(chain.views[chain.views.length - 1]);
    } catch (error) {
      formUnreadable = true;
      discovery = { ok: false, detail: `Không đọc được các trường chữ ký của tệp (chi tiết kỹ thuật: ${asStructureError(error).message}).` };
    }
  }
  if (discovery.ok) {
    discovery = fields.length === 0
      ? { ok: false, detail: NO_SIGNATURE }
      : { ok: true, detail: `Tìm thấy ${fields.length} chữ ký số: ${fields.map((f) => `"${f.name}"`).join(', ')}.` };
  }

  const signatures: SignatureAnalysis[] = fields.map((field) => {
    const subFilter = nameEntry(field.dict, 'SubFilter');
    return {
      field,
      subFilter,
      signedAt: parsePdfDate(textEntry(field.dict, 'M')),
      byteRange: checkByteRange(buf, field),
      unsupportedSubFilter: !DETACHED.has(subFilter),
      cmsReadable: false,
    };
  });
  signatures.sort((a, b) => (a.byteRange.ranges?.end ?? a.field.sigObjectOffset) - (b.byteRange.ranges?.end ?? b.field.sigObjectOffset));

  const hashes = hashRanges(buf, signatures.map((s) => s.byteRange.ranges));
  signatures.forEach((signature, i) => verifySignature(buf, signature, hashes.perSignature[i], trust, now));

  const revisions = checkRevisions(chain, signatures, structure.ok);
  const coverage = checkCoverage(buf, signatures);

  let signedCode: string | undefined;
  let signedCodeIntact = false;
  const first = signatures[0];
  if (chain && first?.revision !== undefined) {
    signedCode = verifyCodeInInfo(chain.views[first.revision]);
    signedCodeIntact = first.byteRange.ok && !!first.cms?.digestMatches && !!first.cms.signatureValid;
  }
  // Only a lookup hint, so only looked for when the signed revision holds no code.
  const hintCode = signedCode ? undefined : (chain ? verifyCodeInInfo(chain.views[chain.views.length - 1]) : undefined) ?? verifyCodeInRawBytes(buf);
  return {
    structure, chain, signatures, discovery, signatureTraces: formUnreadable, revisions, coverage,
    fileSha256: hashes.whole, signedCode, signedCodeIntact, hintCode,
  };
}

/**
 * The raw cross-check: a `/ByteRange` outside every signature dictionary the form leads to is a
 * hidden or leftover signature. Costs a scan of the whole file, so verifyPdf skips it for a file
 * byte-identical to one we issued (our signer never writes such a dictionary).
 */
export function applyRawSignatureScan(buf: Uint8Array, analysis: DocumentAnalysis): void {
  const stray = strayByteRanges(buf, analysis.signatures.map((s) => s.field));
  if (stray.length === 0) return;
  analysis.signatureTraces = true;
  const hidden = `Tệp chứa ${stray.length} từ điển chữ ký ẩn không gắn với trường chữ ký nào (dấu hiệu giả mạo hoặc tệp bị ghép).`;
  analysis.discovery = { ok: false, detail: analysis.discovery.ok ? hidden : `${analysis.discovery.detail} ${hidden}` };
}

function verifySignature(buf: Uint8Array, signature: SignatureAnalysis, sha256: Buffer | undefined, trust: TrustList, now: Date): void {
  const { byteRange } = signature;
  if (!byteRange.ok || !byteRange.ranges || !byteRange.contents || !sha256) return;
  if (signature.unsupportedSubFilter) {
    signature.cmsProblem = `Định dạng chữ ký "${signature.subFilter || 'không ghi'}" không được hỗ trợ.`;
    return;
  }
  const ranges = byteRange.ranges;
  try {
    const parsed = parseCms(byteRange.contents);
    signature.cmsReadable = true;
    signature.cms = verifyCms(parsed, (hash) => (hash === 'sha256' ? sha256 : hashRangesWith(buf, ranges, hash)), trust);
  } catch (error) {
    signature.cmsProblem = `Giá trị chữ ký (/Contents) không phải là một chữ ký CMS đọc được (chi tiết kỹ thuật: ${(error as Error).message}).`;
    return;
  }
  if (signature.cms.signer) {
    signature.chain = evaluateChain(signature.cms.signer, signature.cms.pool, trust, signature.signedAt, now.getTime());
  }
}

/**
 * Rule 2: every signature closes a revision; after the first signature, every revision is one
 * that adds the next signature and changes nothing else (see revision-diff.ts).
 */
function checkRevisions(chain: RevisionChain | undefined, signatures: SignatureAnalysis[], structureOk: boolean): Outcome {
  if (!chain) return { ok: false, detail: 'Không phân tích được các phiên bản của tệp vì cấu trúc PDF bị hỏng.' };
  if (signatures.length === 0) return { ok: false, detail: 'Không có chữ ký nên không có phiên bản được ký để đối chiếu.' };
  const problems: string[] = [];
  if (!structureOk) problems.push('Phần cuối tệp không thuộc phiên bản nào đọc được.');
  const closedBy = new Map<number, SignatureAnalysis>();
  const finalView = chain.views[chain.views.length - 1];
  for (const signature of signatures) {
    const end = signature.byteRange.ranges?.end;
    const index = end === undefined ? -1 : chain.revisions.findIndex((revision) => revision.end === end || revision.endWithEol === end);
    const name = signature.field.name;
    if (index < 0) {
      problems.push(`Chữ ký "${name}" không kết thúc đúng ở cuối một phiên bản của tệp.`);
      continue;
    }
    const revision = chain.revisions[index];
    if (closedBy.has(index)) problems.push(`Hai chữ ký cùng kết thúc ở phiên bản ${index + 1}.`);
    closedBy.set(index, signature);
    signature.revision = index;
    if (signature.field.sigObjectOffset < revision.start || signature.field.sigObjectOffset >= revision.end) {
      problems.push(`Từ điển của chữ ký "${name}" không nằm trong phiên bản mà chữ ký đó niêm phong.`);
    }
    try {
      if (finalView.offsetOf(signature.field.fieldRef) >= end!) problems.push(`Trường chữ ký "${name}" đã bị thay thế sau khi ký.`);
    } catch {
      problems.push(`Không đọc được trường chữ ký "${name}".`);
    }
  }
  const sealed = [...closedBy.keys()];
  if (sealed.length > 0) {
    const firstSealed = Math.min(...sealed);
    for (let index = firstSealed + 1; index < chain.revisions.length; index++) {
      const signature = closedBy.get(index);
      if (!signature) {
        problems.push(`Phiên bản ${index + 1} của tệp được thêm vào sau chữ ký đầu tiên mà không kèm chữ ký nào: nội dung có thể đã bị thay đổi (tấn công lưu gia tăng).`);
        continue;
      }
      const found = signatureRevisionProblems(chain.views[index - 1], chain.views[index], {
        objectNum: signature.field.sigRef?.num,
        fieldNum: signature.field.fieldRef.num,
      });
      if (found.length > 0) problems.push(`Bản cập nhật thêm chữ ký "${signature.field.name}" còn: ${found.slice(0, 8).join(' ')}`);
    }
  }
  if (problems.length > 0) return { ok: false, detail: problems.join(' ') };
  const count = chain.revisions.length;
  return {
    ok: true,
    detail: signatures.length > 1
      ? `Tệp có ${count} phiên bản; sau chữ ký đầu tiên chỉ có thêm các chữ ký tiếp theo, nội dung đã ký không bị thay đổi.`
      : `Tệp có ${count} phiên bản; chữ ký niêm phong phiên bản cuối cùng.`,
  };
}

function checkCoverage(buf: Uint8Array, signatures: SignatureAnalysis[]): Outcome {
  const last = signatures[signatures.length - 1];
  if (!last) return { ok: false, detail: 'Không có chữ ký nào bao trùm tệp.' };
  const end = last.byteRange.ranges?.end;
  if (end === undefined) return { ok: false, detail: `Không xác định được phạm vi của chữ ký cuối cùng "${last.field.name}".` };
  if (end !== buf.length) {
    return {
      ok: false,
      detail: `Có ${buf.length - end} byte nằm sau phạm vi của chữ ký cuối cùng "${last.field.name}": tệp đã bị sửa hoặc thêm nội dung sau khi ký.`,
    };
  }
  return { ok: true, detail: `Chữ ký cuối cùng "${last.field.name}" bao trùm toàn bộ tệp: không có gì được thêm vào sau khi ký.` };
}
