import type { Role } from '../../shared/domain/roles';
import type { RegisterField } from '../../shared/domain/register';
import { REGISTER_TYPES } from '../../shared/domain/register-types';

/**
 * What `npm start` seeds (local stack only): agencies, the dev users behind POST /api/dev/login,
 * and master registers with a few entries. Names are illustrative, not real people. Entry 125 of
 * the birth register (and PDP-2008-0412 of the diploma register) is the dev `citizen`'s own record
 * (their ID number in `soDinhDanh`); 126 and 127 are other people's.
 */
export interface SeedAgency {
  id: string;
  name: string;
  /** The level above, printed in headings ("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"). */
  parentName: string;
  /** commune: certifies copies (and holds civil-status books); school: holds a diploma register; receiver: only verifies. */
  kind: 'commune' | 'school' | 'receiver';
  province: string;
  /** The code of the agency's electronic book of certified copies (Decree 23/2015 Art. 13(2); docs/legal.md). */
  certifiedCopyBookCode?: string;
}

export const SEED_AGENCIES: SeedAgency[] = [
  { id: 'ubnd-phuong-ba-dinh', name: 'Ủy ban nhân dân phường Ba Đình', parentName: 'Thành phố Hà Nội', kind: 'commune', province: 'Hà Nội', certifiedCopyBookCode: 'SCT/BS-ĐT' },
  { id: 'ubnd-xa-tan-hung', name: 'Ủy ban nhân dân xã Tân Hưng', parentName: 'Thành phố Cần Thơ', kind: 'commune', province: 'Cần Thơ', certifiedCopyBookCode: 'SCT/BS-ĐT' },
  { id: 'thpt-phan-dinh-phung', name: 'Trường Trung học phổ thông Phan Đình Phùng', parentName: 'Sở Giáo dục và Đào tạo Hà Nội', kind: 'school', province: 'Hà Nội' },
  { id: 'nh-vietcom-hoan-kiem', name: 'Ngân hàng TMCP Ngoại thương — Chi nhánh Hoàn Kiếm', parentName: 'Hà Nội', kind: 'receiver', province: 'Hà Nội' },
];

export interface DevUser {
  /** The name accepted by POST /api/dev/login {"user": …}. */
  user: string;
  sub: string;
  role: Role;
  name: string;
  agencyId?: string;
  citizenId?: string;
}

/**
 * The four users of the design, plus a second citizen and a second agency's official for ownership
 * tests, and `clerk`: an official of the same agency as `official` who is not a signer, so that
 * the 403 of certify (Decree 23 Art. 5 as amended) can be tried. The admin administers that agency.
 */
export const DEV_USERS: DevUser[] = [
  { user: 'citizen', sub: 'dev-citizen', role: 'citizen', name: 'Nguyễn Văn An', citizenId: '001090012345' },
  { user: 'official', sub: 'dev-official', role: 'official', name: 'Trần Thị Bình', agencyId: 'ubnd-phuong-ba-dinh' },
  { user: 'verifier', sub: 'dev-verifier', role: 'verifier', name: 'Lê Minh Châu', agencyId: 'nh-vietcom-hoan-kiem' },
  { user: 'admin', sub: 'dev-admin', role: 'admin', name: 'Phạm Quốc Dũng', agencyId: 'ubnd-phuong-ba-dinh' },
  { user: 'citizen2', sub: 'dev-citizen-2', role: 'citizen', name: 'Hoàng Thị Em', citizenId: '079195067890' },
  { user: 'registrar', sub: 'dev-registrar', role: 'official', name: 'Đỗ Thu Hà', agencyId: 'thpt-phan-dinh-phung' },
  { user: 'official2', sub: 'dev-official-2', role: 'official', name: 'Võ Văn Giang', agencyId: 'ubnd-xa-tan-hung' },
  { user: 'clerk', sub: 'dev-clerk', role: 'official', name: 'Ngô Thị Lan', agencyId: 'ubnd-phuong-ba-dinh' },
  // A second signer of the ward, whose certificate the revocation tests revoke (the others' must stay good).
  { user: 'deputy', sub: 'dev-deputy', role: 'official', name: 'Bùi Văn Hùng', agencyId: 'ubnd-phuong-ba-dinh' },
];

