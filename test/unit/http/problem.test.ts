import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { ConflictError, ValidationError } from '../../../shared/domain/errors';
import { problemOf, problemResponse } from '../../../shared/http/problem';
import { validate } from '../../../shared/http/validate';

describe('Function: problemOf', () => {
  it('maps a domain error to its status, code and Vietnamese title', () => {
    const p = problemOf(new ConflictError('Yêu cầu đã được chứng thực.'), '/api/requests/1/certify');
    expect(p).toMatchObject({ status: 409, code: 'conflict', title: 'Xung đột trạng thái', detail: 'Yêu cầu đã được chứng thực.', instance: '/api/requests/1/certify' });
  });

  it('hides the details of an unexpected error behind a generic 500', () => {
    const p = problemOf(new Error('connection string postgres://secret'));
    expect(p.status).toBe(500);
    expect(JSON.stringify(p)).not.toMatch(/secret/);
  });

  it('serialises as application/problem+json', () => {
    const res = problemResponse(problemOf(new ValidationError('x')));
    expect(res.headers?.['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.body as string).status).toBe(422);
  });
});

describe('Function: validate', () => {
  const Schema = z.object({ title: z.string().min(1).max(5), copies: z.number().int().min(1) });

  it('returns the parsed value when it fits', () => {
    expect(validate(Schema, { title: 'abc', copies: 2 })).toEqual({ title: 'abc', copies: 2 });
  });

  it('names every wrong field in a 422 with Vietnamese text', () => {
    try {
      validate(Schema, { title: 'too long title', copies: 'two' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      const err = e as ValidationError;
      expect(err.status).toBe(422);
      const fields = (err.extra?.errors as { field: string }[]).map((x) => x.field);
      expect(fields).toEqual(['title', 'copies']);
      expect(err.detail).toMatch(/không hợp lệ/);
    }
  });
});

describe('Function: problemOf with extension members', () => {
  it('never lets an extension member override status, title or detail', () => {
    const p = problemOf(new ConflictError('x', { extra: { status: 'issued', title: 'oops', action: 'cancel' } }));
    expect(p.status).toBe(409);
    expect(p.title).toBe('Xung đột trạng thái');
    expect(p.action).toBe('cancel');
  });
});
