import { existsSync, readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * Stack traces of the minified Lambda bundles, pointed back at the TypeScript sources — only when
 * an error is logged. Node's --enable-source-maps does it for every trace, but it reads and parses
 * the bundle's source map (1–2 MB) while the bundle loads: ~50 ms of every cold start of the
 * larger functions (issue #10), paid by every request that meets a cold start, to improve logs
 * that only errors write. Here the map is read on the first error a process logs.
 */

/** `file:///…/index.mjs:12:345` (or a plain path) of the given bundle, anywhere in a stack line. */
const positionsIn = (bundleUrl: string, bundlePath: string) =>
  new RegExp(`(?:${escapeRegExp(bundleUrl)}|${escapeRegExp(bundlePath)}):(\\d+):(\\d+)`, 'g');

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A source as the map names it, relative to the map's folder, shown relative to the repository. */
const displayedSource = (source: string) => source.replace(/^(?:\.\.\/|\.\/)+/, '');

/**
 * Rewrites every position in `stack` that lies in the bundle to `source.ts:line:column` (1-based,
 * as in traces); positions the map does not cover and frames of other files stay as they are.
 */
export function mapStackToSources(stack: string, map: SourceMap, bundleFile: string): string {
  const bundleUrl = new URL(`file://${bundleFile}`).href;
  return stack.replace(positionsIn(bundleUrl, bundleFile), (whole, line: string, column: string) => {
    const entry = map.findEntry(Number(line) - 1, Number(column) - 1) as Partial<{ originalSource: string; originalLine: number; originalColumn: number }>;
    if (!entry.originalSource || entry.originalLine === undefined || entry.originalColumn === undefined) return whole;
    return `${displayedSource(entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}

let loaded: { bundleFile: string; map: SourceMap } | null | undefined;

/** The source map beside this bundle (`index.mjs.map`), or null when running from the sources. */
function bundleSourceMap(): { bundleFile: string; map: SourceMap } | null {
  if (loaded !== undefined) return loaded;
  loaded = null;
  try {
    const bundleFile = fileURLToPath(import.meta.url);
    const mapFile = `${bundleFile}.map`;
    if (/\.m?js$/.test(bundleFile) && existsSync(mapFile)) {
      loaded = { bundleFile, map: new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')) as SourceMapPayload) };
    }
  } catch {
    // A missing or unreadable map only costs readable traces, never the log line itself.
  }
  return loaded;
}

/** The stack with bundle positions mapped to the sources (unchanged outside a bundle). */
export function sourceMappedStack(stack: string): string {
  const bundle = bundleSourceMap();
  return bundle ? mapStackToSources(stack, bundle.map, bundle.bundleFile) : stack;
}