/** A seeded signer record (shared/domain/signers.ts); the basis is illustrative, like the names. */
export interface SeedSigner {
  signerId: string;
  user: string;
  /** Exactly as printed under the signature. */
  title: string;
  basis: { decisionNo: string; decisionDate: string };
  validFrom: string;
}

/**
 * Who signs for each agency (Decree 23 Art. 5 as amended by Decree 280/2025): at the ward, the
 * vice-chairman in charge of justice, elected when the two-tier communes started (1/7/2025); the
 * commune's chairman; the school's principal for its register. `clerk` is deliberately absent.
 */
export const SEED_SIGNERS: SeedSigner[] = [
  { signerId: 'seed-official', user: 'official', title: 'Phó Chủ tịch', basis: { decisionNo: '12/QĐ-UBND', decisionDate: '2025-07-01' }, validFrom: '2025-07-01T00:00:00+07:00' },
  { signerId: 'seed-official2', user: 'official2', title: 'Chủ tịch', basis: { decisionNo: '01/NQ-HĐND', decisionDate: '2025-06-30' }, validFrom: '2025-07-01T00:00:00+07:00' },
  { signerId: 'seed-deputy', user: 'deputy', title: 'Chủ tịch', basis: { decisionNo: '02/NQ-HĐND', decisionDate: '2025-06-30' }, validFrom: '2025-07-01T00:00:00+07:00' },
  { signerId: 'seed-registrar', user: 'registrar', title: 'Hiệu trưởng', basis: { decisionNo: '2150/QĐ-SGDĐT', decisionDate: '2024-08-15' }, validFrom: '2024-08-15T00:00:00+07:00' },
];

/** The JWT claims a dev user's token carries, shaped like Cognito's ID token. */
export function claimsOf(u: DevUser): Record<string, unknown> & { sub: string } {
  return {
    sub: u.sub,
    'cognito:groups': [u.role],
    name: u.name,
    token_use: 'id',
    ...(u.agencyId ? { 'custom:agencyId': u.agencyId } : {}),
    ...(u.citizenId ? { 'custom:citizenId': u.citizenId } : {}),
  };
}

export interface SeedRegister {
  id: string;
  agencyId: string;
  type: string;
  title: string;
  /** Title of the copy rendered from an entry. */
  copyTitle: string;
  /** Book code of the copies issued from it (configured per register type). */
  bookCode: string;
  /** Fee per copy, đồng: the register type's (shared/domain/register-types.ts, with its legal source). */
  feePerCopy: number;
  fields: RegisterField[];
  entries: { entryNo: string; data: Record<string, string> }[];
}

