import { agencies } from '../../core/agencies';
import { h } from '../../core/dom';
import { api } from '../../core/endpoints';
import { date, isoDay, percent } from '../../core/format';
import type { Screen } from '../../core/router';
import { getSession } from '../../core/session';
import type { Summary } from '../../core/types';
import { act, errorBox, field, heading, icon, section, serverText, table } from '../../core/ui';
import { getBlob, query as apiQuery, saveBlob } from '../../core/api';
import { clearFieldErrors, focusFirstInvalid, setFieldError } from '../../core/field-errors';
import { displayFromIso, isCalendarDate, isoFromDisplay } from '../../../../shared/contracts/register-text';
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
  // Dates typed as people write them in Vietnam, dd/mm/yyyy, in a text field: the browser's date
  // picker would show the device's own format and language. The URL and the API keep YYYY-MM-DD.
  const dayInput = (name: string, iso: string) =>
    h('input', { type: 'text', name, value: displayFromIso(iso), inputmode: 'numeric', pattern: '\\d{1,2}/\\d{1,2}/\\d{4}', maxlength: 10, placeholder: 'dd/mm/yyyy', autocomplete: 'off', required: true });
  const from = dayInput('from', query.get('from') ?? isoDay(-29));
  const to = dayInput('to', query.get('to') ?? isoDay(0));
  const agency = h('select', { name: 'agencyId' }, h('option', { value: '' }, t('rep.allAgencies')));
  const out = h('div', { 'aria-live': 'polite' });
  const exportOut = h('div', { 'aria-live': 'polite' });
  const exportButton: HTMLButtonElement = h('button', { type: 'button', class: 'btn btn--secondary', 'data-action': 'export-csv' }, icon('download'), ' ', t('rep.exportCsv'));
  const form: HTMLFormElement = h(
    'form',
    { class: 'form form--inline', novalidate: true },
    field(t('rep.from'), from, { required: true, hint: t('rep.day.hint') }),
    field(t('rep.to'), to, { required: true, hint: t('rep.day.hint') }),
    own ? null : field(t('rep.agency'), agency),
    h('button', { type: 'submit', class: 'btn btn--primary' }, t('rep.show')),
  );
  view.append(heading(t('rep.title')), form, h('div', { class: 'actions' }, exportButton), exportOut, out);
  if (!own) {
    void agencies()
      .then((list) => agency.append(...list.filter((a) => a.kind !== 'receiver').map((a) => h('option', { value: a.id }, a.name))))
      .catch(() => undefined);
  }
  /** The period asked for, as the API takes it; undefined (with the messages on the fields) when wrong. */
  const period = (): { from: string; to: string; agencyId?: string } | undefined => {
    clearFieldErrors(form);
    const [f, tt] = [isoFromDisplay(from.value), isoFromDisplay(to.value)];
    if (!isCalendarDate(f)) setFieldError(from, t('rep.err.day', { label: t('rep.from') }));
    if (!isCalendarDate(tt)) setFieldError(to, t('rep.err.day', { label: t('rep.to') }));
    if (isCalendarDate(f) && isCalendarDate(tt) && f > tt) setFieldError(to, t('rep.badRange'));
    if (form.querySelector('[aria-invalid="true"]')) {
      focusFirstInvalid(form);
      return undefined;
    }
    return { from: f, to: tt, agencyId: own ?? (agency.value || undefined) };
  };
  const load = async () => {
    const p = period();
    if (!p) {
      out.replaceChildren(errorBox(new Error(t('rep.err.fix'))));
      return;
    }
    // Drawn at the width it is shown at, so that its labels keep their size on a phone.
    await section(out, () => api.summary(p), (sum) => show(sum, out.clientWidth));
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void load();
  });
  exportButton.addEventListener('click', () => {
    const p = period();
    if (!p) return;
    // The server writes the CSV (UTF-8 with a BOM, so a spreadsheet opens the Vietnamese text).
    void act(exportButton, exportOut, async () => saveBlob(await getBlob(`/api/reports/summary${apiQuery(p)}`, 'text/csv'), `bao-cao-${p.from}-${p.to}.csv`));
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
  ['pending', 'rep.pending', 'n'],
  ['revoked', 'rep.revoked', 'n'],
  ['onlineRate', 'rep.onlineRate', 'pct'],
  ['onTimeRate', 'rep.onTimeRate', 'pct'],
];

function show(sum: Summary, width: number): HTMLElement[] {
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
              // The card's padding and border (1rem and 1px each side).
              width: width > 0 ? width - 34 : undefined,
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
            [t('rep.agency'), t('rep.received'), t('rep.issued'), t('rep.rejected'), t('rep.overdue'), t('rep.pending'), t('rep.revoked')],
            sum.byAgency.map((a) => [
              serverText(a.name),
              nf.format(a.received ?? 0),
              nf.format(a.issued ?? 0),
              a.rejected === undefined ? '—' : nf.format(a.rejected),
              a.overdue === undefined ? '—' : nf.format(a.overdue),
              a.pending === undefined ? '—' : nf.format(a.pending),
              a.revoked === undefined ? '—' : nf.format(a.revoked),
            ]),
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
