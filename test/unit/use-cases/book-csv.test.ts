import { describe, expect, it } from 'vitest';
import type { BookYear } from '../../../shared/contracts/books';
import { bookCsv } from '../../../shared/use-cases/books';

const line = {
  number: 17, bookNo: 1, date: '2026-03-02T03:00:00.000Z', requesterName: 'Nguyễn "Văn" An, con', requesterIdNo: '001199012345',
  documentName: 'Bằng tốt nghiệp\nTHPT', pages: 3, copies: 1, signerName: 'Trần Thị Bình', signerTitle: 'Phó Chủ tịch', fee: 5000, note: '',
  kind: 'certify-copy' as const, documentId: 'd1', verifyCode: 'AAAA-BBBB', requestId: 'r1',
};

describe('Function: bookCsv', () => {
  it('writes one row per line with the book as on its cover and the number apart (Decree 23/2015 Art. 13(2)), quoted as RFC 4180 says', () => {
    // Prepare
    const year: BookYear = {
      agencyId: 'ubnd-a', agencyName: 'UBND', year: 2026, bookCode: 'SCT/BS-ĐT',
      books: [{ id: 'ubnd-a~2026~01~SCT_BS-ĐT', bookNo: 1, book: '01/2026-SCT/BS-ĐT', status: 'open', lines: [line] }],
    };

    // Act
    const csv = bookCsv(year);

    // Assess
    const [bom, rest] = [csv.slice(0, 1), csv.slice(1)];
    expect(bom).toBe('\uFEFF');
    const rows = rest.split('\r\n');
    expect(rows[0].split(',')).toHaveLength(13);
    expect(rows[1]).toBe('01/2026-SCT/BS-ĐT,17,2026-03-02T03:00:00.000Z,"Nguyễn ""Văn"" An, con",001199012345,"Bằng tốt nghiệp\nTHPT",3,1,Trần Thị Bình,Phó Chủ tịch,5000,,AAAA-BBBB');
    expect(csv).not.toContain('17/01');
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
