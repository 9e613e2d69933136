import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { verifyPdf } from '../../../shared/verification';
import { DEFAULT_LIMITS, WorkBudget } from '../../../shared/pdf-syntax';
import { MemoryRegistry, createTestPki, issueCopy, type IssuedCopy, type TestPki } from './support/issued-copy';

type Mutation =
  | { kind: 'flip'; at: number; mask: number }
  | { kind: 'truncate'; length: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'overwrite'; at: number; bytes: Uint8Array };

/** Applies mutations in order; positions are fractions of the current length, so every one lands. */
function mutate(original: Uint8Array, mutations: { mutation: Mutation; fraction: number }[]): Buffer {
  let bytes = Buffer.from(original);
  for (const { mutation, fraction } of mutations) {
    const at = Math.min(bytes.length, Math.floor(fraction * bytes.length));
    switch (mutation.kind) {
      case 'flip':
        if (at < bytes.length) bytes[at] ^= mutation.mask;
        break;
      case 'truncate':
        bytes = bytes.subarray(0, Math.max(0, bytes.length - mutation.length));
        break;
      case 'insert':
        bytes = Buffer.concat([bytes.subarray(0, at), mutation.bytes, bytes.subarray(at)]);
        break;
      case 'overwrite':
        bytes = Buffer.concat([bytes.subarray(0, at), mutation.bytes, bytes.subarray(Math.min(bytes.length, at + mutation.bytes.length))]);
        break;
    }
  }
  return bytes;
}

/** PDF syntax bytes, so that insertions and overwrites also make plausible tokens. */
const syntax = fc.constantFrom(...['<<', '>>', '/ByteRange', '/Contents', ' 0 R', 'endobj', 'xref', 'startxref', '%%EOF', '\n', '0', '[', ']', '(', ')', '<', '>', '/Sig', 'trailer']
  .map((s) => Buffer.from(s, 'latin1')));
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), length: fc.integer({ min: 1, max: 4096 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 32 }), syntax) }),
  fc.record({ kind: fc.constant('overwrite' as const), at: fc.nat(), bytes: fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 16 }), syntax) }),
);
/** Half the mutations land in the last 40 KB, where the signatures, revisions and xref tables are. */
const fraction = (length: number) => fc.oneof(
  fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  fc.double({ min: Math.max(0, 1 - 40_000 / length), max: 1, maxExcluded: true, noNaN: true }),
);

/**
 * Work, not time: every parsed object is charged to the verification's WorkBudget, so counting the
 * charges shows that a hostile file is examined within DEFAULT_LIMITS (a file past them is refused, the
 * charge that overflows being the last one).
 */
function countObjects(): { spy: MockInstance; parsed: () => number } {
  const spy = vi.spyOn(WorkBudget.prototype, 'spend');
  return { spy, parsed: () => spy.mock.calls.filter(([kind]) => kind === 'objectsParsed').length };
}

describe('Function: verifyPdf on fuzzed copies', () => {
  let env: TestPki;
  let copy: IssuedCopy;
  afterEach(() => vi.restoreAllMocks());

  beforeAll(async () => {
    env = await createTestPki();
    copy = await issueCopy(env.pki);
  });
  afterAll(() => env.cleanup());

  it('never throws, stays within the work limits, and is authentic only for the unchanged bytes', async () => {
    // Prepare
    const registry = new MemoryRegistry().add(copy.record);
    const original = Buffer.from(copy.pdf);
    const verdicts = new Map<string, number>();
    let mostParsed = 0;

    // Act + Assess
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ mutation, fraction: fraction(original.length) }), { minLength: 1, maxLength: 4 }), async (mutations) => {
        const bytes = mutate(original, mutations);
        const objects = countObjects();
        const report = await verifyPdf(bytes, { trust: env.trust, registry, now: new Date() });
        const parsed = objects.parsed();
        objects.spy.mockRestore();
        verdicts.set(report.verdict, (verdicts.get(report.verdict) ?? 0) + 1);
        mostParsed = Math.max(mostParsed, parsed);
        expect(parsed).toBeLessThanOrEqual(DEFAULT_LIMITS.objectsParsed + 1);
        expect(report.checks.length).toBeGreaterThanOrEqual(13);
        if (!bytes.equals(original)) {
          expect(report.verdict).not.toBe('authentic');
          expect(report.indication).not.toBe('TOTAL_PASSED');
        }
      }),
      { numRuns: 400, interruptAfterTimeLimit: 25_000, markInterruptAsFailure: false },
    );
    // The fuzzer reached past the first check: most mutations leave something to verify.
    expect(verdicts.get('tampered') ?? 0).toBeGreaterThan(50);
    expect(mostParsed, 'the object counter counts').toBeGreaterThan(0);
  }, 40_000);

  it('survives hostile shapes: deep nesting, huge counts, cyclic /Prev, many %%EOF', async () => {
    // Prepare
    const registry = new MemoryRegistry().add(copy.record);
    const head = '%PDF-1.7\n';
    const hostile = [
      `${head}1 0 obj\n${'['.repeat(100_000)}\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n9\n%%EOF`,
      `${head}xref\n0 999999999999\n0000000000 65535 f \ntrailer\n<< /Size 1 /Root 1 0 R >>\nstartxref\n9\n%%EOF`,
      `${head}xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 /Root 1 0 R /Prev 9 >>\nstartxref\n9\n%%EOF`,
      `${head}${'%%EOF\nstartxref\n0\n'.repeat(20_000)}%%EOF`,
      `${head}${'/ByteRange [0 1 2 3] '.repeat(5_000)}\nstartxref\n9\n%%EOF`,
      Buffer.concat([Buffer.from(copy.pdf), Buffer.from(`\n${'/ByteRange [0 10 20 30]\n'.repeat(1_000)}`)]).toString('latin1'),
    ];

    for (const text of hostile) {
      // Act
      const objects = countObjects();
      const report = await verifyPdf(Buffer.from(text, 'latin1'), { trust: env.trust, registry, now: new Date() });
      const parsed = objects.parsed();
      objects.spy.mockRestore();

      // Assess
      expect(parsed).toBeLessThanOrEqual(DEFAULT_LIMITS.objectsParsed + 1);
      expect(report.verdict).not.toBe('authentic');
    }
  });
});
