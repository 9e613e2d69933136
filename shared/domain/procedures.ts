/**
 * The procedures the service offers, as a visitor reads them before signing in — who carries them
 * out, who may ask, what to bring, the fee, the time limit and the legal basis — in the shape the
 * National Public Service Portal (dichvucong.gov.vn) gives a procedure. Built from the constants
 * that enforce the rules (fee.ts, due-time.ts, register-types.ts, refusal-reasons.ts), so the page
 * cannot say one thing while the service does another. A rule whose article or wording is not yet
 * confirmed against the official text says so (`uncertain`) instead of passing for settled.
 */
import { DEFAULT_DUE_TIME_CONFIG, extensionAllowed, type DueTimeConfig } from './due-time';
import { DEFAULT_FEE_SCHEDULE, formatVnd, type FeeSchedule } from './fee';
import { ART_22_CLAUSES, REFUSAL_REASON_LABELS } from './refusal-reasons';
import { REGISTER_TYPES } from './register-types';

/** One statement of a procedure with the article it comes from. */
export interface ProcedureRule {
  text: string;
  /** The article it comes from, e.g. "Nghị định 23/2015/NĐ-CP, Điều 7 khoản 1". */
  basis: string;
  /** Set when the article or wording is not yet confirmed against the official text: what is to confirm. */
  uncertain?: string;
}

export interface Procedure {
  /** `certify-copy`, or `register-copy-<register type>`. */
  id: string;
  kind: 'certify-copy' | 'register-copy';
  registerType?: string;
  name: string;
  /** Who carries it out. */
  authority: ProcedureRule;
  /** Who may ask. */
  requester: ProcedureRule;
  /** What to bring (or upload). */
  documents: ProcedureRule[];
  fee: ProcedureRule & { amounts: { firstPagesFee?: number; laterPagesFee?: number; maxPerCopy?: number; perCopy?: number } };
  timeLimit: ProcedureRule;
  extension: ProcedureRule & { allowed: boolean };
  result: ProcedureRule;
  /** Originals that cannot be certified (certification only). */
  refusedOriginals?: ProcedureRule[];
  /** The texts the procedure rests on. */
  legalBasis: string[];
}

const D23 = 'Nghị định 23/2015/NĐ-CP';
const D23_AMENDED = `${D23} (sửa đổi, bổ sung bởi Nghị định 07/2025/NĐ-CP và Nghị định 280/2025/NĐ-CP)`;
/** Open item of docs/legal.md: the paragraph numbers of the time rules are not yet checked against the official text. */
const TIME_ARTICLES_OPEN = 'Số điều, khoản được dẫn chưa được đối chiếu với văn bản chính thức.';

const hhmm = (t: { hour: number; minute: number }) => `${t.hour} giờ${t.minute ? ` ${String(t.minute).padStart(2, '0')}` : ''}`;

function timeLimit(config: DueTimeConfig, basis: string, uncertain: string): ProcedureRule {
  return {
    text:
      `Trả kết quả ngay trong ngày tiếp nhận yêu cầu; yêu cầu tiếp nhận sau ${hhmm(config.cutoff)} được trả trong ngày làm việc tiếp theo. ` +
      `Yêu cầu tiếp nhận vào ngày nghỉ được trả trong ngày làm việc tiếp theo. Khi kết quả không trả trong ngày, người yêu cầu nhận phiếu hẹn ghi giờ, ngày trả kết quả (trước ${hhmm(config.officeClose)}).`,
    basis,
    uncertain,
  };
}

