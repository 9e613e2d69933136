import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CROCKFORD_ALPHABET,
  VERIFY_CODE_ENTROPY_BITS,
  isVerifyCode,
  newVerifyCode,
  normalizeVerifyCode,
} from '../../../shared/domain/verify-code';

const real = (n: number) => new Uint8Array(randomBytes(n));
const fixed = (bytes: number[]) => () => new Uint8Array(bytes);

describe('Function: newVerifyCode', () => {
  it('gives 24 characters in six groups of four', () => {
    // Prepare / Act
    const code = newVerifyCode(real);
    // Assess
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/);
    expect(code.replace(/-/g, '')).toHaveLength(24);
    expect(isVerifyCode(code)).toBe(true);
  });

  it('uses only Crockford base32 characters (no I, L, O, U)', () => {
    for (let i = 0; i < 200; i += 1) {
      const chars = newVerifyCode(real).replace(/-/g, '');
      for (const c of chars) expect(CROCKFORD_ALPHABET).toContain(c);
      expect(chars).not.toMatch(/[ILOU]/);
    }
  });

  it('carries at least 100 bits of entropy and asks for 15 random bytes', () => {
    // Prepare
    let asked = 0;
    const spy = (n: number) => {
      asked = n;
      return real(n);
    };
    // Act
    newVerifyCode(spy);
    // Assess
    expect(asked).toBe(15);
    expect(VERIFY_CODE_ENTROPY_BITS).toBeGreaterThanOrEqual(100);
    expect(24 * Math.log2(CROCKFORD_ALPHABET.length)).toBe(VERIFY_CODE_ENTROPY_BITS);
  });

  it('encodes the bytes exactly (all zeros, all ones, a known pattern)', () => {
    expect(newVerifyCode(fixed(Array(15).fill(0)))).toBe('0000-0000-0000-0000-0000-0000');
    expect(newVerifyCode(fixed(Array(15).fill(255)))).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    // 0x08 0x42 0x10 0x84 0x21 = 00001 00001 00001 00001 00001 00001 00001 00001 → eight '1's
    expect(newVerifyCode(fixed([8, 66, 16, 132, 33, 8, 66, 16, 132, 33, 8, 66, 16, 132, 33]))).toBe(
      '1111-1111-1111-1111-1111-1111',
    );
  });

  it('gives different codes for different random bytes', () => {
    const codes = new Set(Array.from({ length: 1000 }, () => newVerifyCode(real)));
    expect(codes.size).toBe(1000);
  });

  it('refuses a random source that returns the wrong number of bytes', () => {
    expect(() => newVerifyCode(() => new Uint8Array(10))).toThrow();
  });
});

describe('Function: normalizeVerifyCode', () => {
  it('round-trips a canonical code', () => {
    for (let i = 0; i < 100; i += 1) {
      const code = newVerifyCode(real);
      expect(normalizeVerifyCode(code)).toBe(code);
    }
  });

  it('accepts lower case, spaces and missing dashes', () => {
    // Prepare
    const code = newVerifyCode(real);
    const typed = ` ${code.toLowerCase().replace(/-/g, '').replace(/(.{6})/g, '$1 ')} `;
    // Act / Assess
    expect(normalizeVerifyCode(typed)).toBe(code);
  });

  it('reads O as 0 and I or L as 1', () => {
    expect(normalizeVerifyCode('O0O0-IiLl-0000-0000-0000-0000')).toBe('0000-1111-0000-0000-0000-0000');
  });

  it('accepts typographic dashes pasted from a document', () => {
    expect(normalizeVerifyCode('7K2M–Q9XD—3T8V-WN4B-H6RC-1PZE')).toBe('7K2M-Q9XD-3T8V-WN4B-H6RC-1PZE');
  });

  it.each([
    ['empty', ''],
    ['too short', '7K2M-Q9XD-3T8V-WN4B-H6RC-1PZ'],
    ['too long', '7K2M-Q9XD-3T8V-WN4B-H6RC-1PZEX'],
    ['a U', 'U000-0000-0000-0000-0000-0000'],
    ['punctuation', '7K2M.Q9XD.3T8V.WN4B.H6RC.1PZE'],
    ['non-Latin letters', 'ĐĐĐĐ-0000-0000-0000-0000-0000'],
    ['a huge string', '0'.repeat(10_000)],
  ])('returns null for %s', (_what, input) => {
    expect(normalizeVerifyCode(input)).toBeNull();
  });

  it('returns null for non-strings', () => {
    expect(normalizeVerifyCode(undefined)).toBeNull();
    expect(normalizeVerifyCode(42)).toBeNull();
  });
});

describe('Function: isVerifyCode', () => {
  it('accepts only the canonical form', () => {
    expect(isVerifyCode('7K2M-Q9XD-3T8V-WN4B-H6RC-1PZE')).toBe(true);
    expect(isVerifyCode('7k2m-q9xd-3t8v-wn4b-h6rc-1pze')).toBe(false);
    expect(isVerifyCode('7K2MQ9XD3T8VWN4BH6RC1PZE')).toBe(false);
    expect(isVerifyCode('OK2M-Q9XD-3T8V-WN4B-H6RC-1PZE')).toBe(false);
  });
});
