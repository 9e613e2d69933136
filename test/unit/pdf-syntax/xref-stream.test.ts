import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  findPageRef, PdfObjectReader, readRevisionChain, readXrefIndex, WorkBudget, type PdfDict, type PdfRef,
} from '../../../shared/pdf-syntax';
import { xrefStreamPdf, type XrefStreamPdfOptions } from './support/xref-stream-pdf';

const dir = mkdtempSync(join(tmpdir(), 'pdf-syntax-xref-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The page's /MediaBox read through the catalog and page tree, as the signer walks them. */
function mediaBoxOf(pdf: Uint8Array): number[] {
  const reader = new PdfObjectReader(pdf);
  const catalog = reader.dict(reader.xref.trailer.entries.get('Root') as PdfRef, 'catalog');
  const page = reader.dict(findPageRef(reader, catalog, 0), 'page');
  const box = page.entries.get('MediaBox');
  return box?.kind === 'array' ? box.items.map((item) => (item.kind === 'number' ? item.value : NaN)) : [];
}

function qpdf(args: string[]): void {
  const result = spawnSync('qpdf', args, { encoding: 'utf8' });
  if (result.error) throw result.error;
  if (result.status !== 0 && result.status !== 3) throw new Error(`qpdf ${args.join(' ')}: ${result.stderr}`);
}

describe('Function: readXrefIndex on cross-reference streams (§7.5.8)', () => {
  it('reads pdf-lib output saved with object streams, objects compressed in them included', async () => {
    // Prepare
    const doc = await PDFDocument.create();
    doc.addPage([300, 400]);
    doc.addPage([500, 600]);
    const pdf = await doc.save({ useObjectStreams: true });

    // Act
    const index = readXrefIndex(pdf);
    const box = mediaBoxOf(pdf);

    // Assess
    expect(index.format).toBe('stream');
    expect([...index.entries.values()].some((entry) => entry?.objectStream !== undefined)).toBe(true);
    expect(box).toEqual([0, 0, 300, 400]);
  });

  it('reads qpdf --object-streams=generate output (Flate with PNG predictor 12) as the same document', async () => {
    // Prepare
    const doc = await PDFDocument.create();
    doc.addPage([210, 297]);
    const plain = join(dir, 'plain.pdf');
    const packed = join(dir, 'packed.pdf');
    writeFileSync(plain, await doc.save({ useObjectStreams: false }));
    qpdf(['--object-streams=generate', plain, packed]);
    const bytes = readFileSync(packed);

    // Act
    const index = readXrefIndex(bytes);

    // Assess
    expect(bytes.toString('latin1')).toMatch(/\/Predictor 12/);
    expect(index.format).toBe('stream');
    expect(mediaBoxOf(bytes)).toEqual(mediaBoxOf(readFileSync(plain)));
  });

  it.each<[string, XrefStreamPdfOptions]>([
    ['uncompressed rows', {}],
    ['Flate-compressed rows', { compress: true }],
    ['PNG Up predictor rows', { predictor: true }],
    ['two /Index subsections', { subsections: true, predictor: true }],
    ['objects compressed in an object stream', { objectStreams: true, predictor: true }],
    ['a hybrid file (/XRefStm beside a classic table)', { objectStreams: true, hybrid: true }],
  ])('reads a hand-written cross-reference stream with %s', (_, options) => {
    // Prepare
    const pdf = xrefStreamPdf(options);

    // Act
    const box = mediaBoxOf(pdf);
    const chain = readRevisionChain(pdf, new WorkBudget());

    // Assess
    expect(box).toEqual([0, 0, 200, 200]);
    expect(chain.revisions).toHaveLength(1);
    expect(chain.revisions[0]).toMatchObject({ format: options.hybrid ? 'table' : 'stream', end: pdf.lastIndexOf('%%EOF') + 5 });
  });
});

describe('Function: readXrefIndex on hostile cross-reference and object streams', () => {
  const expectSyntaxError = (run: () => unknown, code: string, message: RegExp) => {
    expect(run).toThrow(expect.objectContaining({ name: 'PdfSyntaxError', code, message: expect.stringMatching(message) }));
  };

  it('refuses field widths no file needs (/W [1 9 1])', () => {
    expectSyntaxError(() => readXrefIndex(xrefStreamPdf({ xrefDict: (d) => ({ ...d, W: '[1 9 1]' }) })), 'malformed', /invalid \/W/);
  });

  it('stops at the entry limit before looping over a /Size of a billion rows', () => {
    // Prepare
    const pdf = xrefStreamPdf({ xrefDict: (d) => ({ ...d, Size: '1000000000' }) });
    const budget = new WorkBudget();

    // Act / Assess
    expectSyntaxError(() => readXrefIndex(pdf, budget), 'limit', /xrefEntries/);
    expect(budget.used().xrefEntries).toBe(1_000_000_000);
    expect(budget.used().objectsParsed).toBe(0);
  });

  it('refuses an /Index that claims more rows than the data holds', () => {
    expectSyntaxError(() => readXrefIndex(xrefStreamPdf({ xrefDict: (d) => ({ ...d, Index: '[0 7 100 50000]' }) })), 'malformed', /fewer rows/);
  });

  it('stops inflating a bomb at the budget, having produced no more than the limit', () => {
    // Prepare
    const bomb = xrefStreamPdf({ compress: true, data: () => deflateSync(Buffer.alloc(32 * 1024 * 1024)) });
    const budget = new WorkBudget({ inflatedBytes: 1024 * 1024 });

    // Act / Assess
    expectSyntaxError(() => readXrefIndex(bomb, budget), 'limit', /inflates past/);
    expect(budget.used().inflatedBytes).toBeLessThanOrEqual(1024 * 1024);
  });

  it('refuses a /Prev chain that loops, after reading each section once', () => {
    // Prepare
    const base = xrefStreamPdf();
    const xrefAt = base.lastIndexOf('5 0 obj');
    const looping = xrefStreamPdf({ xrefDict: (d) => ({ ...d, Prev: String(xrefAt) }) });
    const budget = new WorkBudget();

    // Act / Assess
    expectSyntaxError(() => readXrefIndex(looping, budget), 'malformed', /loops/);
    expect(budget.used().revisions).toBe(1);
    expectSyntaxError(() => readRevisionChain(looping, new WorkBudget()), 'unsupported', /does not go backwards/);
  });

  it('refuses an object stream that claims to hold itself, without recursing', () => {
    // Prepare: object 4, the object stream, is listed as compressed inside object 4.
    const pdf = xrefStreamPdf({ objectStreams: true, rows: (rows) => rows.set(4, [2, 4, 3]) });
    const budget = new WorkBudget();
    const reader = new PdfObjectReader(pdf, budget);

    // Act / Assess
    expectSyntaxError(() => reader.object({ kind: 'ref', num: 1, gen: 0, start: 0, end: 0 }), 'malformed', /not an object stream at a byte offset/);
    expect(budget.used().objectsParsed).toBe(0);
  });

  it('refuses an object stream whose /N claims more objects than its data can hold', () => {
    // Prepare
    const pdf = xrefStreamPdf({ objectStreams: true, objStmDict: (d) => ({ ...d, N: '100000' }) });
    const reader = new PdfObjectReader(pdf);

    // Act / Assess
    expectSyntaxError(() => reader.object({ kind: 'ref', num: 1, gen: 0, start: 0, end: 0 }), 'malformed', /claims 100000 objects/);
  });

  it('stops at the object limit however many objects a caller asks for', () => {
    // Prepare
    const pdf = xrefStreamPdf({ objectStreams: true });
    const budget = new WorkBudget({ objectsParsed: 2 });
    const reader = new PdfObjectReader(pdf, budget);
    const catalog = reader.dict(reader.xref.trailer.entries.get('Root') as PdfRef, 'catalog');

    // Act / Assess
    expect((catalog as PdfDict).entries.has('Pages')).toBe(true);
    expectSyntaxError(() => reader.object({ kind: 'ref', num: 2, gen: 0, start: 0, end: 0 }), 'limit', /objectsParsed/);
    expect(budget.used().objectsParsed).toBe(3);
  });

  it('refuses an encrypted file as unsupported', () => {
    expectSyntaxError(() => readXrefIndex(xrefStreamPdf({ xrefDict: (d) => ({ ...d, Encrypt: '<< /Filter /Standard >>' }) })), 'unsupported', /encrypted/);
  });
});
