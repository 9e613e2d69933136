/** Small timing helpers: no dependency, times in milliseconds. */
import { readFileSync } from 'node:fs';

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest-rank on the sorted sample; p50 of an even count is the mean of the two middle values.
  if (p === 50 && sorted.length % 2 === 0) return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const median = (values: number[]): number => percentile(values, 50);

/**
 * Under BENCH_PROFILE=1, prints when a timed phase starts (ms since this process started, the
 * clock of its CPU profile), for `tsx bench/profile-summary.ts <profile> --after=<ms>`.
 */
export function mark(label: string): void {
  if (process.env.BENCH_PROFILE === '1') process.stdout.write(`  [profile] ${label}: timed phase from ${performance.now().toFixed(0)} ms (pid ${process.pid})\n`);
}

/** Runs `fn` `warmup` times untimed, then `runs` times timed; returns the timed samples. */
export async function sample(fn: () => Promise<unknown>, runs: number, warmup = 0, label = 'sample'): Promise<number[]> {
  return (await sampleWithCpu(fn, runs, warmup, label)).wall;
}

/**
 * Like `sample`, with the process's CPU time (user + system) of each run too: on a machine
 * shared with other work, CPU time moves much less than wall time and shows what the code costs.
 */
export async function sampleWithCpu(fn: () => Promise<unknown>, runs: number, warmup = 0, label = 'sample'): Promise<{ wall: number[]; cpu: number[] }> {
  for (let i = 0; i < warmup; i++) await fn();
  mark(label);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    await fn();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall, cpu };
}

/** How many times `fn` completes per second, run back to back for at least `ms`. */
export async function throughput(fn: () => Promise<unknown> | unknown, ms: number, label = 'throughput'): Promise<{ perSecond: number; count: number }> {
  mark(label);
  const start = performance.now();
  let count = 0;
  while (performance.now() - start < ms) {
    await fn();
    count++;
  }
  return { perSecond: (count * 1000) / (performance.now() - start), count };
}

export const round = (v: number, digits = 1): number => Number(v.toFixed(digits));

/** Peak resident set size of this process (VmHWM), in MB; falls back to the current RSS. */
export function peakRssMb(): number {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = /VmHWM:\s+(\d+) kB/.exec(status);
    if (kb) return Number(kb[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.memoryUsage().rss / 1024 / 1024;
}
