import { h } from '../../core/dom';
import type { Screen } from '../../core/router';
import type { VerificationReport } from '../../core/types';
import { heading } from '../../core/ui';
import { t } from '../../i18n';
import { revealVerdict, verdictView } from './verdict';
import { qrScanner } from './qr-scanner';
import { checkFileInto, codeForm, fileDrop } from './verify-forms';

/** The last file checked here, kept so that switching language does not lose the result. */
let last: { report: VerificationReport; fileName: string } | undefined;

/**
 * /verify — anyone, no account: type a code, or drop / pick the PDF. The file goes to the API,
 * which checks the signatures, the chain, the registry and the hash; the verdict comes back with
 * its reasons.
 */
export const verifyScreen: Screen = ({ view }) => {
  const result = h('div', { class: 'verify-result' });
  const show = (report: VerificationReport, fileName: string) => {
    last = { report, fileName };
    return h('div', null, h('h2', { class: 'visually-hidden' }, t('verify.resultHeading')), verdictView(report, { fileName }), againLink());
  };
  const onFile = (file: File) => {
    void checkFileInto(result, file, (report) => show(report, file.name)).then(() => revealVerdict(result));
  };
  view.append(
    heading(t('verify.title')),
    h('p', { class: 'lead' }, t('verify.intro')),
    result,
    h(
      'div',
      { class: 'cards cards--two' },
      h('section', { class: 'card', 'aria-labelledby': 'verify-file-h' }, h('h2', { id: 'verify-file-h' }, t('verify.file.heading')), h('p', null, t('verify.file.text')), fileDrop(onFile)),
      h('section', { class: 'card', 'aria-labelledby': 'verify-code-h' }, h('h2', { id: 'verify-code-h' }, t('verify.code.heading')), codeForm(), qrScanner()),
    ),
    h('p', { class: 'hint' }, t('verify.trustHint'), ' ', h('a', { href: '/api/trust-list', download: 'trust-list.pem' }, t('footer.trust')), ' · ', h('a', { href: '/revocations' }, t('nav.revocations'))),
  );
  if (last) result.append(show(last.report, last.fileName));
};

function againLink(): HTMLElement {
  return h(
    'p',
    null,
    h(
      'button',
      {
        type: 'button',
        class: 'btn btn--secondary',
        onClick: (e: Event) => {
          last = undefined;
          const box = (e.currentTarget as HTMLElement).closest('.verify-result');
          box?.replaceChildren();
          document.querySelector<HTMLLabelElement>('.dropzone label')?.click();
        },
      },
      t('verify.again'),
    ),
  );
}
