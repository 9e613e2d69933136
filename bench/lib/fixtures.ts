/**
 * Generated inputs of the benchmarks, kept out of git in a temp dir (reused between runs while
 * FIXTURE_VERSION is unchanged; BENCH_FRESH=1 regenerates them):
 * - noisy A4 "scans": a page of text over paper-coloured noise, rendered by poppler's
 *   `pdftoppm -jpeg` at 150 dpi, quality 85 (~0.5 MB each, like a phone or office scanner);
 * - the 2-page original: two such JPEGs (~1 MB);
 * - the 200-page original: a PDF with one ~250 KB JPEG per page (~50 MB), as scanners write it;
 * - the 20 MB PDF for the signing comparison: a composed (unsigned) certified copy of an 80-page scan.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  PDFDocument, PDFName, StandardFonts, concatTransformationMatrix, drawObject, popGraphicsState, pushGraphicsState, rgb,
} from 'pdf-lib';

const FIXTURE_VERSION = 'v5';
const A4: [number, number] = [595.28, 841.89];

export interface Fixtures {
  dir: string;
  /** Two A4 JPEG pages, ~1 MB together. */
  twoPageJpegs: Uint8Array[];
  /** A 200-page PDF of JPEG pages, ~50 MB. */
  pdf200: Uint8Array;
  /** Path of the ~20 MB unsigned composed copy and its official signature field (JSON next to it). */
  composed20mb: { pdf: Uint8Array; field: { name: string; pageIndex: number; rect: [number, number, number, number] } };
}

export function fixturesDir(): string {
  return join(tmpdir(), `bansao-bench-fixtures-${FIXTURE_VERSION}`);
}

/** A tiny deterministic PRNG (xorshift32), so fixtures are the same from run to run. */
function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
}

const WORDS = ('cong hoa xa hoi chu nghia viet nam doc lap tu do hanh phuc giay chung nhan bang tot nghiep trung hoc pho thong '
  + 'ho va ten ngay sinh noi sinh gioi tinh dan toc quoc tich so hieu vao so cap bang ngay thang nam hieu truong so giao duc').split(' ');

/**
 * One noisy A4 scan as JPEG: paper-coloured noise (the grain and unevenness that make real scans
 * compress badly), a heading, 38 lines of text and a stamp-like circle, rendered by pdftoppm.
 * `noise` is the amplitude of the per-pixel grain; `dpi` the scan resolution.
 */
export async function scanJpeg(work: string, seed: number, options: { noise: number; dpi: number; quality: number }): Promise<Uint8Array> {
  const rand = prng(seed);
  const w = Math.round((A4[0] / 72) * options.dpi);
  const h = Math.round((A4[1] / 72) * options.dpi);
  const pixels = Buffer.alloc(w * h * 3);
  // Low-frequency shading (uneven lighting) plus per-pixel grain.
  const shadeX = 6 + rand() * 6;
  const shadeY = 4 + rand() * 6;
  for (let y = 0, p = 0; y < h; y++) {
    const sy = Math.sin((y / h) * Math.PI * 1.3) * shadeY;
    for (let x = 0; x < w; x++) {
      const shade = sy + Math.cos((x / w) * Math.PI * 0.9) * shadeX;
      const grain = (rand() - 0.5) * options.noise;
      pixels[p++] = clamp(238 + shade + grain);
      pixels[p++] = clamp(233 + shade + grain * 0.9);
      pixels[p++] = clamp(218 + shade + grain * 1.1);
    }
  }
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  const bold = await doc.embedFont(StandardFonts.TimesRomanBold);
  const page = doc.addPage(A4);
  const image = doc.context.register(doc.context.flateStream(pixels, {
    Type: 'XObject', Subtype: 'Image', Width: w, Height: h, ColorSpace: 'DeviceRGB', BitsPerComponent: 8,
  }));
  page.node.setXObject(PDFName.of('Paper'), image);
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(A4[0], 0, 0, A4[1], 0, 0), drawObject('Paper'), popGraphicsState());
  const ink = rgb(0.12, 0.12, 0.18);
  page.drawText('CONG HOA XA HOI CHU NGHIA VIET NAM', { x: 150, y: 790, size: 14, font: bold, color: ink });
  page.drawText('Doc lap - Tu do - Hanh phuc', { x: 215, y: 772, size: 12, font, color: ink });
  page.drawText(`BANG TOT NGHIEP - TRANG ${seed}`, { x: 190, y: 735, size: 16, font: bold, color: rgb(0.6, 0.1, 0.1) });
  for (let line = 0; line < 38; line++) {
    const words = Array.from({ length: 14 }, () => WORDS[Math.floor(rand() * WORDS.length)]);
    page.drawText(`${line + 1}. ${words.join(' ')} ${Math.floor(rand() * 1e8)}`, { x: 56, y: 700 - line * 16, size: 10.5, font, color: ink });
  }
  page.drawCircle({ x: 440, y: 110, size: 48, borderColor: rgb(0.75, 0.1, 0.1), borderWidth: 3, opacity: 0.8, borderOpacity: 0.8 });
  page.drawText('DA KY', { x: 418, y: 105, size: 14, font: bold, color: rgb(0.75, 0.1, 0.1) });
  const pdfPath = join(work, `scan-${seed}.pdf`);
  writeFileSync(pdfPath, await doc.save());
  const out = join(work, `scan-${seed}`);
  execFileSync('pdftoppm', ['-jpeg', '-jpegopt', `quality=${options.quality}`, '-r', String(options.dpi), '-singlefile', pdfPath, out]);
  const jpeg = readFileSync(`${out}.jpg`);
  rmSync(pdfPath);
  rmSync(`${out}.jpg`);
  return jpeg;
}

