import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { OriginalRejectedError } from '../../../shared/domain/errors';
import { composeCertifiedCopy } from '../../../shared/pdf/compose-certified-copy';
import { DEFAULT_PARSE_BUDGET } from '../../../shared/pdf/guarded-pdf-parser';
import { inspectionWork, inspectOriginal, type InspectionLimits, type OriginalContentType } from '../../../shared/pdf/inspect-original';
import { MAX_DECODED_TOTAL } from '../../../shared/pdf/stream-guard';
import * as corpus from '../../fixtures/hostile/make-corpus';

/**
 * Fuzzing `inspectOriginal` (fast-check, bounded runs): whatever the bytes, its work stays within
 * the limits that bound it (objects parsed, pages checked, bytes inflated — counted, not timed) and
 * it throws nothing but OriginalRejectedError; and whatever it accepts, the copy
 * can be composed from (its contract with certification). Seeds are fixed so that a failure
 * replays; fast-check prints the counterexample and its seed.
 */
const LIMITS: InspectionLimits = { maxPages: 200, maxImageSide: 20_000, maxImagePixels: 150e6 };
const TYPES: OriginalContentType[] = ['application/pdf', 'image/jpeg', 'image/png'];
/** Deeper local runs: FUZZ_SCALE=20 FUZZ_SEED=123 npx vitest run test/unit/fuzz (CI uses the fixed seeds). */
const SCALE = Number(process.env.FUZZ_SCALE ?? '1');
const params = (seed: number, numRuns: number) => ({
  seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) + seed : seed,
  numRuns: Math.round(numRuns * SCALE),
  interruptAfterTimeLimit: 20_000 * SCALE,
});
/** The test's own timeout: above the property's time limit. */
const TIMEOUT = { timeout: 40_000 * SCALE };

type Outcome = { kind: 'accepted'; pages: number } | { kind: 'rejected' };

/** Inspects, failing the property on any other error or on work past the limits. */
async function inspect(bytes: Uint8Array, contentType: OriginalContentType): Promise<Outcome> {
  const work = inspectionWork();
  try {
    const result = await inspectOriginal(bytes, { fileName: 'fuzz', contentType }, LIMITS, work);
    expect(result.pages).toBeGreaterThanOrEqual(1);
    expect(result.pages).toBeLessThanOrEqual(LIMITS.maxPages);
    return { kind: 'accepted', pages: result.pages };
  } catch (error) {
    if (!(error instanceof OriginalRejectedError)) throw new Error(`inspectOriginal threw ${String(error)}`, { cause: error });
    expect(error.status).toBe(422);
    expect(error.detail).toMatch(/^Tệp "fuzz" không được chấp nhận: /);
    return { kind: 'rejected' };
  } finally {
    expect(work.objectsParsed, 'objects parsed').toBeLessThanOrEqual(DEFAULT_PARSE_BUDGET.objects);
    expect(work.pagesChecked, 'pages checked').toBeLessThanOrEqual(LIMITS.maxPages);
    expect(work.bytesInflated, 'bytes inflated').toBeLessThanOrEqual(MAX_DECODED_TOTAL);
  }
}

/** The copy is composed from an accepted original (as certification will), with the same pages. */
async function composes(bytes: Uint8Array, contentType: OriginalContentType, pages: number, budget: { left: number }): Promise<void> {
  if (budget.left-- <= 0) return; // composing costs up to ~100 ms: a sample per property is enough
  const copy = await composeCertifiedCopy({
    originals: [{ bytes, contentType, fileName: 'fuzz' }],
    verifyCode: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF',
    verifyUrl: 'http://localhost/verify/AAAA-BBBB-CCCC-DDDD-EEEE-FFFF',
    number: 1,
    book: '01/2026-SCT/BS-ĐT',
    attestationLines: ['Chứng thực bản sao đúng với bản chính.'],
    official: { fullName: 'Nguyễn Văn A', title: 'Phó Chủ tịch' },
    agency: { name: 'Ủy ban nhân dân phường Ba Đình' },
  });
  expect(copy.pages).toBeGreaterThanOrEqual(pages);
}

const MAGIC: Record<OriginalContentType, Uint8Array> = {
  'application/pdf': Buffer.from('%PDF-1.7\n'),
  'image/jpeg': Buffer.from([0xff, 0xd8, 0xff]),
  'image/png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
};

/** Byte-level mutations of a seed file: flips, overwrites, insertions of PDF tokens, cuts, duplications. */
const PDF_TOKENS = ['<<', '>>', '[', ']', 'obj', 'endobj', 'stream', 'endstream', 'R', '/Type', '/Page', '/Pages', '/Kids', '/Contents', '/Filter', '/FlateDecode', '/Length', '/ObjStm', '/XRef', '/Encrypt', '/Resources', '/XObject', '/Subtype', '/Image', '/Width', '-1', '99999999999', '0 0 R', '%%EOF', 'xref', 'trailer', '(', ')', '\\'].map((t) => Buffer.from(` ${t} `, 'latin1'));

