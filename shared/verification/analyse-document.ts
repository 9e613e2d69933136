import { readRevisionChain, WorkBudget, type RevisionChain } from '../pdf-syntax';
import { evaluateChain, type ChainResult } from './chain';
import { createHash } from 'node:crypto';
import { OID, type DigestName } from '../asn1';
import { parseCms, verifyCms, type CmsVerification, type ParsedCms } from './cms';
import { verifyTimeStampToken, type TimeStampResult } from './timestamp-token';
import { hashRanges, hashRangesWith } from './range-hash';
import { dssRevisionProblems, signatureRevisionProblems } from './revision-diff';
import { asStructureError } from './errors';
import { checkByteRange, nameEntry, parsePdfDate, textEntry, type ByteRangeResult } from './signature-dictionary';
import { findSignatureFields, strayByteRanges, type SignatureField } from './signature-fields';
import type { TrustList } from './trust-list';
import { verifyCodeInInfo, verifyCodeInRawBytes } from './verify-code-source';

/** Sub-filters whose /Contents is a detached CMS over the byte ranges. */
const DETACHED = new Set(['ETSI.CAdES.detached', 'adbe.pkcs7.detached']);
export const PADES_SUBFILTER = 'ETSI.CAdES.detached';
/** The sub-filter of a document time-stamp (ETSI EN 319 142-1 §5.4.3, ISO 32000-2 §12.8.5). */
export const DOC_TIMESTAMP_SUBFILTER = 'ETSI.RFC3161';
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
  /** A document time-stamp (/Type /DocTimeStamp): evidence of time over the file, not an approval. */
  docTimeStamp: boolean;
  /** Whether the CMS could be read at all (else the checks that need it fail as FORMAT_FAILURE). */
  cmsReadable: boolean;
  cmsProblem?: string;
  cms?: CmsVerification;
  chain?: ChainResult;
  /** Approval signature: each signature time-stamp token (unsigned attribute), validated. Document time-stamp: its own token. */
  timeStamps: TimeStampResult[];
  /** The earliest genTime of a valid signature time-stamp (or the document time-stamp's own genTime): the proof of time. */
  bestSignatureTime?: number;
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
  /** Revisions after the last signature, each adding validation data only (B-LT after the seal). */
  validationRevisions: number[];
  /** Index of the revision the last approval signature (the seal) closes. */
  sealRevision?: number;
  coverage: Outcome;
  fileSha256: Buffer;
  /** SHA-256 of the bytes up to the end of the seal's signed range (the sealed prefix of a renewed copy). */
  sealedPrefix?: { length: number; sha256: Buffer };
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
    const docTimeStamp = nameEntry(field.dict, 'Type') === 'DocTimeStamp' || subFilter === DOC_TIMESTAMP_SUBFILTER;
    return {
      field,
      subFilter,
      signedAt: parsePdfDate(textEntry(field.dict, 'M')),
      byteRange: checkByteRange(buf, field),
      unsupportedSubFilter: docTimeStamp ? subFilter !== DOC_TIMESTAMP_SUBFILTER : !DETACHED.has(subFilter),
      docTimeStamp,
      cmsReadable: false,
      timeStamps: [],
    };
  });
  signatures.sort((a, b) => (a.byteRange.ranges?.end ?? a.field.sigObjectOffset) - (b.byteRange.ranges?.end ?? b.field.sigObjectOffset));

  // The seal's signed bytes end where a renewed copy's sealed prefix ends (RegistryRecord.sealed).
  const sealEnd = signatures.filter((s) => !s.docTimeStamp).at(-1)?.byteRange.ranges?.end;
  const hashes = hashRanges(buf, signatures.map((s) => s.byteRange.ranges), sealEnd === undefined ? [] : [sealEnd]);
  signatures.forEach((signature, i) => verifySignature(buf, signature, hashes.perSignature[i], trust, now));

  const { outcome: revisions, validationRevisions, sealRevision } = checkRevisions(chain, signatures, structure.ok);
  const coverage = checkCoverage(buf, signatures, chain, validationRevisions);

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
    structure, chain, signatures, discovery, signatureTraces: formUnreadable, revisions, validationRevisions, sealRevision, coverage,
    fileSha256: hashes.whole, sealedPrefix: sealEnd === undefined ? undefined : { length: sealEnd, sha256: hashes.prefixes.get(sealEnd)! }, signedCode, signedCodeIntact, hintCode,
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
  const rangeDigest = (hash: DigestName) => (hash === 'sha256' ? sha256 : hashRangesWith(buf, ranges, hash));
  if (signature.docTimeStamp) {
    // ETSI EN 319 142-1 §5.4.3: the token's imprint is the digest of the byte ranges themselves.
    const result = verifyTimeStampToken(byteRange.contents, rangeDigest, trust, now.getTime());
    signature.timeStamps = [result];
    signature.cmsReadable = result.failure !== 'FORMAT_FAILURE';
    if (result.ok) signature.bestSignatureTime = result.genTime;
    return;
  }
  let parsed: ParsedCms;
  try {
    parsed = parseCms(byteRange.contents);
    signature.cmsReadable = true;
    signature.cms = verifyCms(parsed, rangeDigest, trust);
  } catch (error) {
    signature.cmsProblem = `Giá trị chữ ký (/Contents) không phải là một chữ ký CMS đọc được (chi tiết kỹ thuật: ${(error as Error).message}).`;
    return;
  }
  // ETSI EN 319 122-1 §5.3: a signature time-stamp covers the SignerInfo's signature value.
  const tokens = (parsed.unsignedAttrs.get(OID.signatureTimeStampToken) ?? []).slice(0, MAX_TIMESTAMPS);
  const signatureValue = parsed.signature;
  signature.timeStamps = tokens.map((token) => {
    try {
      return verifyTimeStampToken(token, (hash) => createHash(hash).update(signatureValue).digest(), trust, now.getTime());
    } catch (error) {
      return { ok: false, failure: 'FORMAT_FAILURE' as const, detail: `Không đọc được dấu thời gian (chi tiết kỹ thuật: ${(error as Error).message}).` };
    }
  });
  const proven = signature.timeStamps.filter((t) => t.ok && t.genTime !== undefined).map((t) => t.genTime!);
  if (proven.length > 0) signature.bestSignatureTime = Math.min(...proven);
  if (signature.cms.signer) {
    // ETSI EN 319 102-1 §5.6.2.1: validity is judged at the best signature time, /M being only a claim.
    signature.chain = evaluateChain(signature.cms.signer, signature.cms.pool, trust, signature.bestSignatureTime ?? signature.signedAt, now.getTime());
  }
}

