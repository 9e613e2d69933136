import { ApiError } from '../../core/api';
import { h } from '../../core/dom';
import type { Screen } from '../../core/router';
import type { VerificationReport } from '../../core/types';
import { errorBox, heading, loading } from '../../core/ui';
import { t } from '../../i18n';
import { issuedContentView, lookupCode } from './issued-content';
import { revealVerdict, verdictView } from './verdict';
import { checkFileInto, fileDrop, normalizeCode } from './verify-forms';

let lastFile: { code: string; report: VerificationReport; fileName: string } | undefined;

/**
 * /verify/{code} — where the QR code lands, usually on a phone: the verdict and what the document
 * is, at once; then the offer to check the file itself (the code alone cannot prove that the
 * file in hand is unchanged).
 */
export const verifyCodeScreen: Screen = async ({ view, params }) => {
  const code = normalizeCode(params.code) ?? params.code;
  const byCode = h('div', { class: 'verify-result' }, loading());
  const fileResult = h('div', { class: 'verify-result' });
  const showFile = (report: VerificationReport, fileName: string) => {
    lastFile = { code, report, fileName };
    const fileCode = report.document?.verifyCode;
    return h(
      'div',
      null,
      fileCode && fileCode !== code ? h('p', { class: 'notice notice--warning', role: 'alert' }, t('verify.codeMismatch', { fileCode, code })) : null,
      verdictView(report, { fileName }),
    );
  };
  view.append(
    heading(t('verify.byCode.heading', { code })),
    byCode,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'check-file-h' },
      h('h2', { id: 'check-file-h' }, t('verify.byCode.checkFile')),
      h('p', null, t('verify.byCode.note')),
      fileDrop((file) => void checkFileInto(fileResult, file, (r) => showFile(r, file.name)).then(() => revealVerdict(fileResult))),
    ),
    fileResult,
    h('p', null, h('a', { href: '/verify' }, t('verify.title')), ' · ', h('a', { href: '/revocations' }, t('nav.revocations'))),
  );
  if (lastFile?.code === code) fileResult.append(showFile(lastFile.report, lastFile.fileName));

  try {
    if (!normalizeCode(params.code)) throw new ApiError({ status: 404, code: 'bad-code' });
    const report = await lookupCode(code);
    // (report.howToCheck says what the card below says, in the page's own words.)
    byCode.replaceChildren(verdictView(report, { byCode: true }), issuedContentView(report));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && !error.missingRoute) {
      byCode.replaceChildren(verdictView({ verdict: 'unknown', checks: [{ id: 'registry-record', passed: false, detail: error.problem.detail || t('verify.notFound', { code }) }] }, { byCode: true }));
    } else {
      byCode.replaceChildren(errorBox(error));
    }
  }
};
