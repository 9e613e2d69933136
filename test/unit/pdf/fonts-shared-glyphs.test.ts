import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { embedFonts } from '../../../shared/pdf/fonts';
import { drawLine } from '../../../shared/pdf/text-layout';

async function pdfWith(text: string): Promise<string> {
  const doc = await PDFDocument.create();
  const { bold } = await embedFonts(doc);
  drawLine(doc.addPage([595, 842]), text, 700, { font: bold, size: 14, x: 50, width: 500 });
  const file = join(mkdtempSync(join(tmpdir(), 'bansao-font-')), 'f.pdf');
  writeFileSync(file, await doc.save());
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC');
}

describe('Function: embedFonts across documents of one process', () => {
  it('keeps a letter extractable after an earlier document used it only inside a composite glyph', async () => {
    // Prepare: the first document subsets "Ộ" / "Ờ" (composites built on the glyphs O and Ơ)
    expect(await pdfWith('CỘNG HÒA ỞỜ')).toContain('CỘNG HÒA');
    // Act: a later document uses the plain letters
    const text = await pdfWith('BẢN SAO OƠ');
    // Assess
    expect(text).toContain('BẢN SAO OƠ');
  });
});
