import type { BookQuery, BookYear } from '../contracts/books';
import { openBookNo, type BookLine } from '../domain/book';
import { ForbiddenError, NotFoundError } from '../domain/errors';
import { bookId, bookLabel, isBookCode } from '../domain/numbering';
import type { Principal } from '../domain/roles';
import type { Services } from '../runtime/services';
import { isAgencyOfficial } from './access';
import { csvText } from './csv';

/** Officials of the agency and administrators read its books (Decree 23/2015 Art. 13(1)). */
function assertMayReadBook(principal: Principal, agencyId: string): void {
  if (principal.role === 'admin' || isAgencyOfficial(principal, agencyId)) return;
  throw new ForbiddenError('Chỉ cán bộ của cơ quan (hoặc quản trị viên) mới được xem sổ chứng thực của cơ quan.');
}

/**
 * The agency's book of a year (Decree 23/2015 Art. 13(1)): every book (quyển) of the year with
 * its lines, the open one last. The book code is the agency's electronic book unless `bookCode`
 * names another of its books (a register-copy book such as "TLKS/BS").
 */
export async function readBookYear(services: Services, principal: Principal, query: BookQuery): Promise<BookYear> {
  assertMayReadBook(principal, query.agencyId);
  const agency = await services.directory.agency(query.agencyId);
  if (!agency) throw new NotFoundError(`Không tìm thấy cơ quan ${query.agencyId}.`);
  const bookCode = query.bookCode ?? agency.certifiedCopyBookCode;
  if (!isBookCode(bookCode)) throw new NotFoundError('Cơ quan chưa có sổ chứng thực điện tử.');
  const [volumes, lines] = await Promise.all([
    services.book.volumes(agency.id, bookCode, query.year),
    services.book.lines(agency.id, bookCode, query.year),
  ]);
  const open = openBookNo(volumes);
  const books = [];
  for (let n = 1; n <= open; n++) {
    const v = volumes.find((x) => x.bookNo === n);
    const closed = v?.closedAt !== undefined;
    books.push({
      id: bookId({ agencyId: agency.id, bookCode, year: query.year, bookNo: n }),
      bookNo: n,
      book: bookLabel({ bookNo: n, year: query.year, bookCode }),
      status: closed ? ('closed' as const) : ('open' as const),
      ...(closed ? { closedAt: v!.closedAt, total: v!.total ?? 0, documentId: v!.documentId, verifyCode: v!.verifyCode } : {}),
      lines: lines.filter((l) => l.bookNo === n),
    });
  }
  return { agencyId: agency.id, agencyName: agency.name, year: query.year, bookCode, books };
}

/** The book's columns as the form heads them (Circular 01/2020/TT-BTP), one row per line. */
export function bookCsv(year: BookYear): string {
  const rows: unknown[][] = [
    ['Quyển số', 'Số chứng thực', 'Ngày chứng thực', 'Họ tên người yêu cầu', 'Số giấy tờ tùy thân', 'Tên giấy tờ', 'Số trang', 'Số bản sao', 'Người ký', 'Chức danh người ký', 'Lệ phí (đồng)', 'Ghi chú', 'Mã kiểm tra'],
    ...year.books.flatMap((b) =>
      b.lines.map((l: BookLine) => [b.book, l.number, l.date, l.requesterName, l.requesterIdNo, l.documentName, l.pages, l.copies, l.signerName, l.signerTitle, l.fee, l.note, l.verifyCode]),
    ),
  ];
  return csvText(rows);
}

