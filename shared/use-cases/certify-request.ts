import type { IssuedDocument } from '../contracts/requests';
import { createHash } from 'node:crypto';
import { limits } from '../runtime/config';
import { ConflictError } from '../domain/errors';
import { attestationLines } from '../domain/attestation';
import { isBookCode } from '../domain/numbering';
import { actorOf, reviewedKey } from '../domain/request';
import type { Principal } from '../domain/roles';
import { composeCertifiedCopy } from '../pdf/compose-certified-copy';
import type { SignerProvider } from '../runtime/signer-provider';
import { assertAgencyOfficial } from './access';
import { competentSigner } from './agency-signers';
import { issueDocument } from './issue-document';
import { assertSignersNotRevoked, type RevocationChecker } from './signer-revocation';
import { loadRequest } from './load';
import type { DirectoryReader, FileStore, IssuanceServices, RequestReader, SignerReader } from './ports';

/** What certifying reads besides the issuance: the request and its scans, the directory, the agency's signers, the keys. */
export type CertifyServices = IssuanceServices & { requests: RequestReader; directory: DirectoryReader; agencySigners: SignerReader; objects: FileStore; signers: SignerProvider; revocation: RevocationChecker };

/**
 * Certifies a copy of a paper original (chứng thực bản sao từ bản chính): the official of the
 * agency, having compared the scan with the original, has the copy composed (every page, QR,
 * footers, lời chứng), signed by themself and then by the agency's seal (Decree 45/2020 Art. 10),
 * numbered in the SCT/BS book and stored.
 */
export async function certifyRequest(services: CertifyServices, principal: Principal, requestId: string): Promise<IssuedDocument> {
  const request = await loadRequest(services, requestId);
  assertAgencyOfficial(principal, request.agencyId);
  if (request.kind !== 'certify-copy') throw new ConflictError('Hồ sơ này là yêu cầu cấp bản sao từ sổ gốc; hãy dùng thao tác cấp bản sao.');
  if (request.status !== 'submitted') {
    throw new ConflictError(`Chỉ chứng thực được hồ sơ đã nộp; hồ sơ này đang ở trạng thái "${request.status}".`);
  }
  // Only a competent signer signs (Decree 23 Art. 5 as amended by Decree 280/2025); the record
  // valid now gives the title printed under the signature.
  const signer = await competentSigner(services, principal, request.agencyId, services.now());
  // Decree 45/2020 Art. 10(3): the paper original is checked (and captured) before the attestation.
  if (!request.originalCheck) {
    throw new ConflictError('Chưa ghi nhận việc kiểm tra bản chính giấy của hồ sơ này; hãy đối chiếu bản chính và ghi nhận trước khi chứng thực.');
  }
  const [profile, agency, originals] = await Promise.all([
    services.directory.user(principal.sub),
    services.directory.agency(request.agencyId),
    services.requests.originals(requestId),
  ]);
  if (!profile?.signingIdentity) throw new ConflictError('Tài khoản cán bộ chưa được cấp chứng thư chữ ký số.');
  if (!agency) throw new ConflictError(`Không tìm thấy cơ quan ${request.agencyId}.`);
  // Decree 23/2015 Art. 13(2): the agency's own electronic book; no book, no number.
  const bookCode = agency.certifiedCopyBookCode;
  if (!isBookCode(bookCode)) throw new ConflictError('Cơ quan chưa được cấu hình ký hiệu sổ chứng thực điện tử nên chưa thể chứng thực.');
  const [officialSigner, agencySigner] = await Promise.all([services.signers.official(profile.signingIdentity), services.signers.agency(agency.id)]);
  await assertSignersNotRevoked(services, [{ signer: officialSigner, holder: profile.fullName }, { signer: agencySigner, holder: agency.name }]);
  const files = await Promise.all(
    originals.map(async (o) => {
      // The copy taken at submit, which no upload URL can write. The SHA-256 recorded then is still
      // checked: it guards requests submitted before those copies existed (read from the upload
      // key) and any other write to the copy.
      const bytes = await services.objects.getBytes(services.buckets.originals, reviewedKey(o), limits().maxOriginalBytes);
      if (o.sha256 !== undefined && createHash('sha256').update(bytes).digest('hex') !== o.sha256) {
        throw new ConflictError(`Tệp bản gốc "${o.fileName}" đã bị thay đổi sau khi nộp hồ sơ nên không thể chứng thực; hãy từ chối hồ sơ để người yêu cầu nộp lại.`, {
          extra: { fileName: o.fileName },
        });
      }
      return { fileName: o.fileName, contentType: o.contentType, bytes, side: o.side };
    }),
  );
  const official = { fullName: profile.fullName, title: signer.title };

  return issueDocument(services, {
    request,
    actor: actorOf(principal),
    agencyName: agency.name,
    bookCode,
    render: (n) =>
      composeCertifiedCopy({
        originals: files,
        verifyCode: n.verifyCode,
        verifyUrl: n.verifyUrl,
        number: n.seq,
        book: n.book,
        attestationLines: attestationLines({ sequenceNo: n.seq, book: n.book, certifiedAt: n.issuedAt, official, agencyName: agency.name }),
        official,
        agency: { name: agency.name },
        title: request.title,
        createdAt: n.issuedAt,
        signedAt: n.issuedAt,
      }),
    official: { signer: officialSigner, name: official.fullName, reason: 'Chứng thực bản sao đúng với bản chính' },
    agency: { signer: agencySigner, name: agency.name, reason: 'Đóng dấu điện tử của cơ quan thực hiện chứng thực' },
    signer: official,
  });
}
