import { describe, expect, it } from 'vitest';
import { displayValue, searchKey, validateEntryData, type Register } from '../../../shared/domain/register';
import { parseEntriesCsv } from '../../../shared/registers/entries-csv';

const register: Pick<Register, 'id' | 'fields'> = {
  id: 'khai-sinh',
  fields: [
    { name: 'hoTen', label: 'Họ, chữ đệm, tên', type: 'string', required: true },
    { name: 'ngaySinh', label: 'Ngày sinh', type: 'date', required: true },
    { name: 'gioiTinh', label: 'Giới tính', type: 'enum', required: true, options: ['Nam', 'Nữ'] },
    { name: 'ghiChu', label: 'Ghi chú', type: 'string', required: false },
  ],
};

describe('Function: parseEntriesCsv', () => {
  it('reads a UTF-8 CSV with a BOM, CRLF line ends, quoted fields and Vietnamese text', () => {
    const csv = '\uFEFFentryNo,hoTen,ngaySinh,gioiTinh,ghiChu\r\n1,"Nguyễn Văn An",1990-03-15,Nam,"Có dấu phẩy, và ""ngoặc kép"""\r\n2,Lê Thị Hồng,1991-01-02,Nữ,\r\n';
    const { entries, rejected } = parseEntriesCsv(register, csv);
    expect(rejected).toEqual([]);
    expect(entries.map((e) => e.entryNo)).toEqual(['1', '2']);
    expect(entries[0].data).toEqual({ hoTen: 'Nguyễn Văn An', ngaySinh: '1990-03-15', gioiTinh: 'Nam', ghiChu: 'Có dấu phẩy, và "ngoặc kép"' });
    expect(entries[1].data.ghiChu).toBeUndefined();
  });

  it('reports exactly the bad lines, with their line numbers, and keeps the good ones', () => {
    const csv = [
      'entryNo,hoTen,ngaySinh,gioiTinh',
      '10,Trần Văn Bình,1990-02-30,Nam', // line 2: no such date
      '11,Phạm Thị Cúc,1992-05-06,Nữ',
      '12,,1993-01-01,Nam', // line 4: name missing
      '13,Hoàng Văn Dũng,1994-01-01,Khác', // line 5: not an option
      '11,Bản trùng,1995-01-01,Nam', // line 6: duplicate of line 3
      '14,Thiếu cột', // line 7: column count
      '15,Võ Thị Em,1996-07-08,Nữ',
    ].join('\n');
    const { entries, rejected } = parseEntriesCsv(register, csv);
    expect(entries.map((e) => e.entryNo)).toEqual(['11', '15']);
    expect(rejected.map((r) => r.line)).toEqual([2, 4, 5, 6, 7]);
    expect(rejected[0].error).toMatch(/YYYY-MM-DD/);
    expect(rejected[3].error).toMatch(/trùng với dòng 3/);
  });

  it('keeps a quoted field spanning lines and counts lines as a spreadsheet does', () => {
    const csv = 'entryNo,hoTen,ngaySinh,gioiTinh,ghiChu\n1,An,1990-01-01,Nam,"dòng một\ndòng hai"\n2,,1990-01-01,Nam,\n';
    const { entries, rejected } = parseEntriesCsv(register, csv);
    expect(entries[0].data.ghiChu).toBe('dòng một\ndòng hai');
    expect(rejected).toEqual([{ line: 4, error: expect.stringMatching(/bắt buộc/) }]);
  });

  it('refuses a header without entryNo, with unknown columns, or missing a required column', () => {
    expect(parseEntriesCsv(register, 'hoTen,ngaySinh,gioiTinh\nA,1990-01-01,Nam').rejected[0].error).toMatch(/entryNo/);
    expect(parseEntriesCsv(register, 'entryNo,hoTen,ngaySinh,gioiTinh,matKhau\n1,A,1990-01-01,Nam,x').rejected[0].error).toMatch(/matKhau/);
    expect(parseEntriesCsv(register, 'entryNo,hoTen,gioiTinh\n1,A,Nam').rejected[0].error).toMatch(/ngaySinh/);
  });

  it('reads a header written with the labels the form shows, and dates written dd/mm/yyyy (issue #20)', () => {
    // Prepare: the page's template heads the columns with the labels; a spreadsheet writes dates the Vietnamese way
    const csv = '\uFEFFSố vào sổ,"Họ, chữ đệm, tên",Ngày sinh,giới tính\r\n7,Nguyễn Văn An,15/03/1990,Nam\r\n8,Lê Thị Hồng,5/1/1991,Nữ\r\n9,Trần Bình,31/02/1990,Nam\r\n';

    // Act
    const { entries, rejected } = parseEntriesCsv(register, csv);

    // Assess
    expect(entries.map((e) => e.data)).toEqual([
      { hoTen: 'Nguyễn Văn An', ngaySinh: '1990-03-15', gioiTinh: 'Nam' },
      { hoTen: 'Lê Thị Hồng', ngaySinh: '1991-01-05', gioiTinh: 'Nữ' },
    ]);
    expect(entries.map((e) => e.entryNo)).toEqual(['7', '8']);
    expect(rejected.map((r) => r.line)).toEqual([4]);
  });

  it('reports broken quoting as a syntax error instead of throwing', () => {
    const { entries, rejected } = parseEntriesCsv(register, 'entryNo,hoTen,ngaySinh,gioiTinh\n1,"An,1990-01-01,Nam\n');
    expect(entries).toEqual([]);
    expect(rejected[0].error).toMatch(/sai cú pháp/);
  });
});

describe('Function: validateEntryData', () => {
  it('names each invalid field and refuses undeclared ones', () => {
    const { errors } = validateEntryData(register, { hoTen: '', ngaySinh: '15/03/1990', gioiTinh: 'Nam', matKhau: 'x' });
    expect(errors.map((e) => e.field).sort()).toEqual(['hoTen', 'matKhau', 'ngaySinh']);
  });
});

describe('Function: searchKey and displayValue', () => {
  it('matches Vietnamese names without diacritics', () => {
    expect(searchKey('  Nguyễn   Văn Đức ')).toBe('nguyen van duc');
  });
  it('prints ISO dates as dd/mm/yyyy on copies', () => {
    expect(displayValue({ type: 'date' }, '1990-03-15')).toBe('15/03/1990');
    expect(displayValue({ type: 'string' }, '1990-03-15')).toBe('1990-03-15');
  });
});
