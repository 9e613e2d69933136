import { h, type Child } from '../../core/dom';
import { date, dateTime, numberAndBook } from '../../core/format';
import type { Check, SignatureInfo, VerificationReport, VerifiedDocument, Verdict } from '../../core/types';
import { facts, icon, serverText } from '../../core/ui';
import { lang, t } from '../../i18n';
import { vi as viMessages } from '../../i18n/vi';

/**
 * The verdict of a verification, the part that must end the demand for paper copies: colour AND
 * icon AND words (never colour alone), the document it is about, and the reasons — failed checks
 * first. The element carries data-verdict for machines (and the browser tests).
 */
const VERDICT_ICON: Record<Verdict, string> = { authentic: 'check', revoked: 'ban', tampered: 'cross', untrusted: 'warn', unknown: 'question' };

let seq = 0;

export function verdictView(report: VerificationReport, options: { byCode?: boolean; fileName?: string } = {}): HTMLElement {
  const v: Verdict = (['authentic', 'revoked', 'tampered', 'untrusted', 'unknown'] as const).includes(report.verdict) ? report.verdict : 'unknown';
  const id = `verdict-${++seq}`;
  const failed = report.checks?.filter((c) => !c.passed) ?? [];
  const passed = report.checks?.filter((c) => c.passed) ?? [];
  const summary = v === 'authentic' && options.byCode ? t('verdict.authentic.byCode') : t(`verdict.${v}.summary`);
  return h(
    'section',
    { class: `verdict verdict--${v}`, 'data-verdict': v, 'aria-labelledby': id },
    h('div', { class: 'verdict__head' }, h('span', { class: 'verdict__icon' }, icon(VERDICT_ICON[v], 40)), h('h2', { id, tabindex: '-1' }, t(`verdict.${v}.title`))),
    h('p', { class: 'verdict__summary' }, summary),
    options.fileName ? h('p', { class: 'verdict__file' }, t('verify.file.checked', { name: options.fileName })) : null,
    v === 'authentic' ? legalNote(report.document?.kind) : null,
    report.document ? documentFacts(report.document) : null,
    failed.length > 0 ? h('div', { class: 'verdict__reasons' }, h('h3', null, t('verify.failedReasons')), checkList(distinctReasons(failed))) : null,
    passed.length > 0 ? h('details', { class: 'verdict__passed' }, h('summary', null, `${t('verify.checks')} (${passed.length}/${report.checks.length})`), checkList(passed)) : null,
    report.signatures && report.signatures.length > 0 ? signatureList(report.signatures) : null,
  );
}

/** Decree 23/2015 Art. 6(2): the receiver may not demand the original of a valid copy. */
function legalNote(kind: string | undefined): HTMLElement {
  const key = kind === 'certify-copy' ? 'legal.noOriginal.certify-copy' : kind === 'register-copy' ? 'legal.noOriginal.register-copy' : 'legal.noOriginal.any';
  return h(
    'div',
    { class: 'legal', 'data-legal': 'decree-23-2015-art-6' },
    h('p', { class: 'legal__label' }, t('legal.label')),
    h('p', null, t(key)),
    // On the English page the Vietnamese text stays too: it is what the clerk may have to cite.
    lang() === 'en' ? h('p', { lang: 'vi', class: 'legal__original' }, vietnameseLegal(key)) : null,
  );
}

const vietnameseLegal = (key: keyof typeof viMessages): string => viMessages[key];

export function documentFacts(d: VerifiedDocument & { title?: string; copies?: number }): HTMLElement {
  const noLabel = d.kind === 'register-copy' ? t('doc.registerCopyNo') : t('doc.certificationNo');
  const rows: [string, Child][] = [
    [t('doc.kind'), t(d.kind === 'register-copy' ? 'kind.register-copy' : 'kind.certify-copy')],
    [t('doc.title'), d.title ? serverText(d.title) : null],
    [t('doc.issuer'), serverText(d.issuer)],
    [t('doc.issuedAt'), date(d.issuedAt)],
    [noLabel, h('span', { 'data-field': 'numberAndBook', class: 'mono' }, numberAndBook(d.kind, d.number, d.book))],
    [t('doc.pages'), String(d.pages)],
    [t('doc.copies'), d.copies ? String(d.copies) : null],
    [t('doc.status'), h('span', { class: `doc-status doc-status--${d.status}`, 'data-field': 'status' }, d.status === 'revoked' ? icon('ban', 16) : icon('check', 16), t(`docStatus.${d.status}`))],
    [t('doc.revokedAt'), d.revocation ? dateTime(d.revocation.at) : null],
    [t('doc.revocationReason'), d.revocation ? serverText(d.revocation.reason) : null],
    [t('doc.verifyCode'), h('span', { class: 'mono', 'data-field': 'verifyCode' }, d.verifyCode)],
    [t('doc.sha256'), d.sha256 ? h('span', { class: 'mono hash' }, d.sha256) : null],
  ];
  return h('div', { class: 'verdict__doc' }, h('h3', null, t('doc.heading')), facts(rows));
}

/**
 * When the file cannot be read at all, every later step fails for the same reason; a clerk needs
 * that reason once, not ten times. Checks with the same detail are shown as one line (their ids
 * kept in data-check, space-separated).
 */
function distinctReasons(checks: Check[]): Check[] {
  const byDetail = new Map<string, Check>();
  for (const c of checks) {
    const key = c.detail || c.id;
    const seen = byDetail.get(key);
    if (seen) seen.id = `${seen.id} ${c.id}`;
    else byDetail.set(key, { ...c });
  }
  return [...byDetail.values()];
}

function checkList(checks: Check[]): HTMLElement {
  return h(
    'ul',
    { class: 'checks' },
    checks.map((c) =>
      h(
        'li',
        { class: `check check--${c.passed ? 'passed' : 'failed'}`, 'data-check': c.id },
        icon(c.passed ? 'check' : 'cross', 18),
        h('span', null, h('strong', null, `${c.passed ? t('verify.check.passed') : t('verify.check.failed')}: `), serverText(c.detail || c.id)),
      ),
    ),
  );
}

function signatureList(sigs: SignatureInfo[]): HTMLElement {
  const yesNo = (b: boolean | undefined) => (b === undefined ? null : b ? t('common.yes') : t('common.no'));
  return h(
    'details',
    { class: 'verdict__sigs' },
    h('summary', null, `${t('verify.signatures')} (${sigs.length})`),
    h(
      'ol',
      null,
      sigs.map((s) =>
        h(
          'li',
          null,
          facts([
            [t('verify.sig.signer'), s.signer ? serverText(s.signer) : null],
            [t('verify.sig.organization'), s.organization ? serverText(s.organization) : null],
            [t('verify.sig.signedAt'), s.signedAt ? dateTime(s.signedAt) : null],
            [t('verify.sig.coversWholeFile'), yesNo(s.coversWholeFile)],
            [t('verify.sig.chainTrusted'), yesNo(s.chainTrusted)],
            [t('verify.sig.subFilter'), s.subFilter ?? null],
          ]),
        ),
      ),
    ),
  );
}

/** Moves focus and view to a freshly shown verdict, so it is read out and seen on a phone. */
export function revealVerdict(container: HTMLElement): void {
  const head = container.querySelector<HTMLElement>('.verdict h2');
  head?.focus({ preventScroll: true });
  head?.closest('.verdict')?.scrollIntoView({ block: 'start', behavior: 'auto' });
}
