import { agencies } from '../../core/agencies';
import { h } from '../../core/dom';
import { api } from '../../core/endpoints';
import { date, isoDay, percent } from '../../core/format';
import type { Screen } from '../../core/router';
import { getSession } from '../../core/session';
import type { Summary } from '../../core/types';
import { errorBox, field, heading, section, serverText, table } from '../../core/ui';
import { locale, t, tDynamic, type MessageKey } from '../../i18n';
import { barChart } from './chart';

/**
 * /admin — the operating figures: volume, the share filed online, the share done on time,
 * overdue requests; a chart per day and the same numbers as tables. An official sees their own
 * agency only (the API enforces it too).
 */
export const reportsScreen: Screen = async ({ view, query }) => {
  const session = getSession();
  const own = session?.role === 'official' ? session.agencyId : undefined;
  const from = h('input', { type: 'date', name: 'from', value: query.get('from') ?? isoDay(-29), required: true });
  const to = h('input', { type: 'date', name: 'to', value: query.get('to') ?? isoDay(0), required: true });
  const agency = h('select', { name: 'agencyId' }, h('option', { value: '' }, t('rep.allAgencies')));
  const out = h('div', { 'aria-live': 'polite' });
  const form: HTMLFormElement = h(
    'form',
    { class: 'form form--inline', novalidate: true },
    field(t('rep.from'), from, { required: true }),
    field(t('rep.to'), to, { required: true }),
    own ? null : field(t('rep.agency'), agency),
    h('button', { type: 'submit', class: 'btn btn--primary' }, t('rep.show')),
  );
  view.append(heading(t('rep.title')), form, out);
  if (!own) {
    void agencies()
      .then((list) => agency.append(...list.filter((a) => a.kind !== 'receiver').map((a) => h('option', { value: a.id }, a.name))))
      .catch(() => undefined);
  }
  const load = async () => {
    if (!from.value || !to.value || from.value > to.value) {
      out.replaceChildren(errorBox(new Error(t('rep.badRange'))));
      return;
    }
    await section(out, () => api.summary({ from: from.value, to: to.value, agencyId: own ?? (agency.value || undefined) }), show);
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void load();
  });
  await load();
};

const FIGURES: [keyof Summary, MessageKey, 'n' | 'pct'][] = [
  ['received', 'rep.received', 'n'],
  ['submittedOnline', 'rep.submittedOnline', 'n'],
  ['issued', 'rep.issued', 'n'],
  ['rejected', 'rep.rejected', 'n'],
  ['cancelled', 'rep.cancelled', 'n'],
  ['onTime', 'rep.onTime', 'n'],
  ['overdue', 'rep.overdue', 'n'],
  ['onlineRate', 'rep.onlineRate', 'pct'],
  ['onTimeRate', 'rep.onTimeRate', 'pct'],
];

function show(sum: Summary): HTMLElement[] {
  const nf = new Intl.NumberFormat(locale());
  const days = everyDay(sum.from, sum.to, sum.byDay ?? []);
  const series = [
    { key: 'received', label: t('rep.received'), className: 'series--received' },
    { key: 'issued', label: t('rep.issued'), className: 'series--issued', pattern: 'dots' as const },
    { key: 'rejected', label: t('rep.rejected'), className: 'series--rejected', pattern: 'hatch' as const },
  ];
  const dm = (d: string) => date(d).slice(0, 5);
  return [
    h('p', { class: 'hint' }, t('rep.range', { from: date(sum.from), to: date(sum.to) })),
    h(
      'ul',
      { class: 'figures' },
      FIGURES.map(([key, label, kind]) => {
        const v = sum[key] as number | undefined;
        return h('li', { class: `figure figure--${key}`, 'data-figure': key }, h('span', { class: 'figure__value' }, kind === 'pct' ? percent(v) : v === undefined ? '—' : nf.format(v)), h('span', { class: 'figure__label' }, t(label)));
      }),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'chart-h' },
      h('h2', { id: 'chart-h' }, t('rep.chart')),
      !days.some((d) => d.received || d.issued || d.rejected)
        ? h('p', { class: 'empty' }, t('rep.empty'))
        : h(
            'figure',
            { class: 'chart-wrap' },
            barChart({
              title: t('rep.chart'),
              description: t('rep.chart.desc', { from: date(sum.from), to: date(sum.to) }),
              categories: days.map((d) => d.day),
              series,
              values: series.map((s) => days.map((d) => Number(d[s.key as 'received' | 'issued' | 'rejected'] ?? 0))),
              formatCategory: dm,
            }),
          ),
      days.some((d) => d.received || d.issued || d.rejected)
        ? h(
            'details',
            null,
            h('summary', null, t('rep.table')),
            table([t('col.day'), t('rep.received'), t('rep.issued'), t('rep.rejected')], days.map((d) => [date(d.day), nf.format(d.received), nf.format(d.issued), nf.format(d.rejected)])),
          )
        : null,
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'agency-h' },
      h('h2', { id: 'agency-h' }, t('rep.byAgency')),
      (sum.byAgency ?? []).length === 0
        ? h('p', { class: 'empty' }, t('rep.empty'))
        : table(
            [t('rep.agency'), t('rep.received'), t('rep.issued'), t('rep.rejected'), t('rep.overdue')],
            sum.byAgency.map((a) => [serverText(a.name), nf.format(a.received ?? 0), nf.format(a.issued ?? 0), a.rejected === undefined ? '—' : nf.format(a.rejected), a.overdue === undefined ? '—' : nf.format(a.overdue)]),
          ),
    ),
    sum.byKind && Object.keys(sum.byKind).length > 0
      ? h(
          'section',
          { class: 'card', 'aria-labelledby': 'kind-h' },
          h('h2', { id: 'kind-h' }, t('rep.byKind')),
          table(
            [t('col.kind'), t('nav.reports')],
            Object.entries(sum.byKind).map(([k, v]) => [
              tDynamic(`kind.${k}`, k),
              typeof v === 'number' ? nf.format(v) : Object.entries(v).map(([kk, vv]) => `${tDynamic(`rep.${kk}`, kk)}: ${nf.format(vv)}`).join(' · '),
            ]),
          ),
        )
      : h('div'),
  ];
}

type Day = Summary['byDay'][number];

/** The figures for every day of the range (days without requests at zero), up to a year. */
function everyDay(from: string, to: string, given: Day[]): Day[] {
  const byDay = new Map(given.map((d) => [d.day, d]));
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start || end - start > 366 * 86_400_000) return given;
  const out: Day[] = [];
  for (let t = start; t <= end; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    out.push(byDay.get(day) ?? { day, received: 0, issued: 0, rejected: 0, cancelled: 0 });
  }
  return out;
}