/** Signature time-stamps examined per signature: renewals add few; more is not a copy of ours. */
const MAX_TIMESTAMPS = 8;

/**
 * Rule 2: every signature closes a revision; after the first approval signature, every revision up
 * to the seal adds the next approval signature and changes nothing else (see revision-diff.ts).
 * After the seal (the last approval signature) a revision may only add validation data (/DSS) or a
 * document time-stamp (ETSI EN 319 142-1 §5.4, B-LT and B-LTA): a further approval signature, by
 * any key, would sit between the seal and that data, and is refused here.
 */
function checkRevisions(
  chain: RevisionChain | undefined, signatures: SignatureAnalysis[], structureOk: boolean,
): { outcome: Outcome; validationRevisions: number[]; sealRevision?: number } {
  const validationRevisions: number[] = [];
  if (!chain) return { outcome: { ok: false, detail: 'Không phân tích được các phiên bản của tệp vì cấu trúc PDF bị hỏng.' }, validationRevisions };
  if (signatures.length === 0) return { outcome: { ok: false, detail: 'Không có chữ ký nên không có phiên bản được ký để đối chiếu.' }, validationRevisions };
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
  const approvals = [...closedBy.entries()].filter(([, s]) => !s.docTimeStamp).map(([index]) => index);
  let sealRevision: number | undefined;
  if (closedBy.size > 0 && approvals.length === 0) problems.push('Tệp chỉ có dấu thời gian tài liệu, không có chữ ký phê duyệt nào.');
  if (approvals.length > 0) {
    const firstSealed = Math.min(...approvals);
    sealRevision = Math.max(...approvals);
    for (let index = firstSealed + 1; index <= sealRevision; index++) {
      const signature = closedBy.get(index);
      if (!signature) {
        problems.push(`Phiên bản ${index + 1} của tệp được thêm vào sau chữ ký đầu tiên mà không kèm chữ ký nào: nội dung có thể đã bị thay đổi (tấn công lưu gia tăng).`);
        continue;
      }
      if (signature.docTimeStamp) {
        problems.push(`Dấu thời gian tài liệu "${signature.field.name}" nằm trước một chữ ký phê duyệt: sau dấu thời gian tài liệu không được ký thêm.`);
        continue;
      }
      const found = signatureRevisionProblems(chain.views[index - 1], chain.views[index], {
        objectNum: signature.field.sigRef?.num,
        fieldNum: signature.field.fieldRef.num,
      });
      if (found.length > 0) problems.push(`Bản cập nhật thêm chữ ký "${signature.field.name}" còn: ${found.slice(0, 8).join(' ')}`);
    }
    const dss = { firstNew: chain.revisions[sealRevision].size };
    for (let index = sealRevision + 1; index < chain.revisions.length; index++) {
      const signature = closedBy.get(index);
      const found = signature
        ? signatureRevisionProblems(chain.views[index - 1], chain.views[index], { objectNum: signature.field.sigRef?.num, fieldNum: signature.field.fieldRef.num }, { dss })
        : dssRevisionProblems(chain.views[index - 1], chain.views[index], dss);
      if (found.length > 0) {
        problems.push(signature
          ? `Bản cập nhật thêm dấu thời gian tài liệu "${signature.field.name}" sau con dấu còn: ${found.slice(0, 8).join(' ')}`
          : `Phiên bản ${index + 1} của tệp được thêm vào sau chữ ký cuối cùng mà không kèm chữ ký nào, và không chỉ bổ sung dữ liệu kiểm tra (DSS): ${found.slice(0, 8).join(' ')}`);
      } else if (!signature) validationRevisions.push(index);
    }
  }
  if (problems.length > 0) return { outcome: { ok: false, detail: problems.join(' ') }, validationRevisions, sealRevision };
  const count = chain.revisions.length;
  const approvalCount = approvals.length;
  const after = chain.revisions.length - 1 - sealRevision!;
  const tail = after > 0 ? ` Sau chữ ký cuối cùng chỉ có ${after} bản cập nhật bổ sung dữ liệu kiểm tra dài hạn (DSS) hoặc dấu thời gian tài liệu, không đổi nội dung.` : '';
  return {
    outcome: {
      ok: true,
      detail: (approvalCount > 1
        ? `Tệp có ${count} phiên bản; sau chữ ký đầu tiên chỉ có thêm các chữ ký tiếp theo, nội dung đã ký không bị thay đổi.`
        : `Tệp có ${count} phiên bản; chữ ký niêm phong nội dung của tệp.`) + tail,
    },
    validationRevisions,
    sealRevision,
  };
}

