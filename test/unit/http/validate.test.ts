import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/domain/errors';
import { validate } from '../../../shared/http/validate';

function refusal(schema: z.ZodType, value: unknown): { field: string; message: string }[] {
  try {
    validate(schema, value);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError & { extra: { errors: { field: string; message: string }[] } }).extra.errors;
  }
  throw new Error('validate accepted the value');
}

describe('Function: validate', () => {
  it('answers in Vietnamese, field by field, where the schema says nothing of its own', () => {
    // Prepare
    const schema = z.object({ title: z.string().max(5), email: z.email(), kind: z.enum(['a', 'b']), n: z.number() }).strict();

    // Act
    const errors = refusal(schema, { title: 'quá dài rồi', email: 'không-phải-thư', kind: 'c', extra: 1 });

    // Assess
    expect(errors).toEqual(expect.arrayContaining([
      { field: 'title', message: 'vượt quá giới hạn (tối đa 5)' },
      { field: 'email', message: 'sai định dạng' },
      { field: 'kind', message: 'giá trị không được chấp nhận (chấp nhận: a, b)' },
      { field: 'n', message: 'bắt buộc phải có' },
      { field: '(gốc)', message: 'có trường không được phép: extra' },
    ]));
    for (const { message } of errors) expect(message).not.toMatch(/Invalid|Expected|Too (big|small)/);
  });

  it("keeps the schema's own message, whatever its wording", () => {
    // Prepare: a message that begins like zod's English ones must not be mistaken for them
    const schema = z.object({ code: z.string().regex(/^\d+$/, { message: 'Invalid là tên mã, chỉ gồm chữ số' }), note: z.string().min(3, { message: 'Ghi chú quá ngắn' }) });

    // Act
    const errors = refusal(schema, { code: 'x', note: 'a' });

    // Assess
    expect(errors).toEqual([
      { field: 'code', message: 'Invalid là tên mã, chỉ gồm chữ số' },
      { field: 'note', message: 'Ghi chú quá ngắn' },
    ]);
  });
});