function clamp(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
}

/** A PDF whose every page is one JPEG drawn full-page (what a scanner's "scan to PDF" writes). */
async function jpegPdf(pages: number, jpegs: Uint8Array[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) {
    // A fresh image object per page (not one shared object), as in a real multi-page scan.
    const image = await doc.embedJpg(jpegs[i % jpegs.length]);
    const page = doc.addPage(A4);
    page.drawImage(image, { x: 0, y: 0, width: A4[0], height: A4[1] });
  }
  return doc.save();
}

function requirePdftoppm(): void {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
  } catch {
    throw new Error('pdftoppm (Debian: poppler-utils) is needed to make the JPEG fixtures: apt-get install -y poppler-utils');
  }
}

/**
 * Makes (or reuses) the fixtures. `compose20mb` turns an 80-page original into the composed
 * copy the signing benchmark signs; it is passed in to keep this module free of shared/.
 */
export async function ensureFixtures(
  compose20mb: (original: Uint8Array) => Promise<{ pdf: Uint8Array; field: Fixtures['composed20mb']['field'] }>,
  log: (line: string) => void = () => {},
): Promise<Fixtures> {
  const dir = fixturesDir();
  if (process.env.BENCH_FRESH === '1') rmSync(dir, { recursive: true, force: true });
  const done = join(dir, 'complete');
  if (!existsSync(done)) {
    requirePdftoppm();
    const started = performance.now();
    const work = `${dir}.tmp-${process.pid}`;
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    // Two 150-dpi colour pages with visible grain: ~0.5 MB each.
    const two = [await scanJpeg(work, 1, { noise: 15, dpi: 150, quality: 85 }), await scanJpeg(work, 2, { noise: 15, dpi: 150, quality: 85 })];
    two.forEach((jpeg, i) => writeFileSync(join(work, `page-${i + 1}.jpg`), jpeg));
    // Eight distinct ~250 KB pages for the big originals (less grain, stronger compression, as an office scanner).
    const many: Uint8Array[] = [];
    for (let i = 0; i < 8; i++) many.push(await scanJpeg(work, 10 + i, { noise: 3, dpi: 150, quality: 70 }));
    writeFileSync(join(work, 'original-200p.pdf'), await jpegPdf(200, many));
    const composed = await compose20mb(await jpegPdf(80, many));
    writeFileSync(join(work, 'composed-20mb.pdf'), composed.pdf);
    writeFileSync(join(work, 'composed-20mb.json'), JSON.stringify(composed.field));
    writeFileSync(join(work, 'complete'), new Date().toISOString());
    rmSync(dir, { recursive: true, force: true });
    renameSync(work, dir);
    log(`fixtures generated in ${((performance.now() - started) / 1000).toFixed(1)} s under ${dir}`);
  }
  return loadFixtures(dir);
}

/** The fixtures, each read from disk on first use only (a section holds just what it needs). */
export function loadFixtures(dir = fixturesDir()): Fixtures {
  const cache = new Map<string, unknown>();
  const once = <T>(key: string, load: () => T): T => {
    if (!cache.has(key)) cache.set(key, load());
    return cache.get(key) as T;
  };
  return {
    dir,
    get twoPageJpegs() {
      return once('2p', () => [readFileSync(join(dir, 'page-1.jpg')), readFileSync(join(dir, 'page-2.jpg'))]);
    },
    get pdf200() {
      return once('200p', () => readFileSync(join(dir, 'original-200p.pdf')));
    },
    get composed20mb() {
      return once('20mb', () => ({
        pdf: readFileSync(join(dir, 'composed-20mb.pdf')),
        field: JSON.parse(readFileSync(join(dir, 'composed-20mb.json'), 'utf8')) as Fixtures['composed20mb']['field'],
      }));
    },
  };
}
