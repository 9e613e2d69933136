import { describe, expect, it } from 'vitest';
import { REGISTER_TYPES, formFieldOrder, registerTypeRule } from '../../../shared/domain/register-types';

describe('Function: formFieldOrder', () => {
  it('puts a birth entry’s fields in the extract form’s order, undeclared ones after in their own order', () => {
    // Prepare
    const declared = ['soDangKy', 'hoTenMe', 'noiSinh', 'hoTen', 'quocTich', 'ngaySinh', 'ghiChu'].map((name) => ({ name }));

    // Act
    const ordered = formFieldOrder('birth', declared).map((f) => f.name);

    // Assess
    expect(ordered).toEqual(['hoTen', 'ngaySinh', 'quocTich', 'noiSinh', 'hoTenMe', 'soDangKy', 'ghiChu']);
  });

  it('keeps the declaration order for a register type it does not know', () => {
    expect(formFieldOrder('land', [{ name: 'b' }, { name: 'a' }]).map((f) => f.name)).toEqual(['b', 'a']);
  });
});

describe('Data: REGISTER_TYPES', () => {
  it('declares for every type the subject’s ID field, a fee with its legal source, and a form', () => {
    for (const [type, rule] of Object.entries(REGISTER_TYPES)) {
      expect(rule.subjectIdField, type).toMatch(/^[a-zA-Z]+$/);
      expect(Number.isSafeInteger(rule.feePerCopy) && rule.feePerCopy >= 0, type).toBe(true);
      expect(rule.feeSource, type).toMatch(/Thông tư|Nghị định/);
      expect(rule.form.fieldOrder, type).toContain(rule.subjectNameField);
    }
    expect(registerTypeRule('birth')?.subjectIdField).toBe('soDinhDanh');
    expect(registerTypeRule('diploma')?.feePerCopy).toBe(0);
    expect(registerTypeRule('toString')).toBeUndefined();
  });
});
