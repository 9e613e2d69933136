import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The poppler and qpdf command-line tools, run on bytes in a scratch directory. A missing tool
 * makes the calling test fail (spawn error), never skip.
 */
function withScratch<T>(work: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-test-'));
  try {
    return work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(tool: string, args: string[]): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`${tool} could not be run (is it installed?): ${result.error.message}`);
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Text of a PDF as `pdftotext` (poppler) extracts it, UTF-8. */
export function pdfToText(pdf: Uint8Array, layout = false): string {
  return withScratch((dir) => {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    const r = run('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', join(dir, 'in.pdf'), '-']);
    if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
    return r.stdout;
  });
}

/** `qpdf --check`: exit status 0 clean, 2 errors, 3 warnings. */
export function qpdfCheck(pdf: Uint8Array): { status: number; output: string } {
  return withScratch((dir) => {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    const r = run('qpdf', ['--check', join(dir, 'in.pdf')]);
    return { status: r.status, output: r.stdout + r.stderr };
  });
}

/** The PDF rewritten by qpdf in QDF form (streams uncompressed, no object streams), as latin1 text. */
export function qdfText(pdf: Uint8Array): string {
  return withScratch((dir) => {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    const r = run('qpdf', ['--qdf', '--object-streams=disable', join(dir, 'in.pdf'), join(dir, 'out.pdf')]);
    if (r.status !== 0 && r.status !== 3) throw new Error(`qpdf --qdf failed: ${r.stderr}`);
    return readFileSync(join(dir, 'out.pdf')).toString('latin1');
  });
}

/** Encrypts a PDF with qpdf (`--encrypt user owner bits`). */
export function qpdfEncrypt(pdf: Uint8Array, user: string, owner: string, bits: 40 | 128 | 256): Uint8Array {
  return withScratch((dir) => {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    const extra = bits === 40 ? ['--allow-weak-crypto'] : [];
    const r = run('qpdf', [...extra, '--encrypt', user, owner, String(bits), '--', join(dir, 'in.pdf'), join(dir, 'out.pdf')]);
    if (r.status !== 0 && r.status !== 3) throw new Error(`qpdf --encrypt failed: ${r.stderr}`);
    return readFileSync(join(dir, 'out.pdf'));
  });
}

/** Renders page `page` (1-based) of a PDF to JPEG or PNG bytes with pdftoppm. */
export function renderPage(pdf: Uint8Array, format: 'jpeg' | 'png', dpi: number, page = 1): Uint8Array {
  return withScratch((dir) => {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    const r = run('pdftoppm', [`-${format}`, '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', join(dir, 'in.pdf'), join(dir, 'out')]);
    if (r.status !== 0) throw new Error(`pdftoppm failed: ${r.stderr}`);
    return readFileSync(join(dir, `out.${format === 'jpeg' ? 'jpg' : 'png'}`));
  });
}

/** pdfinfo's key/value output. */
export function pdfInfo(pdf: Uint8Array): Record<string, string> {
  return withScratch((dir) => {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    const out = execFileSync('pdfinfo', ['-enc', 'UTF-8', join(dir, 'in.pdf')], { encoding: 'utf8' });
    return Object.fromEntries(out.split('\n').filter((l) => l.includes(':')).map((l) => {
      const i = l.indexOf(':');
      return [l.slice(0, i).trim(), l.slice(i + 1).trim()];
    }));
  });
}

/** Page sizes "W x H" (points) of pages 1..n as `pdfinfo -f 1 -l n` reports them. */
export function pdfPageSizes(pdf: Uint8Array, n: number): string[] {
  return withScratch((dir) => {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    const out = execFileSync('pdfinfo', ['-f', '1', '-l', String(n), join(dir, 'in.pdf')], { encoding: 'utf8' });
    return [...out.matchAll(/^Page\s+\d+ size:\s+([\d.]+ x [\d.]+) pts/gm)].map((m) => m[1]);
  });
}

/** Pixels of a PPM (P6) render: width, height and RGB bytes. */
export interface Pixels {
  width: number;
  height: number;
  rgb: Uint8Array;
}

/**
 * Renders the rectangle `rect` ([llx, lly, urx, ury], PDF points) of page `page` (1-based,
 * `pageHeight` points tall) at 72 dpi with pdftoppm; `hideAnnotations` leaves the widgets out.
 */
export function renderArea(pdf: Uint8Array, page: number, pageHeight: number, rect: number[], hideAnnotations = false): Pixels {
  return withScratch((dir) => {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    const [x0, y0, x1, y1] = rect.map(Math.round);
    const area = ['-x', String(x0), '-y', String(Math.round(pageHeight) - y1), '-W', String(x1 - x0), '-H', String(y1 - y0)];
    const hide = hideAnnotations ? ['-hide-annotations'] : [];
    const r = run('pdftoppm', ['-r', '72', ...hide, ...area, '-f', String(page), '-l', String(page), '-singlefile', join(dir, 'in.pdf'), join(dir, 'out')]);
    if (r.status !== 0) throw new Error(`pdftoppm failed: ${r.stderr}`);
    const ppm = readFileSync(join(dir, 'out.ppm'));
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'));
    if (!header) throw new Error('pdftoppm did not write a binary PPM');
    return { width: Number(header[1]), height: Number(header[2]), rgb: ppm.subarray(header[0].length) };
  });
}

/** How many pixels satisfy `test(r, g, b)`. */
export function countPixels(pixels: Pixels, test: (r: number, g: number, b: number) => boolean): number {
  let n = 0;
  for (let i = 0; i + 2 < pixels.rgb.length; i += 3) if (test(pixels.rgb[i], pixels.rgb[i + 1], pixels.rgb[i + 2])) n++;
  return n;
}

/** One font of a PDF as `pdffonts` lists it. */
export interface PdfFontRow {
  name: string;
  type: string;
  encoding: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

/** The fonts of a PDF as `pdffonts` (poppler) lists them; columns are cut at the dashed rule. */
export function pdfFonts(pdf: Uint8Array): PdfFontRow[] {
  return withScratch((dir) => {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    const r = run('pdffonts', [join(dir, 'in.pdf')]);
    if (r.status !== 0) throw new Error(`pdffonts failed: ${r.stderr}`);
    const lines = r.stdout.split('\n');
    const rule = lines.findIndex((l) => l.startsWith('---'));
    const columns = [...lines[rule].matchAll(/-+/g)].map((m) => [m.index!, m.index! + m[0].length] as const);
    return lines.slice(rule + 1).filter((l) => l.trim()).map((line) => {
      const [name, type, encoding, emb, sub, uni] = columns.map(([from, to]) => line.slice(from, to).trim());
      return { name, type, encoding, embedded: emb === 'yes', subset: sub === 'yes', unicode: uni === 'yes' };
    });
  });
}

/** What pdftoppm writes to stderr while rendering every page (poppler reports broken fonts there). */
export function renderDiagnostics(pdf: Uint8Array, dpi = 72): string {
  return withScratch((dir) => {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    const r = run('pdftoppm', ['-r', String(dpi), '-png', join(dir, 'in.pdf'), join(dir, 'out')]);
    if (r.status !== 0) throw new Error(`pdftoppm failed: ${r.stderr}`);
    return r.stderr;
  });
}