function checkCoverage(buf: Uint8Array, signatures: SignatureAnalysis[], chain: RevisionChain | undefined, validationRevisions: number[]): Outcome {
  const last = signatures[signatures.length - 1];
  if (!last) return { ok: false, detail: 'Không có chữ ký nào bao trùm tệp.' };
  const end = last.byteRange.ranges?.end;
  if (end === undefined) return { ok: false, detail: `Không xác định được phạm vi của chữ ký cuối cùng "${last.field.name}".` };
  // B-LT: the bytes after the last signature are revisions that only add validation data.
  const tail = chain && last.revision !== undefined ? chain.revisions.slice(last.revision + 1) : [];
  if (end !== buf.length && tail.length > 0 && tail.every((r) => validationRevisions.includes(r.index)) && (tail[tail.length - 1].end === buf.length || tail[tail.length - 1].endWithEol === buf.length)) {
    return { ok: true, detail: `Chữ ký cuối cùng "${last.field.name}" bao trùm toàn bộ tệp trừ ${tail.length} bản cập nhật chỉ bổ sung dữ liệu kiểm tra dài hạn (chứng thư, danh sách thu hồi, OCSP).` };
  }
  if (end !== buf.length) {
    return {
      ok: false,
      detail: `Có ${buf.length - end} byte nằm sau phạm vi của chữ ký cuối cùng "${last.field.name}": tệp đã bị sửa hoặc thêm nội dung sau khi ký.`,
    };
  }
  return { ok: true, detail: `Chữ ký cuối cùng "${last.field.name}" bao trùm toàn bộ tệp: không có gì được thêm vào sau khi ký.` };
}