type Mutation =
  | { op: 'set'; at: number; byte: number }
  | { op: 'insert'; at: number; token: number }
  | { op: 'delete'; at: number; length: number }
  | { op: 'duplicate'; at: number; length: number }
  | { op: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('set' as const), at: fc.nat(), byte: fc.nat(255) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), token: fc.nat(PDF_TOKENS.length - 1) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 512 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }) },
);

function mutate(seed: Uint8Array, mutations: Mutation[]): Buffer {
  let bytes = Buffer.from(seed);
  for (const m of mutations) {
    const at = bytes.length === 0 ? 0 : m.at % bytes.length;
    if (m.op === 'set') {
      if (bytes.length > 0) bytes[at] = m.byte;
    } else if (m.op === 'insert') bytes = Buffer.concat([bytes.subarray(0, at), PDF_TOKENS[m.token], bytes.subarray(at)]);
    else if (m.op === 'delete') bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.length)]);
    else if (m.op === 'duplicate') bytes = Buffer.concat([bytes.subarray(0, at + m.length), bytes.subarray(at)]);
    else bytes = bytes.subarray(0, at);
  }
  return bytes;
}

/** Recomputes every PNG chunk CRC, so that mutations reach the checks behind the CRC. */
function fixPngCrcs(png: Buffer): Buffer {
  const out = Buffer.from(png);
  let pos = 8;
  while (pos + 12 <= out.length) {
    const length = out.readUInt32BE(pos);
    if (pos + 12 + length > out.length) break;
    out.writeUInt32BE(crc32(out.subarray(pos + 4, pos + 8 + length)), pos + 8 + length);
    pos += 12 + length;
  }
  return out;
}

// A PDF object generator: nested values, references to any object, streams with odd filters.
const pdfValue: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.integer({ min: -5, max: 2_000_000_000 }).map(String),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => d.toFixed(3)),
    fc.constantFrom('/Type', '/Page', '/Pages', '/Catalog', '/XObject', '/Image', '/Form', '/FlateDecode', '/JavaScript', '/Launch', 'true', 'null', '(text)', '<48656c6c6f>'),
    fc.tuple(fc.integer({ min: 1, max: 12 }), fc.constantFrom(0, 1, 65535)).map(([n, g]) => `${n} ${g} R`),
    fc.array(tie('value'), { maxLength: 5 }).map((items) => `[${items.join(' ')}]`),
    fc.array(fc.tuple(fc.constantFrom('Type', 'Kids', 'Count', 'Parent', 'Resources', 'MediaBox', 'CropBox', 'Rotate', 'Contents', 'XObject', 'Subtype', 'Width', 'Height', 'Filter', 'Length', 'N', 'First', 'A', 'AA', 'JS', 'S'), tie('value')), { maxLength: 6 })
      .map((entries) => `<< ${entries.map(([k, v]) => `/${k} ${v}`).join(' ')} >>`),
  ),
})).value;

const pdfObject: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  pdfValue,
  fc.tuple(pdfValue, fc.uint8Array({ maxLength: 256 }), fc.constantFrom('', '/Filter /FlateDecode', '/Filter [/FlateDecode /FlateDecode]', '/Filter /LZWDecode', '/Type /ObjStm /N 3 /First 5', '/Type /XRef /W [1 2 1] /Size 9'))
    .map(([, data, dict]) => corpus.streamObject(dict, data)),
);

/** A page (object 3 + i) with random extra entries; its content, if any, is one of the random objects. */
const pageObject: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(fc.tuple(fc.constantFrom('Resources', 'MediaBox', 'CropBox', 'Rotate', 'Contents', 'Annots', 'AA', 'Group', 'Kids', 'Type'), pdfValue), { maxLength: 3 }),
    fc.constantFrom('[0 0 200 200]', '[0 0 0 0]', '[-1e9 0 1e9 5]', '[0 0 200]', '(box)'),
  )
  .map(([extra, box]) => `<< /Type /Page /Parent 2 0 R /MediaBox ${box} ${extra.map(([k, v]) => `/${k} ${v}`).join(' ')} >>`);

/**
 * Random PDFs that still look like PDFs: a catalog, a page tree of 1–4 pages with random extras,
 * then random objects (streams among them), with a correct xref table.
 */
