import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  appendRevision, decodeTextString, PdfObjectEditor, PdfObjectReader, rawBytes, readRevisionChain, WorkBudget, type PdfRef,
} from '../../../shared/pdf-syntax';
import { xrefStreamPdf } from './support/xref-stream-pdf';

const dir = mkdtempSync(join(tmpdir(), 'pdf-syntax-history-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Appends a revision that rewrites the catalog with `/Lang (…)`, in the form the file already uses. */
function relabel(pdf: Uint8Array, lang: string): Buffer {
  const reader = new PdfObjectReader(pdf);
  const { trailer, size, startxref, format } = reader.xref;
  const root = trailer.entries.get('Root') as PdfRef;
  const editor = new PdfObjectEditor(reader.object(root));
  const catalog = reader.dict(root, 'catalog');
  const old = catalog.entries.get('Lang');
  if (old) editor.replace(old, `(${lang})`);
  else editor.addEntry(catalog, 'Lang', `(${lang})`);
  return appendRevision(pdf, [{ num: root.num, gen: root.gen, body: editor.body() }], {
    size, prev: startxref, carried: { Root: rawBytes(pdf, root) }, format,
  }).pdf;
}

function langAt(pdf: Uint8Array, revision: number): string | undefined {
  const chain = readRevisionChain(pdf, new WorkBudget());
  const view = chain.views[revision];
  const lang = view.dict(view.trailer.entries.get('Root'))?.entries.get('Lang');
  return lang?.kind === 'string' ? decodeTextString(lang.bytes) : undefined;
}

describe('Class: HistoricalView', () => {
  it.each([
    ['a classic table', async () => { const d = await PDFDocument.create(); d.addPage(); return d.save({ useObjectStreams: false }); }],
    ['pdf-lib object streams', async () => { const d = await PDFDocument.create(); d.addPage(); return d.save({ useObjectStreams: true }); }],
    ['a hand-written object stream', async () => xrefStreamPdf({ objectStreams: true, predictor: true })],
  ])('returns each object as it stood at revision N after later revisions changed it (%s)', async (_, build) => {
    // Prepare
    const base = await build();
    const twice = relabel(relabel(base, 'vi-VN'), 'en-US');
    const file = join(dir, 'twice.pdf');
    writeFileSync(file, twice);

    // Act
    const langs = [0, 1, 2].map((n) => langAt(twice, n));

    // Assess
    expect(langs).toEqual([undefined, 'vi-VN', 'en-US']);
    const check = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
  });

  it('keeps the update in the form of the file: a stream after a stream, a table after a table', async () => {
    // Prepare
    const doc = await PDFDocument.create();
    doc.addPage();
    const packed = await doc.save({ useObjectStreams: true });
    const classic = await doc.save({ useObjectStreams: false });

    // Act
    const chains = [relabel(packed, 'vi'), relabel(classic, 'vi')].map((pdf) => readRevisionChain(pdf, new WorkBudget()));

    // Assess
    expect(chains.map((chain) => chain.revisions.map((r) => r.format))).toEqual([['stream', 'stream'], ['table', 'table']]);
    expect(chains[0].revisions[1].section.has(chains[0].revisions[1].streamNum!)).toBe(true);
  });

  it('counts one parsed object per object read, cached afterwards', async () => {
    // Prepare
    const doc = await PDFDocument.create();
    doc.addPage();
    const pdf = relabel(await doc.save({ useObjectStreams: true }), 'vi');
    const budget = new WorkBudget();
    const chain = readRevisionChain(pdf, budget);
    const root = chain.views[1].trailer.entries.get('Root') as PdfRef;

    // Act
    for (let i = 0; i < 5; i++) chain.views[1].object(root);
    for (let i = 0; i < 5; i++) chain.views[0].object(root);

    // Assess: one catalog per view, plus the object stream holding the old one.
    expect(budget.used().objectsParsed).toBe(3);
  });
});
