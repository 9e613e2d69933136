/**
 * What the service knows about each kind of master register (sổ gốc): which field names the
 * person the entry is about, how the register's own extract form reads, and the fee the law sets
 * for a copy. Data, not code: a new register type is one more entry here.
 *
 * Who may ask for a copy is decided on the subject's personal identification number (số định danh
 * cá nhân): Decree 23/2015/NĐ-CP Art. 16(2) gives the right first to the person the original was
 * issued to, and Art. 17(1) (as amended by Decree 07/2025/NĐ-CP) has them prove who they are with
 * an identity document, including the electronic ID — the verified CCCD number of the sign-in.
 */

export interface RegisterTypeRule {
  /** The procedure of a copy from this kind of register, as the procedure page names it. */
  procedureName: string;
  /** The field holding the subject's personal identification number. */
  subjectIdField: string;
  /** The field holding the subject's full name (matched, diacritics ignored, against what the requester names). */
  subjectNameField: string;
  /** The field holding the subject's date of birth (YYYY-MM-DD). */
  subjectBirthDateField: string;
  /**
   * The register's own extract form: the fields in the form's order (those the entry lacks are
   * left out), and how the form writes the entry's number ("Số: …").
   */
  form: { fieldOrder: string[]; numberLabel: string };
  /** Fee per copy in đồng; 0 where the law sets none. */
  feePerCopy: number;
  /** Where the fee comes from. */
  feeSource: string;
}

/**
 * The register types. Civil-status extracts: the extract form of the civil-status circulars
 * (Trích lục khai sinh — bản sao) writes the fields in the order below and heads the copy with
 * "Số: …" of the registration; the fee is the civil-status extract copy fee (Circular
 * 281/2016/TT-BTC: 8.000 đồng per copy). Diploma registers: Decree 23/2015 and Circular
 * 226/2016/TT-BTC set no fee for a copy from a master register, so none is charged.
 */
export const REGISTER_TYPES: Readonly<Record<string, RegisterTypeRule>> = {
  birth: {
    procedureName: 'Cấp bản sao trích lục khai sinh từ sổ đăng ký khai sinh',
    subjectIdField: 'soDinhDanh',
    subjectNameField: 'hoTen',
    subjectBirthDateField: 'ngaySinh',
    form: {
      fieldOrder: ['hoTen', 'ngaySinh', 'gioiTinh', 'danToc', 'quocTich', 'noiSinh', 'soDinhDanh', 'hoTenMe', 'hoTenCha', 'ngayDangKy'],
      numberLabel: 'Số',
    },
    feePerCopy: 8_000,
    feeSource: 'Thông tư 281/2016/TT-BTC (lệ phí cấp bản sao trích lục hộ tịch)',
  },
  diploma: {
    procedureName: 'Cấp bản sao văn bằng từ sổ gốc cấp văn bằng',
    subjectIdField: 'soDinhDanh',
    subjectNameField: 'hoTen',
    subjectBirthDateField: 'ngaySinh',
    form: {
      fieldOrder: ['hoTen', 'ngaySinh', 'gioiTinh', 'noiSinh', 'danToc', 'soDinhDanh', 'namTotNghiep', 'xepLoai', 'soHieuVanBang', 'ngayCap'],
      numberLabel: 'Số vào sổ cấp văn bằng',
    },
    feePerCopy: 0,
    feeSource: 'Không có phí: Nghị định 23/2015/NĐ-CP và Thông tư 226/2016/TT-BTC không quy định phí cấp bản sao từ sổ gốc',
  },
};

/** The rule of a register type; undefined for a type the service does not know (nobody is then matched automatically). */
export function registerTypeRule(type: string): RegisterTypeRule | undefined {
  return Object.hasOwn(REGISTER_TYPES, type) ? REGISTER_TYPES[type] : undefined;
}

/** The fields of an entry in the order of the register's extract form; fields the form does not list follow in declaration order. */
export function formFieldOrder<F extends { name: string }>(type: string, fields: readonly F[]): F[] {
  const order = registerTypeRule(type)?.form.fieldOrder ?? [];
  const rank = (name: string) => {
    const i = order.indexOf(name);
    return i === -1 ? order.length : i;
  };
  return fields
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f.name) - rank(b.f.name) || a.i - b.i)
    .map(({ f }) => f);
}
