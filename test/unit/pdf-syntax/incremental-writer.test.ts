import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { appendRevision, GrowingPdf, PdfObjectEditor, PdfObjectReader, rawBytes, type RevisionObject, type RevisionTrailer, type PdfRef } from '../../../shared/pdf-syntax';

/** The catalog rewritten with `/Lang (…)`: one small update, in the form the file already uses. */
function relabel(pdf: Uint8Array, lang: string): { objects: RevisionObject[]; trailer: RevisionTrailer } {
  const reader = new PdfObjectReader(pdf);
  const { trailer, size, startxref, format } = reader.xref;
  const root = trailer.entries.get('Root') as PdfRef;
  const editor = new PdfObjectEditor(reader.object(root));
  const catalog = reader.dict(root, 'catalog');
  const old = catalog.entries.get('Lang');
  if (old) editor.replace(old, `(${lang})`);
  else editor.addEntry(catalog, 'Lang', `(${lang})`);
  return { objects: [{ num: root.num, gen: root.gen, body: editor.body() }], trailer: { size, prev: startxref, carried: { Root: rawBytes(pdf, root) }, format } };
}

async function onePage(useObjectStreams: boolean): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage();
  return doc.save({ useObjectStreams });
}

describe('Class: GrowingPdf', () => {
  it.each([['a classic table', false], ['an xref stream', true]])('writes two updates in a row byte for byte as appendRevision does (%s)', async (_, streams) => {
    // Arrange
    const original = await onePage(streams);
    const first = relabel(original, 'vi');
    const once = appendRevision(original, first.objects, first.trailer).pdf;
    const second = relabel(once, 'en');
    const expected = appendRevision(once, second.objects, second.trailer).pdf;

    // Act
    const file = new GrowingPdf(original, 4096);
    const relabelled = relabel(file.pdf, 'vi');
    file.append(relabelled.objects, relabelled.trailer);
    const next = relabel(file.pdf, 'en');
    const written = file.append(next.objects, next.trailer);

    // Assess
    expect(Buffer.compare(written.pdf, expected)).toBe(0);
    expect(written.offsets).toEqual(appendRevision(once, second.objects, second.trailer).offsets);
  });

  it('writes into its room: the whole file is copied once, not once per update', async () => {
    // Arrange
    const original = await onePage(false);
    const file = new GrowingPdf(original, 4096);
    const before = file.pdf;

    // Act
    const first = relabel(file.pdf, 'vi');
    const afterFirst = file.append(first.objects, first.trailer).pdf;
    const second = relabel(afterFirst, 'en');
    const afterSecond = file.append(second.objects, second.trailer).pdf;

    // Assess
    expect(afterFirst.buffer).toBe(before.buffer);
    expect(afterSecond.buffer).toBe(before.buffer);
    expect(Buffer.compare(afterFirst, afterSecond.subarray(0, afterFirst.length))).toBe(0);
  });

  it('grows when an update does not fit its room, leaving the earlier views as they were', async () => {
    // Arrange
    const original = await onePage(false);
    const file = new GrowingPdf(original, 0);
    const before = Buffer.from(file.pdf);

    // Act
    const update = relabel(file.pdf, 'vi');
    const view = file.pdf;
    const written = file.append(update.objects, update.trailer);

    // Assess
    expect(Buffer.compare(view, before)).toBe(0);
    expect(Buffer.compare(written.pdf, appendRevision(original, update.objects, update.trailer).pdf)).toBe(0);
  });
});
