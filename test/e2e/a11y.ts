import type { Page } from 'playwright-core';

/**
 * A small accessibility audit run inside the page: <html lang>, a label for every form control,
 * a name for every button and link, and text contrast ≥ 4.5:1 (3:1 for large text) against the
 * effective background. Returns the violations (empty = pass). Not a replacement for axe, but it
 * keeps the rules the page promises from eroding.
 */
export async function audit(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const lang = document.documentElement.lang;
    if (lang !== 'vi' && lang !== 'en') problems.push(`html lang="${lang}"`);
    const visible = (el: Element) => {
      const r = (el as HTMLElement).getBoundingClientRect();
      const st = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && st.visibility !== 'hidden' && st.display !== 'none';
    };
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;

    for (const el of Array.from(document.querySelectorAll('input, select, textarea'))) {
      const c = el as HTMLInputElement;
      if (c.type === 'hidden') continue;
      const named = (c.labels && c.labels.length > 0) || c.getAttribute('aria-label') || c.getAttribute('aria-labelledby');
      if (!named) problems.push(`control without label: ${describe(el)} name=${c.name}`);
    }
    for (const el of Array.from(document.querySelectorAll('button, a[href]'))) {
      if (!visible(el)) continue;
      const name = (el.textContent ?? '').trim() || el.getAttribute('aria-label');
      if (!name) problems.push(`unnamed ${describe(el)}`);
    }

    type RGBA = [number, number, number, number];
    const parse = (c: string): RGBA => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return [0, 0, 0, 0];
      const p = m[1].split(/[,\s/]+/).filter(Boolean).map(Number);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    };
    const blend = (top: RGBA, under: RGBA): RGBA => {
      const a = top[3];
      return [top[0] * a + under[0] * (1 - a), top[1] * a + under[1] * (1 - a), top[2] * a + under[2] * (1 - a), 1];
    };
    const background = (el: Element | null): RGBA => {
      const layers: RGBA[] = [];
      for (let e = el; e; e = e.parentElement) {
        const bg = parse(getComputedStyle(e).backgroundColor);
        if (bg[3] > 0) {
          layers.push(bg);
          if (bg[3] >= 1) break;
        }
      }
      let out: RGBA = [255, 255, 255, 1];
      for (const l of layers.reverse()) out = blend(l, out);
      return out;
    };
    const lum = ([r, g, b]: RGBA) => {
      const f = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const ratio = (a: RGBA, b: RGBA) => {
      const [l1, l2] = [lum(a), lum(b)].sort((x, y) => y - x);
      return (l1 + 0.05) / (l2 + 0.05);
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set<Element>();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || seen.has(el) || !(n.textContent ?? '').trim()) continue;
      seen.add(el);
      if (!visible(el) || el.closest('svg, option, [disabled], [aria-disabled="true"], .visually-hidden')) continue;
      const st = getComputedStyle(el);
      const size = parseFloat(st.fontSize);
      const bold = Number(st.fontWeight) >= 700;
      const large = size >= 24 || (bold && size >= 18.66);
      const fg = blend(parse(st.color), background(el));
      const r = ratio(fg, background(el));
      if (r < (large ? 3 : 4.5)) problems.push(`contrast ${r.toFixed(2)} for ${describe(el)}`);
    }
    return problems;
  });
}
