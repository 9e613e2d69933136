import { h, newId } from '../../core/dom';

/**
 * Asks before an action that cannot be undone (cancelling a request): a modal <dialog> with its
 * title as accessible name, the text as description, focus on the safe choice, Esc = keep.
 * Resolves true only when the person confirms. Not window.confirm: that one cannot be styled,
 * translated in its buttons, or read with the page's language.
 */
export function confirmDialog(options: { title: string; text: string; confirm: string; keep: string }): Promise<boolean> {
  const titleId = newId('dlg');
  const textId = newId('dlg');
  return new Promise((resolve) => {
    const keep = h('button', { type: 'button', class: 'btn btn--secondary', 'data-choice': 'keep' }, options.keep);
    const confirm = h('button', { type: 'button', class: 'btn btn--danger', 'data-choice': 'confirm' }, options.confirm);
    const dialog = h(
      'dialog',
      { class: 'confirm-dialog', 'aria-labelledby': titleId, 'aria-describedby': textId, 'aria-modal': 'true' },
      h('h2', { id: titleId }, options.title),
      h('p', { id: textId }, options.text),
      h('div', { class: 'actions' }, keep, confirm),
    );
    const close = (answer: boolean) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    keep.addEventListener('click', () => close(false));
    confirm.addEventListener('click', () => close(true));
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      close(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    keep.focus();
  });
}
