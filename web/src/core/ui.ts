import { lang, t } from '../i18n';
import { ApiError, errorMessage } from './api';
import { frag, h, newId, s, type Child } from './dom';
import type { RequestStatus } from './types';

/** Small building blocks shared by the screens. */

export const heading = (text: string): HTMLHeadingElement => h('h1', null, text);

/** A message from the server: Vietnamese, so marked lang="vi" on an English page. */
export function serverText(text: string): Child {
  return lang() === 'vi' ? text : h('span', { lang: 'vi' }, text);
}

/** An error notice, announced at once (role=alert), showing the problem's `detail`. */
export function errorBox(error: unknown): HTMLElement {
  const message = errorMessage(error);
  const fromServer = error instanceof ApiError;
  const errors = error instanceof ApiError ? (error.problem.errors ?? []) : [];
  return h(
    'div',
    { class: 'notice notice--error', role: 'alert' },
    icon('cross'),
    h(
      'div',
      null,
      h('p', { class: 'notice__title' }, t('common.errorTitle')),
      h('p', null, fromServer ? serverText(message) : message),
      errors.length > 0 &&
        h(
          'ul',
          null,
          errors.map((e) => h('li', null, serverText([e.field ?? e.path, e.message].filter(Boolean).join(': ')))),
        ),
    ),
  );
}

export function successBox(...content: Child[]): HTMLElement {
  return h('div', { class: 'notice notice--success', role: 'status' }, icon('check'), h('div', null, ...content));
}

export const loading = (): HTMLElement => h('p', { class: 'loading', role: 'status' }, t('common.loading'));

/** A labelled form field: label, optional hint (aria-describedby), the control. */
export function field(label: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, options: { hint?: string; required?: boolean } = {}): HTMLElement {
  if (!control.id) control.id = newId();
  const hintId = options.hint ? `${control.id}-hint` : undefined;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  if (options.required) control.required = true;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: control.id }, label, options.required ? h('span', { class: 'req' }, ` (${t('common.required')})`) : null),
    hintId ? h('p', { class: 'hint', id: hintId }, options.hint) : null,
    control instanceof HTMLInputElement && control.type === 'file' ? filePicker(control) : control,
  );
}

/**
 * A file input with the page's own words: Chromium writes the native button ("Choose file") and
 * "No file chosen" in the browser's language, not the page's. The native input stays (visually
 * hidden, focusable, the one the field's label names); a button-styled label opens it and the
 * chosen names are written beside it.
 */
function filePicker(input: HTMLInputElement): HTMLElement {
  input.classList.add('file-pick__input');
  const names = h('span', { class: 'file-pick__names', 'aria-hidden': 'true' }, t('file.none'));
  const show = () => {
    const files = [...(input.files ?? [])];
    names.textContent = files.length === 0 ? t('file.none') : files.map((f) => f.name).join(', ');
  };
  input.addEventListener('change', show);
  // A form reset empties the input without a change event.
  input.form?.addEventListener('reset', () => setTimeout(show));
  return h(
    'div',
    { class: 'file-pick' },
    input,
    // aria-hidden: the input is already named by the field's label; this one is for the eye and the pointer.
    h('label', { for: input.id, class: 'btn btn--secondary file-pick__button', 'aria-hidden': 'true', 'data-testid': 'file-pick' }, icon('upload', 18), input.multiple ? t('file.pickMany') : t('file.pick')),
    names,
  );
}

/** A definition list of label → value rows (values may be elements). */
export function facts(rows: [string, Child][], className = 'facts'): HTMLDListElement {
  return h(
    'dl',
    { class: className },
    rows.filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => h('div', { class: 'facts__row' }, h('dt', null, k), h('dd', null, v))),
  );
}

export function statusBadge(status: RequestStatus): HTMLElement {
  return h('span', { class: `badge badge--${status}`, 'data-status': status }, t(`status.${status}`));
}

/** The status of an issued request whose copy the agency revoked. */
export function revokedBadge(): HTMLElement {
  return h('span', { class: 'badge badge--revoked', 'data-status': 'revoked' }, icon('ban', 16), t('req.documentRevoked'));
}

