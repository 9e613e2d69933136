import { createHash, type Hash } from 'node:crypto';
import type { SignedRanges } from './signature-dictionary';

/**
 * SHA-256 of every signature's two byte ranges and of the whole file, reading the file once.
 * All ranges start at byte 0, so one running hash over the file is forked (`hash.copy()`) at each
 * signature's gap; each fork then only adds its short second range. For a copy signed twice that
 * is ~1× the file size hashed instead of 3×, and nothing is concatenated.
 */
export function hashRanges(
  buf: Uint8Array, ranges: (SignedRanges | undefined)[], prefixes: number[] = [],
): { whole: Buffer; perSignature: (Buffer | undefined)[]; prefixes: Map<number, Buffer> } {
  // Every point where a digest is taken: each signature's gap, and each prefix asked for (the
  // sealed bytes a renewed copy starts with): one running hash, copied at each point in order.
  const points = [
    ...ranges.flatMap((range, index) => (range ? [{ at: range.gapStart, index }] : [])),
    ...prefixes.filter((at) => at >= 0 && at <= buf.length).map((at) => ({ at, index: -1 })),
  ].sort((a, b) => a.at - b.at);
  const running = createHash('sha256');
  const forks = new Map<number, Hash>();
  const prefixDigests = new Map<number, Buffer>();
  let pos = 0;
  for (const { at, index } of points) {
    running.update(buf.subarray(pos, at));
    pos = at;
    if (index >= 0) forks.set(index, running.copy());
    else prefixDigests.set(at, running.copy().digest());
  }
  running.update(buf.subarray(pos));
  const perSignature = ranges.map((range, index) => {
    const fork = forks.get(index);
    return range && fork ? fork.update(buf.subarray(range.gapEnd, range.end)).digest() : undefined;
  });
  return { whole: running.digest(), perSignature, prefixes: prefixDigests };
}

/** The same two ranges with another hash (rare: signers using SHA-384/512). */
export function hashRangesWith(buf: Uint8Array, range: SignedRanges, algorithm: string): Buffer {
  return createHash(algorithm).update(buf.subarray(0, range.gapStart)).update(buf.subarray(range.gapEnd, range.end)).digest();
}
