/**
 * Reads a V8 .cpuprofile (node --cpu-prof, or BENCH_PROFILE=1 npm run bench) and prints where
 * the time goes: self time by package/file and by function, and inclusive time by function.
 * `tsx bench/profile-summary.ts <file.cpuprofile> [--top=N] [--after=ms] [--within=fn] [--match=text]`:
 * --after keeps the samples after that many ms of the process (the "[profile] … timed phase
 * from N ms" line a section prints under BENCH_PROFILE=1); --within keeps only the samples with
 * function `fn` on the stack; --match filters the inclusive list. Bundled code is mapped back
 * to its sources through the .map next to the bundle.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const opt = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
if (!file) throw new Error('usage: tsx bench/profile-summary.ts <file.cpuprofile> [--top=N] [--within=fn] [--match=text]');
const top = Number(opt('top') ?? 25);
const within = opt('within');
const filter = opt('match');
const afterMs = Number(opt('after') ?? 0);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const stackHas = (id: number, fn: string) => {
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) if (byId.get(cur)!.callFrame.functionName === fn) return true;
  return false;
};
// Sample times: the profile starts with the process (within a few ms), timeDeltas accumulate.
let clock = 0;
const at = profile.timeDeltas.map((d) => (clock += d) / 1000);
const kept = profile.samples.map((id, i) => at[i] >= afterMs && (!within || stackHas(id, within)));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => {
  if (kept[i]) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

/** Bundled code (the bench's children) is mapped back to its sources through the .map next to it. */
const maps = new Map<string, SourceMap | undefined>();
function original(frame: ProfileNode['callFrame']): { url: string; line: number } {
  if (!frame.url.startsWith('file://')) return { url: frame.url, line: frame.lineNumber };
  let map = maps.get(frame.url);
  if (!maps.has(frame.url)) {
    const path = `${fileURLToPath(frame.url)}.map`;
    map = existsSync(path) ? new SourceMap(JSON.parse(readFileSync(path, 'utf8'))) : undefined;
    maps.set(frame.url, map);
  }
  const entry = map?.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string; originalLine?: number } | undefined;
  return entry?.originalSource ? { url: entry.originalSource, line: entry.originalLine ?? 0 } : { url: frame.url, line: frame.lineNumber };
}

/** Which package (or repo folder) a script URL belongs to. */
function where(url: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (!url) return '(native/V8)';
  if (url.startsWith('node:')) return url;
  const repo = /\/(shared|bench|functions|infra)\/(.*)$/.exec(url);
  return repo ? `${repo[1]}/${repo[2]}` : url.split('/').slice(-2).join('/');
}
const labels = new Map<number, string>();
const label = (n: ProfileNode) => {
  let l = labels.get(n.id);
  if (l === undefined) {
    const o = original(n.callFrame);
    l = `${n.callFrame.functionName || '(anonymous)'} ${o.url.startsWith('file://') || o.url.includes('/') ? pathOf(o.url) : where(o.url)}:${o.line + 1}`;
    labels.set(n.id, l);
  }
  return l;
};
function pathOf(url: string): string {
  const m = /node_modules\/(.*)$/.exec(url);
  if (m) return m[1];
  const repo = /\/(shared|bench|functions|infra)\/(.*)$/.exec(url);
  return repo ? `${repo[1]}/${repo[2]}` : url;
}

const selfByFn = new Map<string, number>();
const selfByWhere = new Map<string, number>();
for (const [id, us] of selfUs) {
  const n = byId.get(id)!;
  selfByFn.set(label(n), (selfByFn.get(label(n)) ?? 0) + us);
  const w = n.callFrame.url ? where(original(n.callFrame).url) : n.callFrame.functionName;
  selfByWhere.set(w, (selfByWhere.get(w) ?? 0) + us);
}

// Inclusive time per function label (each sample counted once per label on its stack).
const inclusive = new Map<string, number>();
profile.samples.forEach((id, i) => {
  if (!kept[i]) return;
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const l = label(byId.get(cur)!);
    if (!seen.has(l)) {
      seen.add(l);
      inclusive.set(l, (inclusive.get(l) ?? 0) + (profile.timeDeltas[i] ?? 0));
    }
  }
});

const ms = (us: number) => `${(us / 1000).toFixed(1).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%`;
const print = (title: string, map: Map<string, number>, keep: (k: string) => boolean = () => true) => {
  console.log(`\n${title}`);
  [...map.entries()].filter(([k]) => keep(k)).sort((a, b) => b[1] - a[1]).slice(0, top).forEach(([k, us]) => console.log(`${ms(us)}  ${k}`));
};
console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled${afterMs ? ` after ${afterMs} ms` : ''}${within ? ` with ${within}() on the stack` : ''}`);
print('self time by package / file', selfByWhere);
print('self time by function', selfByFn);
print(`inclusive time by function${filter ? ` (matching "${filter}")` : ''}`, inclusive, filter ? (k) => k.includes(filter) : () => true);
