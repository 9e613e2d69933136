import { s } from '../../core/dom';
import { locale } from '../../i18n';

/**
 * A grouped bar chart drawn as SVG (no chart library, no CDN): one group per day, one bar per
 * series. Series differ by colour AND fill pattern, the legend names them, and every bar has a
 * <title> with its number; the caller also renders the numbers as a table.
 */
export interface Series {
  key: string;
  label: string;
  /** CSS class giving the colour (styles.css .series--…). */
  className: string;
  pattern?: 'hatch' | 'dots';
}

export interface ChartOptions {
  title: string;
  description: string;
  categories: string[];
  series: Series[];
  values: number[][]; // values[seriesIndex][categoryIndex]
  formatCategory?: (c: string) => string;
}

const W = 760;
const H = 320;
const M = { top: 16, right: 12, bottom: 56, left: 44 };

/** The smallest "nice" number (1, 2 or 5 × 10^k) at or above `n`. */
export function niceMax(n: number): number {
  if (n <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 5, 10]) if (m * p >= n) return m * p;
  return 10 * p;
}

let seq = 0;

export function barChart(o: ChartOptions): SVGSVGElement {
  const id = `chart-${++seq}`;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const max = niceMax(Math.max(0, ...o.values.flat()));
  const ticks = 5;
  const y = (v: number) => M.top + plotH - (v / max) * plotH;
  const groupW = plotW / Math.max(1, o.categories.length);
  const barW = Math.min(28, Math.max(1, (groupW * 0.8) / o.series.length));
  const labelEvery = Math.max(1, Math.ceil(o.categories.length / 12));
  const nf = new Intl.NumberFormat(locale());

  const svg = s(
    'svg',
    { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-labelledby': `${id}-t ${id}-d`, preserveAspectRatio: 'xMidYMid meet' },
    s('title', { id: `${id}-t` }, o.title),
    s('desc', { id: `${id}-d` }, o.description),
    s(
      'defs',
      null,
      s('pattern', { id: `${id}-hatch`, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' }, s('rect', { width: 6, height: 6, class: 'pattern-bg' }), s('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'pattern-line' })),
      s('pattern', { id: `${id}-dots`, width: 5, height: 5, patternUnits: 'userSpaceOnUse' }, s('rect', { width: 5, height: 5, class: 'pattern-bg' }), s('circle', { cx: 2.5, cy: 2.5, r: 1.3, class: 'pattern-dot' })),
    ),
  );
  // Grid and y axis.
  for (let i = 0; i <= ticks; i++) {
    const v = (max / ticks) * i;
    svg.append(
      s('line', { x1: M.left, x2: W - M.right, y1: y(v), y2: y(v), class: i === 0 ? 'axis' : 'gridline' }),
      s('text', { x: M.left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' }, nf.format(Math.round(v * 10) / 10)),
    );
  }
  // Bars.
  o.categories.forEach((c, ci) => {
    const x0 = M.left + ci * groupW + (groupW - barW * o.series.length) / 2;
    const g = s('g', { class: 'group' });
    o.series.forEach((sr, si) => {
      const v = o.values[si]?.[ci] ?? 0;
      const rect = s('rect', {
        x: x0 + si * barW,
        y: y(v),
        width: Math.max(1, barW - 1),
        height: Math.max(0, M.top + plotH - y(v)),
        class: `bar ${sr.className}`,
        'data-series': sr.key,
        'data-value': v,
      });
      rect.append(s('title', null, `${o.formatCategory ? o.formatCategory(c) : c} — ${sr.label}: ${nf.format(v)}`));
      g.append(rect);
      if (sr.pattern && v > 0) {
        g.append(s('rect', { x: x0 + si * barW, y: y(v), width: Math.max(1, barW - 1), height: M.top + plotH - y(v), fill: `url(#${id}-${sr.pattern})`, class: 'bar-pattern', 'aria-hidden': 'true' }));
      }
    });
    if (ci % labelEvery === 0) {
      const lx = M.left + ci * groupW + groupW / 2;
      g.append(s('text', { x: lx, y: H - M.bottom + 16, 'text-anchor': 'middle', class: 'tick' }, o.formatCategory ? o.formatCategory(c) : c));
    }
    svg.append(g);
  });
  // Legend under the axis.
  let lx = M.left;
  for (const sr of o.series) {
    svg.append(s('rect', { x: lx, y: H - 22, width: 14, height: 14, class: `bar ${sr.className}` }));
    if (sr.pattern) svg.append(s('rect', { x: lx, y: H - 22, width: 14, height: 14, fill: `url(#${id}-${sr.pattern})` }));
    const text = s('text', { x: lx + 20, y: H - 10, class: 'legend' }, sr.label);
    svg.append(text);
    lx += 28 + sr.label.length * 7.5;
  }
  return svg;
}
