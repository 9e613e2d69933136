import { describe, expect, it } from 'vitest';
import { decodeTextString, encodeTextString, formatPdfDate, formatPdfNumber, PdfLexer } from '../../../shared/pdf-syntax';

describe('Function: encodeTextString', () => {
  it('keeps printable ASCII a literal string, escaping parentheses and backslashes', () => {
    expect(encodeTextString('official')).toBe('(official)');
    expect(encodeTextString('a(b)\\c')).toBe('(a\\(b\\)\\\\c)');
  });

  it('writes Vietnamese as UTF-16BE with a BOM, in hex', () => {
    // Act
    const encoded = encodeTextString('Đóng dấu');

    // Assess
    expect(encoded).toBe('<FEFF011000F3006E0067002000641EA50075>');
  });

  it('round-trips through decodeTextString, including characters outside the BMP', () => {
    for (const text of ['Chứng thực bản sao', 'plain', '𠀀 chữ Nôm', '']) {
      // Act
      const lexer = new PdfLexer(Buffer.from(encodeTextString(text), 'latin1'));
      const node = lexer.parseValue();

      // Assess
      expect(node.kind).toBe('string');
      expect(decodeTextString((node as { bytes: Uint8Array }).bytes)).toBe(text);
    }
  });

  it('uses UTF-16 for control characters rather than writing them raw', () => {
    expect(encodeTextString('a\nb')).toBe('<FEFF0061000A0062>');
  });
});

describe('Function: formatPdfDate', () => {
  it('writes the instant in UTC as D:YYYYMMDDHHmmSSZ', () => {
    expect(formatPdfDate(new Date('2025-01-31T09:45:07+07:00'))).toBe('(D:20250131024507Z)');
  });

  it('refuses an invalid date', () => {
    expect(() => formatPdfDate(new Date('nope'))).toThrow(/not a valid date/);
  });
});

describe('Function: formatPdfNumber', () => {
  it('writes numbers without exponent and without trailing zeros', () => {
    expect([0, -0, 12, 595.28, 1e-7, -3.14159].map(formatPdfNumber)).toEqual(['0', '0', '12', '595.28', '0', '-3.1416']);
  });

  it('refuses non-finite numbers', () => {
    expect(() => formatPdfNumber(Number.NaN)).toThrow();
    expect(() => formatPdfNumber(Infinity)).toThrow();
  });
});
