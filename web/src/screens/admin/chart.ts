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
  /**
   * The width the chart is shown at, in CSS pixels (default 760). The drawing is made at that
   * width, one unit a pixel, so that its 12 px labels stay 12 px on a phone instead of being
   * scaled down with the whole picture.
   */
  width?: number;
}

const DEFAULT_W = 760;
/** The width of one character of a 12 px tick label, a little generous (digits and "/"). */
const CHAR_W = 7.5;

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
  const W = Math.max(280, Math.round(o.width ?? DEFAULT_W));
  const label = (c: string) => (o.formatCategory ? o.formatCategory(c) : c);
  const longest = Math.max(1, ...o.categories.map((c) => label(c).length)) * CHAR_W;
  const slots = (W - 56) / Math.max(1, o.categories.length);
  // Labels that do not fit side by side are turned 45°: then each needs only its line height.
  const rotate = longest + 8 > slots * Math.max(1, Math.ceil(o.categories.length / 12));
  const labelRise = rotate ? Math.ceil(longest * Math.SQRT1_2) + 8 : 0;
  const M = { top: 16, right: 12, bottom: 56 + labelRise, left: 44 };
  const H = 264 + M.bottom;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const max = niceMax(Math.max(0, ...o.values.flat()));
  const ticks = 5;
  const y = (v: number) => M.top + plotH - (v / max) * plotH;
  const groupW = plotW / Math.max(1, o.categories.length);
  const barW = Math.min(28, Math.max(1, (groupW * 0.8) / o.series.length));
  // Every label that fits: side by side each needs its own width; turned, 24 px apart along the
  // axis puts 17 px between two lines of 12 px text.
  const labelEvery = Math.max(1, Math.ceil((rotate ? 24 : longest + 8) / groupW));
  const nf = new Intl.NumberFormat(locale());

  const svg = s(
    'svg',
    { viewBox: `0 0 ${W} ${H}`, class: 'chart', 'data-width': W, role: 'img', 'aria-labelledby': `${id}-t ${id}-d`, preserveAspectRatio: 'xMidYMid meet' },
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
      const ly = H - M.bottom + 16;
      g.append(
        rotate
          ? s('text', { x: lx, y: ly, 'text-anchor': 'end', transform: `rotate(-45 ${lx} ${ly})`, class: 'tick tick--x' }, label(c))
          : s('text', { x: lx, y: ly, 'text-anchor': 'middle', class: 'tick tick--x' }, label(c)),
      );
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
