import type * as z from 'zod';
import { ValidationError } from '../domain/errors';

/** Parses input with a zod schema; a mismatch is a 422 naming each wrong field, in Vietnamese. */
export function validate<S extends z.ZodType>(schema: S, value: unknown, what = 'Dữ liệu gửi lên'): z.infer<S> {
  // A per-parse error map: zod applies it only to issues whose schema carries no message of its
  // own, so the schemas' Vietnamese messages stand and no message text is ever inspected.
  const result = schema.safeParse(value, { error: vietnameseIssue });
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : '(gốc)',
    message: issue.message,
  }));
  const summary = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  throw new ValidationError(`${what} không hợp lệ — ${summary}`, { extra: { errors } });
}

/** Vietnamese text for a zod issue the schema gave no message of its own. */
function vietnameseIssue(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'bắt buộc phải có' : `sai kiểu dữ liệu (cần ${issue.expected})`;
    case 'too_big':
      return `vượt quá giới hạn (tối đa ${String(issue.maximum)})`;
    case 'too_small':
      return `chưa đạt mức tối thiểu (tối thiểu ${String(issue.minimum)})`;
    case 'invalid_value':
      return `giá trị không được chấp nhận (chấp nhận: ${issue.values.map(String).join(', ')})`;
    case 'unrecognized_keys':
      return `có trường không được phép: ${issue.keys.join(', ')}`;
    case 'invalid_format':
      return 'sai định dạng';
    default:
      return 'không hợp lệ';
  }
}
