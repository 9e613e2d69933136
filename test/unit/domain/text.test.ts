import { describe, expect, it } from 'vitest';
import { plainText } from '../../../shared/domain/text';

describe('Function: plainText', () => {
  it('removes bidi overrides and isolates, which reorder what the reader sees', () => {
    expect(plainText('Bằng tốt nghiệp \u202Efdp.exe')).toBe('Bằng tốt nghiệp fdp.exe');
    expect(plainText('\u2066Giấy khai sinh\u2069 \u202Bx\u202C')).toBe('Giấy khai sinh x');
  });

  it('removes zero-width characters, so that two titles that look alike are equal', () => {
    expect(plainText('Học\u200B bạ\u200D\uFEFF\u2060')).toBe(plainText('Học bạ'));
  });

  it('composes to NFC, also across a removed zero-width character', () => {
    const decomposed = 'Nguye\u0302\u0303n'; // "Nguyễn" typed with combining marks
    expect(plainText(decomposed)).toBe('Nguyễn');
    expect(plainText('Nguye\u200B\u0302\u0303n')).toBe('Nguyễn');
    expect(plainText('Nguyễn').normalize('NFC')).toBe(plainText('Nguyễn'));
  });

  it('turns line breaks and tabs into single spaces, drops other control characters, and trims', () => {
    expect(plainText('  Bản\n\tsao\u2028chứng\r\nthực\u0000\u001B  ')).toBe('Bản sao chứng thực');
    expect(plainText('x\u0000y\u007F.pdf')).toBe('xy.pdf');
  });

  it('keeps the line breaks of a multi-line note when asked, still without invisible characters', () => {
    expect(plainText(' dòng một\u202E\ndòng\u200B hai ', { keepLineBreaks: true })).toBe('dòng một\ndòng hai');
  });
});

describe('One rule for every typed text', () => {
  it('is applied by the contracts before their length bounds (titles, reasons, refusal details)', async () => {
    const { CreateRequestSchema, ExtendSchema, RejectSchema } = await import('../../../shared/contracts/requests');
    const { RevokeSchema } = await import('../../../shared/contracts/documents');
    const create = { kind: 'certify-copy', agencyId: 'a', copies: 1 };
    expect(CreateRequestSchema.parse({ ...create, title: ' \u202EHọc bạ\u200B ' }).title).toBe('Học bạ');
    expect(CreateRequestSchema.safeParse({ ...create, title: '\u202E\u200B\u2066' }).success).toBe(false);
    expect(ExtendSchema.safeParse({ workingDays: 1, reason: 'ab\u200B\u200B\u200B' }).success).toBe(false);
    expect(RejectSchema.parse({ reasonCode: 'other', detail: 'Mờ\u202E trang 2' }).detail).toBe('Mờ trang 2');
    expect(RevokeSchema.parse({ reason: 'Cấp\u200D nhầm\nngười' }).reason).toBe('Cấp nhầm người');
  });

  it('is the rule of file names, of register entries and of the text drawn on a copy', async () => {
    const { safeFileName } = await import('../../../shared/use-cases/add-original');
    const { validateEntryData } = await import('../../../shared/domain/register');
    const { cleanText } = await import('../../../shared/pdf/text-layout');
    const typed = 'Nguye\u0302\u0303n\u200B \u202EVa\u0306n';
    expect(safeFileName(`C:\\x\\${typed}.pdf`)).toBe(`${plainText(typed)}.pdf`);
    expect(cleanText(typed)).toBe(plainText(typed));
    const entry = validateEntryData({ fields: [{ name: 'hoTen', label: 'Họ tên', type: 'text', required: true }] } as never, { hoTen: typed });
    expect(entry.data?.hoTen).toBe('Nguyễn Văn');
  });
});
