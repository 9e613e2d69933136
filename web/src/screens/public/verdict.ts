import { h, type Child } from '../../core/dom';
import { date, dateTime, numberAndBook } from '../../core/format';
import type { Check, SignatureInfo, VerificationReport, VerifiedDocument, Verdict } from '../../core/types';
import { facts, icon, serverText } from '../../core/ui';
import { lang, t, tDynamic } from '../../i18n';
import { vi as viMessages } from '../../i18n/vi';

/**
 * The verdict of a verification, the part that must end the demand for paper copies: colour AND
 * icon AND words (never colour alone), the document it is about, and the reasons — failed checks
 * first. The element carries data-verdict for machines (and the browser tests).
 */
const VERDICT_ICON: Record<Verdict, string> = { authentic: 'check', revoked: 'ban', tampered: 'cross', untrusted: 'warn', unknown: 'question' };

let seq = 0;

/**
 * Leads with the verdict's one plain sentence; the checks, the signatures and what the registry
 * holds come after, the checks behind a disclosure (a clerk needs the answer, an expert the steps).
 * On a file that is not the issued copy (tampered, untrusted, unknown) the registry's record of the
 * genuine copy that carries the same code is shown apart, worded as such: its "còn hiệu lực" is
 * about that copy, never about the file in hand.
 */
export function verdictView(report: VerificationReport, options: { byCode?: boolean; fileName?: string } = {}): HTMLElement {
  const v: Verdict = (['authentic', 'revoked', 'tampered', 'untrusted', 'unknown'] as const).includes(report.verdict) ? report.verdict : 'unknown';
  const id = `verdict-${++seq}`;
  const summary = v === 'authentic' && options.byCode ? t('verdict.authentic.byCode') : t(`verdict.${v}.summary`);
  const isTheCopy = v === 'authentic' || v === 'revoked';
  const checks = report.checks ?? [];
  return h(
    'section',
    { class: `verdict verdict--${v}`, 'data-verdict': v, 'aria-labelledby': id },
    h('div', { class: 'verdict__head' }, h('span', { class: 'verdict__icon' }, icon(VERDICT_ICON[v], 40)), h('h2', { id, tabindex: '-1' }, t(`verdict.${v}.title`))),
    h('p', { class: 'verdict__summary', 'data-testid': 'verdict-sentence' }, summary),
    options.fileName ? h('p', { class: 'verdict__file' }, t('verify.file.checked', { name: options.fileName })) : null,
    v === 'authentic' ? legalNote(report.document?.kind) : null,
    report.document ? (isTheCopy ? documentFacts(report.document) : genuineRecord(report.document)) : null,
    checks.length > 0
      ? h(
          'details',
          { class: 'verdict__tech', 'data-testid': 'verdict-details' },
          h('summary', null, t('verify.tech', { n: checks.length })),
          checkList(checks, applicability(report)),
          report.signatures && report.signatures.length > 0 ? signatureList(report.signatures) : null,
        )
      : null,
  );
}

/**
 * The registry's record of the genuine copy that carries this file's code, when the file is not
 * that copy: neutral, without the green "còn hiệu lực" mark of a verdict.
 */
function genuineRecord(d: VerifiedDocument): HTMLElement {
  const noLabel = d.kind === 'register-copy' ? t('doc.registerCopyNo') : t('doc.certificationNo');
  return h(
    'div',
    { class: 'verdict__genuine', 'data-testid': 'genuine-record' },
    h('h3', null, t('verify.genuine.heading')),
    h('p', { 'data-field': 'genuineStatus' }, t(d.status === 'valid' ? 'verify.genuine.valid' : 'verify.genuine.revoked')),
    h('p', { class: 'hint' }, t('verify.genuine.note')),
    facts([
      [t('doc.kind'), t(d.kind === 'register-copy' ? 'kind.register-copy' : 'kind.certify-copy')],
      [t('doc.issuer'), serverText(d.issuer)],
      [t('doc.issuedAt'), date(d.issuedAt)],
      [noLabel, h('span', { class: 'mono' }, numberAndBook(d.kind, d.number, d.book))],
      [t('doc.verifyCode'), h('span', { class: 'mono' }, d.verifyCode)],
    ]),
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

/** The checks the page has words for (both languages: check.<id>, check.<id>.ok, check.<id>.fail). */
const SIGNATURE_CHECKS = new Set(['byterange', 'whole-file-coverage', 'revisions', 'pades-profile', 'cms-digest', 'cms-signature', 'signing-certificate', 'chain-trust', 'key-usage', 'validity-at-signing-time']);
const RECORD_CHECKS = new Set(['file-hash', 'revocation-status']);

type Applies = (c: Check) => 'applies' | 'no-signature' | 'no-record';

/**
 * A file without any signature has no signature to fail: its signature steps are "not applicable",
 * not eight "Không đạt" lines; likewise the steps that compare with a record nobody issued. A check
 * id the page does not know (a new step of the server) is about the signature when the file has one.
 */
function applicability(report: VerificationReport): Applies {
  const signed = (report.signatures?.length ?? 0) > 0 || report.checks.some((c) => c.id === 'signatures-present' && c.passed);
  const recorded = report.document !== undefined || report.checks.some((c) => c.id === 'registry-record' && c.passed);
  const fileReport = report.checks.some((c) => c.id === 'signatures-present');
  return (c) => {
    if (c.passed) return 'applies';
    if (RECORD_CHECKS.has(c.id) && !recorded) return 'no-record';
    const aboutSignature = SIGNATURE_CHECKS.has(c.id) || !(c.id in KNOWN_OTHER);
    if (fileReport && !signed && aboutSignature) return 'no-signature';
    return 'applies';
  };
}

const KNOWN_OTHER: Record<string, true> = { 'pdf-structure': true, 'signatures-present': true, 'registry-record': true, 'file-hash': true, 'revocation-status': true };

/**
 * Each step in the page's words, looked up by its id in both languages. The server's `detail` is
 * not shown: it may carry a parser's technical message; a step the page has no words for yet gets
 * a generic name and result.
 */
function checkList(checks: Check[], applies: Applies): HTMLElement {
  return h(
    'ul',
    { class: 'checks' },
    checks.map((c) => {
      const state = applies(c);
      const outcome = state === 'applies' ? (c.passed ? 'passed' : 'failed') : 'na';
      const name = tDynamic(`check.${c.id}`, t('check.other'));
      const text =
        state === 'no-signature'
          ? t('check.na.noSignature')
          : state === 'no-record'
            ? t('check.na.noRecord')
            : tDynamic(`check.${c.id}.${c.passed ? 'ok' : 'fail'}`, t(c.passed ? 'check.other.ok' : 'check.other.fail'));
      const label = outcome === 'passed' ? t('verify.check.passed') : outcome === 'failed' ? t('verify.check.failed') : t('verify.check.na');
      return h(
        'li',
        { class: `check check--${outcome}`, 'data-check': c.id },
        icon(outcome === 'passed' ? 'check' : outcome === 'failed' ? 'cross' : 'question', 18),
        h('span', null, h('strong', null, `${name}: ${label}. `), text),
      );
    }),
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