export function overdueBadge(): HTMLElement {
  return h('span', { class: 'badge badge--overdue' }, icon('clock'), t('req.overdue'));
}

/**
 * A responsive table: a real table at the desk; on a phone each row reads as a card, every cell
 * labelled with its column (data-label, shown by the stylesheet).
 */
export function table(columns: string[], rows: Child[][], options: { caption?: string; rowClass?: (i: number) => string | undefined } = {}): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table' },
      options.caption ? h('caption', null, options.caption) : null,
      h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        null,
        rows.map((cells, i) => h('tr', { class: options.rowClass?.(i) }, cells.map((c, j) => h('td', { 'data-label': columns[j] }, c)))),
      ),
    ),
  );
}

/**
 * Runs an action from a button: disables it while running (aria-busy) and puts the outcome
 * (an error notice, or what `run` returns) into `out`.
 */
export async function act(button: HTMLButtonElement, out: HTMLElement, run: () => Promise<Child | void>): Promise<void> {
  if (button.disabled) return;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  out.replaceChildren(h('p', { class: 'loading', role: 'status' }, t('common.working')));
  try {
    const result = await run();
    out.replaceChildren();
    if (result) out.append(frag(result));
  } catch (error) {
    out.replaceChildren(errorBox(error));
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

const ICONS: Record<string, string> = {
  check: 'M5 12.5l4.5 4.5L19 7.5',
  cross: 'M6 6l12 12M18 6L6 18',
  warn: 'M12 3l10 18H2L12 3zm0 6v5m0 3v.5',
  ban: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18zM5.6 5.6l12.8 12.8',
  question: 'M9 9a3 3 0 1 1 4.5 2.6c-1 .6-1.5 1.2-1.5 2.4m0 3v.5',
  clock: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18zM12 7v5l3 2',
  upload: 'M12 16V4m-5 5l5-5 5 5M4 20h16',
  download: 'M12 4v12m-5-5l5 5 5-5M4 20h16',
  shield: 'M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6l8-3z',
};

/** A decorative icon (aria-hidden): meaning is always carried by the text beside it. */
export function icon(name: keyof typeof ICONS | string, size = 20): SVGSVGElement {
  return s(
    'svg',
    { class: `icon icon--${name}`, width: size, height: size, viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' },
    s('path', { d: ICONS[name] ?? ICONS.question, fill: 'none', stroke: 'currentColor', 'stroke-width': 2.2, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' }),
  );
}

/** Loads data for a section: shows "loading", then the rendered content or the error. */
export async function section<T>(into: HTMLElement, load: () => Promise<T>, show: (data: T) => Child): Promise<T | undefined> {
  into.replaceChildren(loading());
  try {
    const data = await load();
    into.replaceChildren();
    const out = show(data);
    into.append(frag(out));
    return data;
  } catch (error) {
    into.replaceChildren(errorBox(error));
    return undefined;
  }
}

/**
 * A list read page by page from a cursor-paginated route: the first page is drawn into `list`,
 * then a "more" button in `more` fetches the next pages and redraws the whole list. `draw`
 * receives every row loaded so far.
 */
export async function pagedList<T>(
  list: HTMLElement,
  more: HTMLElement,
  fetchPage: (cursor?: string) => Promise<{ items: T[]; nextCursor?: string }>,
  draw: (rows: T[]) => Child,
): Promise<void> {
  const rows: T[] = [];
  const first = await section(list, () => fetchPage(), (p) => {
    rows.push(...p.items);
    return draw(rows);
  });
  let cursor = first?.nextCursor;
  const status = h('div');
  const button: HTMLButtonElement = h(
    'button',
    {
      type: 'button',
      class: 'btn btn--secondary',
      hidden: !cursor,
      onClick: () =>
        void act(button, status, async () => {
          // Without a cursor there is no next page: fetching without one would add page one again.
          if (!cursor) {
            button.hidden = true;
            return;
          }
          const next = await fetchPage(cursor);
          rows.push(...next.items);
          cursor = next.nextCursor;
          button.hidden = !cursor;
          list.replaceChildren(frag(draw(rows)));
        }),
    },
    t('common.more'),
  );
  more.append(button, status);
}
