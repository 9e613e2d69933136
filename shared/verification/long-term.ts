import { verify } from 'node:crypto';
import { OID, findRevoked, readCrl, type Crl } from '../asn1';
import { filterNames, inflateBounded, type HistoricalView, type PdfNode } from '../pdf-syntax';
import { displayName, formatTime } from './chain';
import type { CertInfo } from './cert-info';
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

/** CRLs read from the file: a copy carries one per CA; more is not ours. */
const MAX_CRLS = 16;

/** The CRLs of the final revision's /DSS /CRLs (ISO 32000-2 §12.8.4.3), each whose signature its issuer's key verifies. */
function embeddedCrls(analysis: DocumentAnalysis, issuers: CertInfo[]): Crl[] {
  const view = analysis.chain?.views.at(-1);
  if (!view) return [];
  const out: Crl[] = [];
  try {
    const dss = view.dict(view.dict(view.trailer.entries.get('Root'))?.entries.get('DSS'));
    const list = view.resolve(dss?.entries.get('CRLs'));
    if (list?.kind !== 'array') return [];
    for (const ref of list.items.slice(0, MAX_CRLS)) {
      try {
        const crl = readCrl(streamData(view, ref));
        const issuer = issuers.find((c) => c.subjectDer.equals(crl.issuerDer));
        if (issuer && crlSignatureValid(crl, issuer)) out.push(crl);
      } catch {
        // An unreadable or unsigned CRL proves nothing: the status stays unknown.
      }
    }
  } catch {
    return out;
  }
  return out;
}

/** Largest validation-data stream read (a CRL of a busy CA stays far below). */
const MAX_STREAM_BYTES = 4 * 1024 * 1024;

/** The decoded data of a DSS stream: unfiltered or FlateDecode, /Length direct. */
function streamData(view: HistoricalView, node: PdfNode): Uint8Array {
  if (node.kind !== 'ref') throw new Error('not a stream reference');
  const object = view.object(node);
  const length = object.value.kind === 'dict' ? view.resolve(object.value.entries.get('Length')) : undefined;
  if (!object.isStream || object.streamStart === undefined || length?.kind !== 'number' || object.value.kind !== 'dict') throw new Error('not a stream');
  const raw = object.source.subarray(object.streamStart, object.streamStart + length.value);
  const filters = filterNames(object.value);
  if (filters.length === 0) return raw;
  if (filters.length === 1 && filters[0] === 'FlateDecode') return inflateBounded(raw, MAX_STREAM_BYTES);
  throw new Error('unsupported stream filter');
}

function crlSignatureValid(crl: Crl, issuer: CertInfo): boolean {
  try {
    const hash = crl.signatureAlgorithm === OID.sha384WithRsa || crl.signatureAlgorithm === OID.ecdsaWithSha384 ? 'sha384'
      : crl.signatureAlgorithm === OID.sha512WithRsa || crl.signatureAlgorithm === OID.ecdsaWithSha512 ? 'sha512' : 'sha256';
    return verify(hash, crl.tbs, { key: issuer.publicKey, dsaEncoding: 'der' }, crl.signature);
  } catch {
    return false;
  }
}

/**
 * Each approval signer's certificate status from the CRLs embedded in the file, at the signature's
 * proven time (ETSI EN 319 102-1 §5.2.6; RFC 5280 §6.3): listed with a date before that time →
 * revoked before signing (not authentic); listed later → revoked afterwards, the signature stays
 * valid; covered by a CRL issued after the proven time and not listed → good; no CRL → unknown
 * (the level stays below B-LT; older B-B/B-T copies are not failed for it).
 */
export function revocationFacts(analysis: DocumentAnalysis): RevocationOutcome {
  const issuers = analysis.signatures.flatMap((s) => [...(s.chain?.path ?? []), ...(s.cms?.pool ?? [])]);
  const crls = embeddedCrls(analysis, issuers);
  const lines: string[] = [];
  let revokedBeforeSigning = false;
  let covered = analysis.signatures.some((s) => !s.docTimeStamp);
  const facts = analysis.signatures.map((signature): RevocationFact | undefined => {
    const cert = signature.cms?.signer;
    if (signature.docTimeStamp || !cert) return undefined;
    const time = signature.bestSignatureTime ?? signature.signedAt;
    const name = `"${displayName(cert)}"`;
    // CRL times have whole seconds (RFC 5280 §5.1.2.4): a CRL of the proven time's second counts as issued after it.
    const crl = crls.find((c) => c.issuerDer.equals(cert.issuerDer) && (time === undefined || c.thisUpdate >= Math.floor(time / 1000) * 1000));
    if (!crl) {
      covered = false;
      lines.push(`Chứng thư ${name}: tệp không kèm danh sách thu hồi (CRL) sau thời điểm ký, chưa kiểm tra được tình trạng thu hồi từ chính tệp.`);
      return { status: 'unknown' };
    }
    const entry = findRevoked(crl, cert.serial);
    if (!entry) {
      lines.push(`Chứng thư ${name} không bị thu hồi theo danh sách thu hồi ngày ${formatTime(crl.thisUpdate)} kèm trong tệp.`);
      return { status: 'good' };
    }
    const before = time === undefined || entry.revokedAt <= time;
    if (before) {
      revokedBeforeSigning = true;
      lines.push(`Chứng thư ${name} đã bị thu hồi lúc ${formatTime(entry.revokedAt)}, trước thời điểm ký: chữ ký không còn giá trị.`);
    } else {
      lines.push(`Chứng thư ${name} bị thu hồi lúc ${formatTime(entry.revokedAt)}, sau thời điểm ký ${formatTime(time!)} đã được chứng minh: chữ ký vẫn có giá trị, vì lúc ký chứng thư còn hiệu lực.`);
    }
    return { status: 'revoked', revokedAt: new Date(entry.revokedAt).toISOString(), beforeSigning: before };
  });
  const detail = lines.length > 0 ? lines.join(' ') : 'Không có chữ ký phê duyệt nào để kiểm tra tình trạng thu hồi chứng thư.';
  return { check: { id: 'certificate-revocation', passed: !revokedBeforeSigning, detail }, facts, revokedBeforeSigning, covered };
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
