import { describe, expect, it } from 'vitest';
import { SigningError } from '../../../shared/signing/errors';
import { decodeTextString, PdfLexer, parseIndirectObjectAt, type PdfDict } from '../../../shared/pdf-syntax';

const parse = (text: string) => new PdfLexer(Buffer.from(text, 'latin1')).parseValue();

describe('Class: PdfLexer', () => {
  it('parses nested dictionaries, arrays, references, numbers and names with their byte spans', () => {
    // Prepare
    const text = '<< /Type /Page /Kids [1 0 R 2 0 R] /MediaBox [0 0 595.28 -.5] /A#20B true /N null >>';

    // Act
    const node = parse(`  ${text} endobj`) as PdfDict;

    // Assess
    expect(node.kind).toBe('dict');
    expect([...node.entries.keys()]).toEqual(['Type', 'Kids', 'MediaBox', 'A B', 'N']);
    expect(node.entries.get('Kids')).toMatchObject({ kind: 'array', items: [{ kind: 'ref', num: 1, gen: 0 }, { kind: 'ref', num: 2, gen: 0 }] });
    expect(node.entries.get('MediaBox')).toMatchObject({ items: [{ value: 0 }, { value: 0 }, { value: 595.28 }, { value: -0.5 }] });
    expect([node.start, node.end]).toEqual([2, 2 + text.length]);
  });

  it('does not mistake two numbers for a reference', () => {
    expect(parse('[1 0 2]')).toMatchObject({ items: [{ kind: 'number' }, { kind: 'number' }, { kind: 'number' }] });
  });

  it('decodes literal strings with nesting, escapes, octal codes and line continuations', () => {
    // Act
    const node = parse('(a (nested) \\(x\\) \\101\\n\\\\ b\\\nc)');

    // Assess
    expect(decodeTextString((node as { bytes: Uint8Array }).bytes)).toBe('a (nested) (x) A\n\\ bc');
  });

  it.each<[string, string, string]>([
    ['bare digits', '<48656C6c6F>', '48656c6c6f'],
    ['digits with PDF white-space, skipped (§7.3.4.3)', '<48 65\n6C\t6C\r6F>', '48656c6c6f'],
    ['an odd count of digits, the last followed by 0 (§7.3.4.3)', '<48656C6C6>', '48656c6c60'],
    ['an odd count of digits with white-space', '<4 86>', '4860'],
    ['nothing', '<>', ''],
  ])('decodes a hex string of %s', (_label, text, hex) => {
    // Act
    const node = parse(text);

    // Assess
    expect(node.kind).toBe('string');
    expect(Buffer.from((node as { bytes: Uint8Array }).bytes).toString('hex')).toBe(hex);
    expect([node.start, node.end]).toEqual([0, text.length]);
  });

  it('refuses a hex string with a character that is neither a digit nor white-space', () => {
    expect(() => parse('<48G5>')).toThrow(/invalid hex string/);
  });

  it('skips comments between tokens', () => {
    expect(parse('% comment\n<< /A % another\n 1 >>')).toMatchObject({ kind: 'dict' });
  });

  it('refuses a dictionary with a repeated key, which readers would resolve differently', () => {
    expect(() => parse('<< /V 1 0 R /V 2 0 R >>')).toThrow(/duplicate dictionary key \/V/);
  });

  it('refuses unterminated values with a malformed PdfSyntaxError naming the offset', () => {
    for (const text of ['<< /A [1 2', '(abc', '<0A1']) {
      expect(() => parse(text)).toThrow(expect.objectContaining({ name: 'PdfSyntaxError', code: 'malformed', message: expect.stringMatching(/at byte \d+/) }));
    }
  });
});

describe('Function: parseIndirectObjectAt', () => {
  it('checks the object header against the number the xref table promised', () => {
    // Prepare
    const buf = Buffer.from('%PDF\n4 0 obj\n<< /A 1 >>\nendobj\n', 'latin1');

    // Act / Assess
    expect(parseIndirectObjectAt(buf, 5, 4, 0).value.kind).toBe('dict');
    expect(() => parseIndirectObjectAt(buf, 5, 5, 0)).toThrow(/where object 4 0 starts/);
    expect(() => parseIndirectObjectAt(buf, 500, 4, 0)).toThrow(/outside the file/);
  });
});

describe('Class: PdfLexer limits', () => {
  it('never reads past its window end, even when the value continues beyond it', () => {
    // Prepare
    const buf = Buffer.from('<< /A 1 /B (long string) >>', 'latin1');

    // Act / Assess
    expect(() => new PdfLexer(buf, 0, { end: 12 }).parseValue()).toThrow(expect.objectContaining({ code: 'malformed' }));
    expect(new PdfLexer(buf, 0, { end: buf.length }).parseValue().kind).toBe('dict');
  });

  it('refuses nesting past maxDepth, and nests without recursion however deep it is allowed to go', () => {
    // Prepare
    const deep = Buffer.from(`${'['.repeat(200_000)}${']'.repeat(200_000)}`, 'latin1');

    // Act / Assess
    expect(() => new PdfLexer(deep, 0, { maxDepth: 64 }).parseValue()).toThrow(/nested too deeply/);
    expect(new PdfLexer(deep, 0, { maxDepth: 200_000 }).parseValue()).toMatchObject({ kind: 'array', end: deep.length });
  });

  it('lets the last of repeated keys win only when asked to', () => {
    // Prepare
    const buf = Buffer.from('<< /Type /A /Type /XRef >>', 'latin1');

    // Act
    const dict = new PdfLexer(buf, 0, { duplicateKeys: 'last-wins' }).parseValue() as PdfDict;

    // Assess
    expect(dict.entries.get('Type')).toMatchObject({ kind: 'name', value: 'XRef' });
    expect(() => new PdfLexer(buf).parseValue()).toThrow(/duplicate dictionary key/);
  });
});
