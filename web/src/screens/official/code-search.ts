import { h } from '../../core/dom';
import { api } from '../../core/endpoints';
import { navigate } from '../../core/router';
import { act } from '../../core/ui';
import { t } from '../../i18n';

/**
 * "Tìm theo mã hồ sơ": the code a requester reads out over the phone (GET /api/requests?code=…,
 * which finds only the agency's own requests). Found: the request opens; else it says so.
 */
export function codeSearch(): HTMLElement {
  const out = h('div', { 'aria-live': 'polite' });
  const input = h('input', { type: 'search', id: 'queue-code', name: 'code', autocomplete: 'off', maxlength: 60, 'aria-describedby': 'queue-code-h', spellcheck: 'false' });
  const button: HTMLButtonElement = h('button', { type: 'submit', class: 'btn btn--secondary' }, t('queue.search.submit'));
  const form: HTMLFormElement = h(
    'form',
    { class: 'code-search', role: 'search' },
    h('label', { for: 'queue-code' }, t('queue.search')),
    h('div', { class: 'code-search__row' }, input, button),
    h('p', { class: 'hint', id: 'queue-code-h' }, t('queue.search.hint')),
    out,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const code = input.value.trim();
    if (!code) return input.focus();
    void act(button, out, async () => {
      const { items } = await api.listRequests({ code, limit: 1 });
      if (items.length === 0) return h('p', { class: 'notice notice--warn', role: 'status', 'data-testid': 'code-search-none' }, t('queue.search.none'));
      navigate(`/official/requests/${items[0].id}`);
    });
  });
  return form;
}
