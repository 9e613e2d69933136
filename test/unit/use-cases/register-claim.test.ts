import { describe, expect, it } from 'vitest';
import type { Register, RegisterEntry } from '../../../shared/domain/register';
import { ValidationError } from '../../../shared/domain/errors';
import { claimRegisterEntry, type RegisterClaimInput } from '../../../shared/use-cases/register-claim';
import type { RegisterReader } from '../../../shared/use-cases/ports';

const AGENCY = 'ubnd-phuong-ba-dinh';
const REG = 'khai-sinh-ba-dinh';
const OWN_ID = '001090012345';
const register: Register = {
  id: REG, agencyId: AGENCY, type: 'birth', title: 'Sổ đăng ký khai sinh', copyTitle: 'TRÍCH LỤC KHAI SINH', bookCode: 'TLKS/BS', feePerCopy: 8000,
  fields: [
    { name: 'hoTen', label: 'Họ, chữ đệm, tên', type: 'string', required: true },
    { name: 'ngaySinh', label: 'Ngày, tháng, năm sinh', type: 'date', required: true },
    { name: 'soDinhDanh', label: 'Số định danh cá nhân', type: 'string', required: false },
  ],
};
const entries: RegisterEntry[] = [
  { registerId: REG, entryNo: '125', data: { hoTen: 'Nguyễn Văn An', ngaySinh: '1990-03-15', soDinhDanh: OWN_ID } },
  { registerId: REG, entryNo: '126', data: { hoTen: 'Lê Thị Hồng Nhung', ngaySinh: '1990-04-02', soDinhDanh: '001190034567' } },
];

/** The register port over the two entries above, counting every read: the store's view of "the same work". */
function countingRegisters(): RegisterReader & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    get: async (id) => {
      reads.push('get');
      return id === REG ? register : undefined;
    },
    entry: async (id, entryNo) => {
      reads.push('entry');
      return entries.find((e) => e.registerId === id && e.entryNo === entryNo);
    },
  } as RegisterReader & { reads: string[] };
}

const claim = (c: Partial<RegisterClaimInput>): RegisterClaimInput => ({ agencyId: AGENCY, registerId: REG, entryNo: '125', ...c });

describe('Function: claimRegisterEntry', () => {
  it('recognises the subject by their verified ID number: no evidence needed (Decree 23/2015 Art. 16(2), 17(1))', async () => {
    // Prepare
    const registers = countingRegisters();

    // Act
    const own = await claimRegisterEntry(registers, claim({}), OWN_ID);
    const ownWithDetails = await claimRegisterEntry(registers, claim({ subjectName: 'nguyen van an', subjectBirthDate: '1990-03-15' }), OWN_ID);

    // Assess
    expect(own).toEqual({ registerId: REG, entryNo: '125', entitlement: { ground: 'self', status: 'verified' } });
    expect(ownWithDetails.entitlement?.status).toBe('verified');
  });

  it('gives the same answer, after the same reads, for a missing entry, someone else’s, and wrong details', async () => {
    // Prepare: one requester who is not the subject of 125, asking on every ground.
    const stranger = '079195067890';
    const cases: Partial<RegisterClaimInput>[] = [
      { entryNo: '99999' },
      { entryNo: '126' },
      { entryNo: '125' },
      { entryNo: '125', subjectName: 'Nguyễn Văn Ân', subjectBirthDate: '1990-03-15' },
    ];
    for (const ground of ['self', 'authorised-representative', 'heir-of-deceased'] as const) {
      const answers: unknown[] = [];
      const reads: string[][] = [];
      for (const c of cases) {
        const registers = countingRegisters();

        // Act
        const r = await claimRegisterEntry(registers, claim({ ground, subjectName: 'Nguyễn Văn An', subjectBirthDate: '1990-03-15', ...c }), stranger);

        answers.push({ ...r, entryNo: 'n', entitlement: { ...r.entitlement, subjectName: 'x', subjectBirthDate: 'y' } });
        reads.push(registers.reads.sort());
      }

      // Assess
      expect(new Set(answers.map((a) => JSON.stringify(a))).size, ground).toBe(1);
      expect(answers[0]).toMatchObject({ entitlement: { ground, status: 'pending' } });
      expect(new Set(reads.map((r) => r.join(','))).size, ground).toBe(1);
      expect(reads[0]).toEqual(['entry', 'get']);
    }
  });

  it('also leaves the subject pending when they give details that do not match their entry', async () => {
    // Act
    const r = await claimRegisterEntry(countingRegisters(), claim({ subjectBirthDate: '1990-03-16' }), OWN_ID);

    // Assess
    expect(r.entitlement?.status).toBe('pending');
  });

  it('asks anyone but the subject for the subject’s name and date of birth (422), before reading the register', async () => {
    // Prepare
    const registers = countingRegisters();

    // Act
    const attempt = claimRegisterEntry(registers, claim({ ground: 'legal-representative' }), '079195067890');

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    expect(registers.reads).toEqual([]);
  });

  it('answers at once only what is public: a register the agency does not hold is a 422', async () => {
    // Act
    const attempt = claimRegisterEntry(countingRegisters(), claim({ agencyId: 'ubnd-xa-tan-hung' }), OWN_ID);

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
  });
});
