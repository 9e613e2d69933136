import { ApiError } from './api';
import { h } from './dom';
import { serverText } from './ui';

/**
 * Messages on the fields themselves: the control is marked aria-invalid and described by its
 * message (after its hint), so a screen reader reads the message with the field and a sighted
 * user sees it under the label. Used for checks the page makes before sending and for the field
 * errors of a 422 problem document (`errors: [{ field, message }]`, shared/http/validate.ts).
 */
type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** Shows `message` on a control made with ui.field(). */
export function setFieldError(control: Control, message: string, options: { fromServer?: boolean } = {}): void {
  const id = `${control.id}-error`;
  let box = document.getElementById(id);
  if (!box) {
    box = h('p', { class: 'field-error', id });
    control.before(box);
  }
  box.replaceChildren();
  box.append(options.fromServer ? (serverText(message) as Node | string) : message);
  control.setAttribute('aria-invalid', 'true');
  const described = (control.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && x !== id);
  control.setAttribute('aria-describedby', [...described, id].join(' '));
}

/** Removes every field message of a form. */
export function clearFieldErrors(form: HTMLElement): void {
  for (const c of Array.from(form.querySelectorAll<Control>('[aria-invalid="true"]'))) {
    const id = `${c.id}-error`;
    c.removeAttribute('aria-invalid');
    const rest = (c.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && x !== id);
    if (rest.length) c.setAttribute('aria-describedby', rest.join(' '));
    else c.removeAttribute('aria-describedby');
    document.getElementById(id)?.remove();
  }
}

/**
 * Puts the field errors of an API problem on the controls they name (`data.hoTen` and `hoTen`
 * both name the control `hoTen`); true when at least one landed on a field.
 */
export function showProblemOnFields(error: unknown, controls: ReadonlyMap<string, Control>): boolean {
  if (!(error instanceof ApiError)) return false;
  let placed = false;
  for (const e of error.problem.errors ?? []) {
    const control = controls.get((e.field ?? e.path ?? '').replace(/^data\./, ''));
    if (!control || !e.message) continue;
    setFieldError(control, e.message, { fromServer: true });
    placed = true;
  }
  return placed;
}

/** Moves focus to the first field with a message. */
export function focusFirstInvalid(form: HTMLElement): void {
  form.querySelector<Control>('[aria-invalid="true"]')?.focus();
}