export const SEED_REGISTERS: SeedRegister[] = [
  {
    id: 'khai-sinh-ba-dinh',
    agencyId: 'ubnd-phuong-ba-dinh',
    type: 'birth',
    title: 'Sổ đăng ký khai sinh',
    copyTitle: 'TRÍCH LỤC KHAI SINH',
    bookCode: 'TLKS/BS',
    feePerCopy: REGISTER_TYPES.birth.feePerCopy,
    fields: [
      { name: 'hoTen', label: 'Họ, chữ đệm, tên', type: 'string', required: true },
      { name: 'ngaySinh', label: 'Ngày, tháng, năm sinh', type: 'date', required: true },
      { name: 'gioiTinh', label: 'Giới tính', type: 'enum', required: true, options: ['Nam', 'Nữ'] },
      { name: 'noiSinh', label: 'Nơi sinh', type: 'string', required: true },
      { name: 'danToc', label: 'Dân tộc', type: 'string', required: true },
      { name: 'quocTich', label: 'Quốc tịch', type: 'string', required: true },
      // The subject's personal ID number (REGISTER_TYPES.birth.subjectIdField): who may ask for a copy without proof.
      { name: 'soDinhDanh', label: 'Số định danh cá nhân', type: 'string', required: false },
      { name: 'hoTenCha', label: 'Họ, chữ đệm, tên người cha', type: 'string', required: false },
      { name: 'hoTenMe', label: 'Họ, chữ đệm, tên người mẹ', type: 'string', required: false },
      { name: 'soDangKy', label: 'Số đăng ký', type: 'string', required: true },
      { name: 'ngayDangKy', label: 'Ngày đăng ký', type: 'date', required: true },
    ],
    entries: [
      {
        entryNo: '125',
        data: {
          hoTen: 'Nguyễn Văn An', ngaySinh: '1990-03-15', gioiTinh: 'Nam', noiSinh: 'Bệnh viện Phụ sản Hà Nội',
          danToc: 'Kinh', quocTich: 'Việt Nam', hoTenCha: 'Nguyễn Văn Bảo', hoTenMe: 'Trần Thị Cúc', soDangKy: '125', soDinhDanh: '001090012345', ngayDangKy: '1990-03-20',
        },
      },
      {
        entryNo: '126',
        data: {
          hoTen: 'Lê Thị Hồng Nhung', ngaySinh: '1990-04-02', gioiTinh: 'Nữ', noiSinh: 'Phường Ba Đình, Hà Nội',
          danToc: 'Kinh', quocTich: 'Việt Nam', hoTenCha: 'Lê Văn Hùng', hoTenMe: 'Phạm Thị Lan', soDangKy: '126', soDinhDanh: '001190034567', ngayDangKy: '1990-04-10',
        },
      },
      {
        entryNo: '127',
        data: {
          hoTen: 'Đặng Quốc Việt', ngaySinh: '1990-04-18', gioiTinh: 'Nam', noiSinh: 'Bệnh viện Bạch Mai, Hà Nội',
          danToc: 'Tày', quocTich: 'Việt Nam', hoTenCha: 'Đặng Văn Sơn', hoTenMe: 'Hoàng Thị Mai', soDangKy: '127', soDinhDanh: '002090045678', ngayDangKy: '1990-04-25',
        },
      },
    ],
  },
  {
    id: 'van-bang-phan-dinh-phung',
    agencyId: 'thpt-phan-dinh-phung',
    type: 'diploma',
    title: 'Sổ gốc cấp văn bằng tốt nghiệp trung học phổ thông',
    copyTitle: 'BẰNG TỐT NGHIỆP TRUNG HỌC PHỔ THÔNG',
    bookCode: 'SVB/BS',
    feePerCopy: REGISTER_TYPES.diploma.feePerCopy,
    fields: [
      { name: 'hoTen', label: 'Họ và tên người học', type: 'string', required: true },
      { name: 'ngaySinh', label: 'Ngày sinh', type: 'date', required: true },
      { name: 'gioiTinh', label: 'Giới tính', type: 'enum', required: true, options: ['Nam', 'Nữ'] },
      { name: 'noiSinh', label: 'Nơi sinh', type: 'string', required: true },
      { name: 'danToc', label: 'Dân tộc', type: 'string', required: false },
      { name: 'soDinhDanh', label: 'Số định danh cá nhân', type: 'string', required: false },
      { name: 'namTotNghiep', label: 'Năm tốt nghiệp', type: 'number', required: true },
      { name: 'xepLoai', label: 'Xếp loại tốt nghiệp', type: 'string', required: false },
      { name: 'soHieuVanBang', label: 'Số hiệu văn bằng', type: 'string', required: true },
      { name: 'soVaoSo', label: 'Số vào sổ cấp văn bằng', type: 'string', required: true },
      { name: 'ngayCap', label: 'Ngày cấp', type: 'date', required: true },
    ],
    entries: [
      {
        entryNo: 'PDP-2008-0412',
        data: {
          hoTen: 'Nguyễn Văn An', ngaySinh: '1990-03-15', gioiTinh: 'Nam', noiSinh: 'Hà Nội', danToc: 'Kinh', namTotNghiep: '2008',
          xepLoai: 'Khá', soHieuVanBang: 'A 0123456', soVaoSo: '412/THPT-2008', ngayCap: '2008-07-20', soDinhDanh: '001090012345',
        },
      },
      {
        entryNo: 'PDP-2008-0413',
        data: {
          hoTen: 'Trịnh Thị Phương Thảo', ngaySinh: '1990-09-01', gioiTinh: 'Nữ', noiSinh: 'Nam Định', danToc: 'Kinh', namTotNghiep: '2008',
          xepLoai: 'Giỏi', soHieuVanBang: 'A 0123457', soVaoSo: '413/THPT-2008', ngayCap: '2008-07-20', soDinhDanh: '036190056789',
        },
      },
    ],
  },
];
