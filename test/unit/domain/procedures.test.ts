import { describe, expect, it } from 'vitest';
import { DEFAULT_DUE_TIME_CONFIG } from '../../../shared/domain/due-time';
import { DEFAULT_FEE_SCHEDULE } from '../../../shared/domain/fee';
import { certifyCopyProcedure, procedures, type ProcedureRule } from '../../../shared/domain/procedures';
import { REGISTER_TYPES } from '../../../shared/domain/register-types';
import { ProcedureSchema } from '../../../shared/contracts/procedures';

/** The procedure pages read before signing in (issue #20, item 8): the facts come from the rules' own constants. */
const rulesOf = (p: ReturnType<typeof procedures>[number]): ProcedureRule[] => [p.authority, p.requester, ...p.documents, p.fee, p.timeLimit, p.extension, p.result, ...(p.refusedOriginals ?? [])];

describe('procedures', () => {
  it('offers certification and a copy from each type of master register, each matching the API schema', () => {
    // Act
    const all = procedures();

    // Assess
    expect(all.map((p) => p.id)).toEqual(['certify-copy', ...Object.keys(REGISTER_TYPES).map((t) => `register-copy-${t}`)]);
    for (const p of all) expect(ProcedureSchema.parse(p)).toEqual(p);
  });

  it('names an article beside every rule', () => {
    for (const p of procedures()) {
      for (const rule of rulesOf(p)) expect(rule.basis, `${p.id}: ${rule.text}`).toMatch(/(Nghị định|Thông tư) \d+\/\d{4}\/(NĐ-CP|TT-[A-Z]+)/);
    }
  });

  it('states the certification fee, time limit and extension from the constants that enforce them', () => {
    // Act
    const p = certifyCopyProcedure();

    // Assess
    expect(p.fee.text).toContain('2.000 đồng/trang với trang thứ nhất và thứ hai; 1.000 đồng/trang từ trang thứ ba; tối đa 200.000 đồng/bản');
    expect(p.fee.basis).toBe('Thông tư 226/2016/TT-BTC, Điều 4');
    expect(p.fee.amounts).toEqual({ firstPagesFee: 2_000, laterPagesFee: 1_000, maxPerCopy: 200_000 });
    expect(p.timeLimit.text).toContain('sau 15 giờ');
    expect(p.timeLimit.basis).toContain('Nghị định 23/2015/NĐ-CP, Điều 7 khoản 1');
    expect(p.extension).toMatchObject({ allowed: true, basis: 'Nghị định 23/2015/NĐ-CP, Điều 21 khoản 4' });
    expect(p.extension.text).toContain('không quá 02 ngày làm việc');
    expect(p.refusedOriginals?.map((r) => r.basis.at(-1))).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('follows a change of the schedule: the page cannot disagree with the rule', () => {
    // Act
    const p = certifyCopyProcedure({ ...DEFAULT_FEE_SCHEDULE, firstPagesFee: 3_000 }, { ...DEFAULT_DUE_TIME_CONFIG, cutoff: { hour: 16, minute: 30 } });

    // Assess
    expect(p.fee.text).toContain('3.000 đồng/trang');
    expect(p.timeLimit.text).toContain('sau 16 giờ 30');
  });

  it('gives each register type its own fee and no extension, and marks what is not yet confirmed', () => {
    // Act
    const byId = new Map(procedures().map((p) => [p.id, p]));
    const birth = byId.get('register-copy-birth')!;
    const diploma = byId.get('register-copy-diploma')!;

    // Assess
    expect(birth.fee).toMatchObject({ text: '8.000 đồng/bản sao.', amounts: { perCopy: 8_000 }, basis: REGISTER_TYPES.birth.feeSource });
    expect(birth.fee.uncertain).toBeTruthy();
    expect(diploma.fee).toMatchObject({ text: 'Không thu phí.', amounts: { perCopy: 0 } });
    for (const p of [birth, diploma]) {
      expect(p.extension.allowed).toBe(false);
      expect(p.timeLimit.basis).toBe('Nghị định 23/2015/NĐ-CP, Điều 17 khoản 3');
      expect(p.timeLimit.uncertain).toBeTruthy();
      expect(p.requester.basis).toBe('Nghị định 23/2015/NĐ-CP, Điều 16 khoản 2');
    }
  });
});