/** Certifying an electronic copy from a paper original (Decree 23/2015 Ch. III; Decree 45/2020 Art. 10). */
export function certifyCopyProcedure(fees: FeeSchedule = DEFAULT_FEE_SCHEDULE, due: DueTimeConfig = DEFAULT_DUE_TIME_CONFIG): Procedure {
  return {
    id: 'certify-copy',
    kind: 'certify-copy',
    name: 'Chứng thực bản sao điện tử từ bản chính',
    authority: {
      text: 'Ủy ban nhân dân xã, phường, đặc khu; người ký là Chủ tịch, Phó Chủ tịch hoặc công chức được giao, ủy quyền bằng văn bản.',
      basis: `${D23}, Điều 5 (sửa đổi bởi Nghị định 280/2025/NĐ-CP); Nghị định 120/2025/NĐ-CP`,
    },
    requester: {
      text: 'Cá nhân, tổ chức có bản chính giấy tờ, văn bản cần chứng thực; đăng nhập bằng tài khoản định danh điện tử khi nộp trực tuyến.',
      basis: `${D23}, Điều 13 khoản 1 (sổ chứng thực ghi người yêu cầu và giấy tờ tùy thân)`,
    },
    documents: [
      {
        text: 'Bản chính giấy tờ, văn bản cần chứng thực. Nộp trực tuyến: tải lên bản chụp đủ các trang có thông tin (một bản chính cho mỗi yêu cầu) và xuất trình bản chính để cán bộ đối chiếu; tại quầy: cán bộ chụp bản chính.',
        basis: 'Nghị định 45/2020/NĐ-CP, Điều 10 khoản 3; Thông tư 01/2020/TT-BTP, Điều 10',
      },
      {
        text: 'Giấy tờ tùy thân (căn cước công dân, kể cả căn cước điện tử) để ghi vào sổ chứng thực.',
        basis: `${D23}, Điều 13 khoản 1`,
      },
    ],
    fee: {
      text:
        `${formatVnd(fees.firstPagesFee)}/trang với trang thứ nhất và thứ hai; ${formatVnd(fees.laterPagesFee)}/trang từ trang thứ ba; ` +
        `tối đa ${formatVnd(fees.maxPerCopy)}/bản. Số trang tính theo bản chính; mỗi yêu cầu là một bản sao điện tử.`,
      basis: 'Thông tư 226/2016/TT-BTC, Điều 4',
      amounts: { firstPagesFee: fees.firstPagesFee, laterPagesFee: fees.laterPagesFee, maxPerCopy: fees.maxPerCopy },
    },
    timeLimit: timeLimit(due, `${D23}, Điều 7 khoản 1; Thông tư 01/2020/TT-BTP, Điều 2 (phiếu hẹn)`, TIME_ARTICLES_OPEN),
    extension: {
      allowed: extensionAllowed('certify-copy'),
      text: `Với nhiều bản chính, nhiều trang hoặc nội dung phức tạp, thời hạn được kéo dài không quá ${String(due.maxExtensionWorkingDays).padStart(2, '0')} ngày làm việc, hoặc dài hơn theo thỏa thuận bằng văn bản với người yêu cầu; người yêu cầu được báo và nhận phiếu hẹn mới.`,
      basis: `${D23}, Điều 21 khoản 4`,
      uncertain: TIME_ARTICLES_OPEN,
    },
    result: {
      text: 'Bản sao điện tử (PDF) có lời chứng, chữ ký số của người chứng thực và của cơ quan, số chứng thực và quyển số, mã kiểm tra và mã QR để nơi nhận kiểm tra.',
      basis: `${D23}, Điều 20 khoản 3; Nghị định 45/2020/NĐ-CP, Điều 10; Thông tư 01/2023/TT-VPCP (mã QR)`,
      uncertain: 'Lời chứng chưa được đối chiếu từng dòng với mẫu số 01 phụ lục Nghị định 280/2025/NĐ-CP.',
    },
    refusedOriginals: (Object.keys(ART_22_CLAUSES) as (keyof typeof ART_22_CLAUSES)[]).map((code) => ({
      text: REFUSAL_REASON_LABELS[code],
      basis: `${D23}, Điều 22 khoản ${ART_22_CLAUSES[code]}`,
    })),
    legalBasis: [D23_AMENDED, 'Nghị định 45/2020/NĐ-CP', 'Nghị định 120/2025/NĐ-CP', 'Thông tư 01/2020/TT-BTP', 'Thông tư 226/2016/TT-BTC', 'Thông tư 01/2023/TT-VPCP'],
  };
}

