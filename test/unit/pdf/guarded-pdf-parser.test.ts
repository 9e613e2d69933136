import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { PDFArray, PDFDict, PDFName, PDFParser } from 'pdf-lib';
import { DEFAULT_PARSE_BUDGET, parsePdfBounded } from '../../../shared/pdf/guarded-pdf-parser';
import { OriginalFormatError } from '../../../shared/pdf/types';
import { makePdf, rawPdf } from './support/originals';

const HEAD = [
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
];

describe('Function: parsePdfBounded', () => {
  it('parses an ordinary PDF like pdf-lib does, trailer included', async () => {
    // Prepare
    const pdf = await makePdf([{}, {}]);

    // Act
    const context = await parsePdfBounded(pdf);

    // Assess
    const catalog = context.lookup(context.trailerInfo.Root, PDFDict);
    const pages = catalog.lookup(PDFName.of('Pages'), PDFDict);
    expect(pages.lookup(PDFName.of('Kids'), PDFArray).size()).toBe(2);
  });

  it('refuses a document with more objects than the budget', async () => {
    // Prepare
    const pdf = rawPdf([...HEAD, `[${'0 '.repeat(5_000)}]`]);

    // Act + Assess
    await expect(parsePdfBounded(pdf, { ...DEFAULT_PARSE_BUDGET, objects: 1_000 })).rejects.toThrow(OriginalFormatError);
    await expect(parsePdfBounded(pdf)).resolves.toBeDefined();
  });

  it('charges only names this process has not interned yet', async () => {
    // Prepare: 2 000 distinct names never seen before.
    const tag = randomBytes(4).toString('hex');
    const pdf = rawPdf([...HEAD, `<< ${Array.from({ length: 2_000 }, (_, i) => `/k${tag}x${i} 1`).join(' ')} >>`]);
    const budget = { ...DEFAULT_PARSE_BUDGET, newNames: 1_000 };

    // Act
    const first = await parsePdfBounded(pdf, budget).then(() => 'parsed', () => 'refused');
    await parsePdfBounded(pdf); // interns them all
    const second = await parsePdfBounded(pdf, budget).then(() => 'parsed', () => 'refused');

    // Assess
    expect(first).toBe('refused');
    expect(second).toBe('parsed');
  });

  it('stops at once when the budget runs out instead of crawling on through the file', async () => {
    // Prepare: 300 000 tiny objects whose numbers this process has never seen (4 MB).
    const base = Buffer.from(rawPdf(HEAD));
    const at = base.indexOf('xref');
    const first = 10_000_000 + Math.floor(Math.random() * 1_000_000);
    const filler = Array.from({ length: 300_000 }, (_, i) => `${first + i} 0 obj null endobj\n`).join('');
    const pdf = Buffer.concat([base.subarray(0, at), Buffer.from(filler), base.subarray(at)]);
    await parsePdfBounded(await makePdf([{}])); // the budget is installed on pdf-lib's parser
    const headers = vi.spyOn(PDFParser.prototype as unknown as { parseIndirectObjectHeader: () => unknown }, 'parseIndirectObjectHeader');

    // Act
    const error = await parsePdfBounded(pdf, { ...DEFAULT_PARSE_BUDGET, newRefs: 500 }).catch((e: unknown) => e);

    // Assess: the parser read about the budget's worth of objects, not the 300 000 in the file
    // (pdf-lib reads each object header up to twice: a look-ahead, then the object).
    const objectsRead = headers.mock.calls.length;
    headers.mockRestore();
    expect(error).toBeInstanceOf(OriginalFormatError);
    expect((error as Error).message).toContain('bất thường');
    expect(objectsRead).toBeGreaterThan(400);
    expect(objectsRead).toBeLessThanOrEqual(2 * (500 + HEAD.length + 1));
  });
});
