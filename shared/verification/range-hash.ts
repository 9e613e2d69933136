import { createHash, type Hash } from 'node:crypto';
import type { SignedRanges } from './signature-dictionary';

/**
 * SHA-256 of every signature's two byte ranges and of the whole file, reading the file once.
 * All ranges start at byte 0, so one running hash over the file is forked (`hash.copy()`) at each
 * signature's gap; each fork then only adds its short second range. For a copy signed twice that
 * is ~1× the file size hashed instead of 3×, and nothing is concatenated.
 */
export function hashRanges(buf: Uint8Array, ranges: (SignedRanges | undefined)[]): { whole: Buffer; perSignature: (Buffer | undefined)[] } {
  const order = ranges
    .map((range, index) => ({ range, index }))
    .filter((item): item is { range: SignedRanges; index: number } => item.range !== undefined)
    .sort((a, b) => a.range.gapStart - b.range.gapStart);
  const running = createHash('sha256');
  const forks = new Map<number, Hash>();
  let pos = 0;
  for (const { range, index } of order) {
    running.update(buf.subarray(pos, range.gapStart));
    pos = range.gapStart;
    forks.set(index, running.copy());
  }
  running.update(buf.subarray(pos));
  const perSignature = ranges.map((range, index) => {
    const fork = forks.get(index);
    return range && fork ? fork.update(buf.subarray(range.gapEnd, range.end)).digest() : undefined;
  });
  return { whole: running.digest(), perSignature };
}

/** The same two ranges with another hash (rare: signers using SHA-384/512). */
export function hashRangesWith(buf: Uint8Array, range: SignedRanges, algorithm: string): Buffer {
  return createHash(algorithm).update(buf.subarray(0, range.gapStart)).update(buf.subarray(range.gapEnd, range.end)).digest();
}