/** Issuing an electronic copy from a master register of one type (Decree 23/2015 Art. 16–17). */
export function registerCopyProcedure(type: string, due: DueTimeConfig = DEFAULT_DUE_TIME_CONFIG): Procedure {
  const rule = REGISTER_TYPES[type];
  const allowed = extensionAllowed('register-copy');
  return {
    id: `register-copy-${type}`,
    kind: 'register-copy',
    registerType: type,
    name: rule.procedureName,
    authority: { text: 'Cơ quan, tổ chức đang quản lý sổ gốc.', basis: `${D23}, Điều 16` },
    requester: {
      text: 'Người được cấp bản chính; người đại diện theo pháp luật hoặc theo ủy quyền của họ; nếu người được cấp bản chính đã chết: vợ, chồng, cha, mẹ, con, anh chị em ruột và người thừa kế khác.',
      basis: `${D23}, Điều 16 khoản 2`,
    },
    documents: [
      { text: 'Giấy tờ tùy thân: căn cước công dân, kể cả căn cước điện tử (khi nộp trực tuyến là tài khoản định danh điện tử đã đăng nhập).', basis: `${D23}, Điều 17 khoản 1 (sửa đổi bởi Nghị định 07/2025/NĐ-CP)` },
      { text: 'Người không phải là người được cấp bản chính: giấy tờ chứng minh quan hệ (khai sinh, kết hôn…) hoặc giấy ủy quyền.', basis: `${D23}, Điều 17 khoản 1 (sửa đổi bởi Nghị định 07/2025/NĐ-CP)` },
    ],
    fee: {
      text: rule.feePerCopy > 0 ? `${formatVnd(rule.feePerCopy)}/bản sao.` : 'Không thu phí.',
      basis: rule.feeSource,
      amounts: { perCopy: rule.feePerCopy },
      ...(rule.feePerCopy > 0 ? { uncertain: 'Mức phí chưa được đối chiếu với thông tư phí hiện hành.' } : {}),
    },
    timeLimit: timeLimit(due, `${D23}, Điều 17 khoản 3`, 'Câu chữ của Điều 17 khoản 3 chưa được đối chiếu với văn bản chính thức.'),
    extension: {
      allowed,
      text: allowed ? 'Có thể gia hạn.' : 'Không gia hạn: thủ tục này không quy định kéo dài thời hạn.',
      basis: `${D23}, Điều 17 khoản 3`,
      uncertain: 'Câu chữ của Điều 17 khoản 3 chưa được đối chiếu với văn bản chính thức.',
    },
    result: {
      text: `Bản sao điện tử theo mẫu trích lục của sổ (${rule.form.numberLabel}: …), có chữ ký số của cơ quan, mã kiểm tra và mã QR. Nếu không có sổ, không có thông tin trong sổ hoặc người yêu cầu không có quyền, cơ quan trả lời bằng văn bản.`,
      basis: `${D23}, Điều 16, Điều 17 khoản 2`,
      uncertain: 'Mẫu bản sao chưa được đối chiếu từng dòng với mẫu trích lục chính thức.',
    },
    legalBasis: [D23_AMENDED, 'Nghị định 45/2020/NĐ-CP', 'Thông tư 01/2020/TT-BTP', ...(rule.feePerCopy > 0 ? ['Thông tư 281/2016/TT-BTC'] : ['Thông tư 226/2016/TT-BTC'])],
  };
}

/** Every procedure the service offers: certification, then a copy from each type of register. */
export function procedures(): Procedure[] {
  return [certifyCopyProcedure(), ...Object.keys(REGISTER_TYPES).map((type) => registerCopyProcedure(type))];
}
