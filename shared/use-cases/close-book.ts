import type { BookClosed } from '../contracts/books';
import { openBookNo } from '../domain/book';
import { formatVnDate } from '../domain/dates';
import { ConflictError, ForbiddenError, NotFoundError } from '../domain/errors';
import { bookLabel, parseBookId } from '../domain/numbering';
import { actorOf } from '../domain/request';
import type { Principal } from '../domain/roles';
import { newVerifyCode } from '../domain/verify-code';
import { composeBookPdf } from '../pdf/compose-book';
import type { Services } from '../runtime/services';
import { signPdf } from '../signing';
import { BookMovedError } from '../store/register-book-repo';
import { isAgencyOfficial } from './access';
import { competentSigner } from './agency-signers';
import { withLock } from './keyed-lock';
import { ownDocumentRecord, storeCopy } from './issuance-record';
import { longTermCopy } from './long-term-copy';
import { signatureTimestamper } from './signature-timestamp';
import { assertSignersNotRevoked } from './signer-revocation';

/**
 * Closes a book (Decree 23/2015 Art. 14(1)): the total is written and the book's PDF — every line,
 * the total, signed by the person closing it and sealed by the agency — is issued as a document
 * with its own verify code (stored in the issued bucket under Object Lock, never deleted). The
 * PDF is not a line of any book, so it takes no number. New lines then go into the next book of
 * the same year, the sequence continuing (Art. 13(2)).
 */
export async function closeBook(services: Services, principal: Principal, id: string): Promise<BookClosed> {
  const parts = parseBookId(id);
  if (!parts) throw new NotFoundError('Không tìm thấy quyển sổ này.');
  const { agencyId, bookCode, year, bookNo } = parts;
  // Art. 14(1) has the book closed with the signature of the person who signs the agency's
  // certifications: a competent signer of the agency now (Decree 23/2015 Art. 5 as amended by
  // Decree 280/2025), whose record's title is printed on the book.
  if (!isAgencyOfficial(principal, agencyId)) throw new ForbiddenError('Chỉ người có thẩm quyền ký của cơ quan mới được khóa sổ chứng thực.');
  const signerRecord = await competentSigner(services, principal, agencyId, services.now());
  const [agency, profile] = await Promise.all([services.directory.agency(agencyId), services.directory.user(principal.sub)]);
  if (!agency) throw new NotFoundError(`Không tìm thấy cơ quan ${agencyId}.`);
  if (!profile?.signingIdentity) throw new ConflictError('Tài khoản cán bộ chưa được cấp chứng thư chữ ký số.');

  return withLock(`${agencyId}#${bookCode}#${year}`, async () => {
    // The counter first: the close commits only while it still stands there, so every line up to
    // it is in the lines read next, and none is written into the book after its total.
    const last = await services.book.current(agencyId, bookCode, year);
    const [volumes, all] = await Promise.all([services.book.volumes(agencyId, bookCode, year), services.book.lines(agencyId, bookCode, year)]);
    const open = openBookNo(volumes);
    if (bookNo < open) throw new ConflictError(`Quyển số ${bookLabel({ bookNo, year, bookCode })} đã được khóa.`);
    if (bookNo > open) throw new NotFoundError('Quyển sổ này chưa được mở.');
    const lines = all.filter((l) => l.bookNo === bookNo && l.number <= last);
    const book = bookLabel({ bookNo, year, bookCode });
    const closedAt = services.now();
    const verifyCode = newVerifyCode(services.randomBytes);
    const verifyUrl = `${services.publicBaseUrl}/verify/${verifyCode}`;
    const signer = { fullName: profile.fullName, title: signerRecord.title };

    const composed = await composeBookPdf({
      agency: { name: agency.name, parentName: agency.parentName }, book, year, lines, closedAtText: formatVnDate(closedAt), signer, verifyCode, verifyUrl, createdAt: closedAt, signedAt: closedAt,
    });
    const [officialSigner, agencySigner] = await Promise.all([services.signers.official(profile.signingIdentity!), services.signers.agency(agency.id)]);
    const timestamper = signatureTimestamper(services.timestamps);
    await assertSignersNotRevoked(services, [{ signer: officialSigner, holder: profile.fullName }, { signer: agencySigner, holder: agency.name }]);
    const signedByOfficial = await signPdf(composed.pdf, {
      signer: officialSigner, signingTime: closedAt, field: composed.fields.official!, signerName: signer.fullName, reason: 'Khóa sổ chứng thực', location: agency.name, timestamper,
    });
    const sealedPdf = await signPdf(signedByOfficial, {
      signer: agencySigner, signingTime: closedAt, field: composed.fields.agency, signerName: agency.name, reason: 'Đóng dấu điện tử của cơ quan khóa sổ chứng thực', location: agency.name, timestamper,
    });
    // B-LTA like every copy (docs/long-term-validation.md); a TSA that does not answer fails the close (503), nothing stored.
    const lta = await longTermCopy(services, sealedPdf);

    // The PDF first, under a fresh id (issued bucket: versioned, Object Lock).
    const stored = { ...await storeCopy(services, lta.pdf, lta.sha256, composed.pages, verifyCode), sealed: lta.sealed, ltv: lta.ltv };
    const { documentId } = stored;
    const at = closedAt.toISOString();
    const actor = actorOf(principal);
    const document = ownDocumentRecord(stored, {
      requestId: id,
      kind: 'book',
      title: `Sổ chứng thực, quyển số ${book}`,
      agencyId,
      agencyName: agency.name,
      bookLabel: book,
      verifyCode,
      issuedAt: at,
      issuedBy: actor,
    });
    const total = lines.length;
    try {
      await services.book.close(
        agencyId,
        bookCode,
        year,
        last,
        { bookNo, closedAt: at, closedBy: principal.sub, total, ...(total ? { firstNumber: lines[0].number, lastNumber: lines[total - 1].number } : {}), documentId, verifyCode },
        [...services.documents.createItems(document), services.audit.appendItem(`DOC#${documentId}`, { at, actor, action: 'close-book', data: { bookId: id, total } })],
      );
    } catch (e) {
      if (e instanceof BookMovedError) throw new ConflictError('Sổ vừa có thêm dòng mới hoặc vừa được khóa; hãy tải lại sổ rồi khóa lại.', { cause: e });
      throw e;
    }
    return { id, book, total, documentId, verifyCode, verifyUrl, next: bookLabel({ bookNo: bookNo + 1, year, bookCode }) };
  });
}