const randomPdf: fc.Arbitrary<Buffer> = fc
  .tuple(fc.array(pageObject, { minLength: 1, maxLength: 4 }), fc.array(pdfObject, { maxLength: 8 }), fc.constantFrom('', '', '', '/Encrypt 3 0 R', '/Info 4 0 R'), fc.boolean())
  .map(([pages, objects, trailer, extraKid]) => {
    const kids = pages.map((_, i) => `${i + 3} 0 R`).concat(extraKid ? [`${pages.length + 3} 0 R`] : []);
    return corpus.rawPdf(['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${kids.length} >>`, ...pages, ...objects], trailer);
  });

describe('Fuzz: inspectOriginal', () => {
  let seeds: { pdf: Uint8Array; classicPdf: Uint8Array; activePdf: Uint8Array; png: Buffer; alphaPng: Buffer; jpeg: Buffer };

  beforeAll(async () => {
    seeds = {
      pdf: await corpus.simplePdf(2),
      classicPdf: await corpus.simplePdf(2, { objectStreams: false }),
      activePdf: await corpus.activeContentPdf(),
      png: corpus.png(24, 16),
      alphaPng: corpus.png(16, 16, 6),
      jpeg: await corpus.jpeg(),
    };
  });

  it('answers random bytes of any declared type with OriginalRejectedError, within the work limits', TIMEOUT, async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), fc.constantFrom(...TYPES), fc.boolean(), async (random, type, withMagic) => {
        const bytes = withMagic ? Buffer.concat([MAGIC[type], random]) : random;
        await inspect(bytes, type);
      }),
      params(0x5eed01, 500),
    );
  });

  it('accepts or refuses mutated valid PDFs, and composes the PDFs it accepts', TIMEOUT, async () => {
    const budget = { left: 60 * SCALE };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('pdf', 'classicPdf', 'activePdf' as const), fc.array(mutation, { minLength: 1, maxLength: 6 }), async (which, mutations) => {
        const bytes = mutate(seeds[which as 'pdf'], mutations);
        const outcome = await inspect(bytes, 'application/pdf');
        if (outcome.kind === 'accepted') await composes(bytes, 'application/pdf', outcome.pages, budget);
      }),
      params(0x5eed02, 500),
    );
  });

  it('accepts or refuses structurally random PDFs (odd trees, references, filters), and composes what it accepts', TIMEOUT, async () => {
    const budget = { left: 60 * SCALE };
    await fc.assert(
      fc.asyncProperty(randomPdf, async (bytes) => {
        const outcome = await inspect(bytes, 'application/pdf');
        if (outcome.kind === 'accepted') await composes(bytes, 'application/pdf', outcome.pages, budget);
      }),
      params(0x5eed03, 500),
    );
  });

  it('accepts or refuses mutated PNGs (with and without repaired CRCs) and JPEGs, and composes what it accepts', TIMEOUT, async () => {
    const budget = { left: 40 * SCALE };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('png', 'alphaPng', 'jpeg' as const),
        fc.array(mutation.filter((m) => m.op !== 'insert'), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        async (which, mutations, repairCrc) => {
          const type: OriginalContentType = which === 'jpeg' ? 'image/jpeg' : 'image/png';
          let bytes = mutate(seeds[which as 'png'], mutations);
          if (type === 'image/png' && repairCrc) bytes = fixPngCrcs(bytes);
          const outcome = await inspect(bytes, type);
          if (outcome.kind === 'accepted') await composes(bytes, type, 1, budget);
        },
      ),
      params(0x5eed04, 500),
    );
  });

  it('refuses every file of the hostile corpus, each within the work limits', async () => {
    const jpg = seeds.jpeg;
    const cases: [Uint8Array, OriginalContentType][] = [
      [corpus.html(), 'application/pdf'],
      [corpus.svg(), 'image/png'],
      [corpus.exe(), 'application/pdf'],
      [corpus.encryptedPdf(seeds.pdf, ''), 'application/pdf'],
      [corpus.manyPagesPdf(5000), 'application/pdf'],
      [corpus.contentBombPdf(), 'application/pdf'],
      [corpus.formBombPdf(), 'application/pdf'],
      [corpus.imageBombPdf(), 'application/pdf'],
      [corpus.deepArrayPdf(), 'application/pdf'],
      [corpus.deepDictPdf(), 'application/pdf'],
      [corpus.pageTreeLoopPdf(), 'application/pdf'],
      [corpus.objectStreamLiarPdf(), 'application/pdf'],
      [corpus.pngClaiming(100_000, 100_000), 'image/png'],
      [corpus.pngClaiming(5_000, 5_000, 6), 'image/png'],
      [corpus.jpegClaiming(jpg, 65_000, 65_000), 'image/jpeg'],
    ];
    for (const [bytes, type] of cases) expect((await inspect(bytes, type)).kind).toBe('rejected');
  });
});
