import { agencyName } from '../../core/agencies';
import { getBlob, saveBlob } from '../../core/api';
import { h, type Child } from '../../core/dom';
import { dateTime, isOverdue, money } from '../../core/format';
import type { HistoryEntry, RequestDetail, RequestRecord } from '../../core/types';
import { act, facts, icon, overdueBadge, revokedBadge, serverText, statusBadge } from '../../core/ui';
import { t, tDynamic } from '../../i18n';

/** Pieces of a request shown to both its owner and the agency's officials. */

export function dueCell(r: Pick<RequestRecord, 'dueAt' | 'status'>): Child {
  if (!r.dueAt) return t('common.dash');
  const late = r.status === 'submitted' && isOverdue(r.dueAt);
  return h('span', { class: late ? 'due due--late' : 'due' }, dateTime(r.dueAt), late ? [' ', overdueBadge()] : null);
}

export async function requestFacts(r: RequestDetail, options: { showCitizen?: boolean } = {}): Promise<HTMLElement> {
  const agency = await agencyName(r.agencyId);
  const rows: [string, Child][] = [
    // An issued request whose copy was revoked reads as revoked, not as a green "issued".
    [t('req.status'), r.documentStatus === 'revoked' ? revokedBadge() : statusBadge(r.status)],
    [t('col.kind'), t(`kind.${r.kind}`)],
    [t('req.agency'), serverText(agency)],
    [t('req.register'), r.registerId ?? null],
    [t('req.entryNo'), r.entryNo ?? null],
    [t('req.citizenId'), options.showCitizen ? h('span', { class: 'mono' }, r.citizenId) : null],
    [t('req.channel'), t(`channel.${r.channel}`)],
    [t('req.copies'), String(r.copies)],
    [t('req.pages'), r.pages !== undefined ? String(r.pages) : null],
    [t('req.fee'), r.fee !== undefined ? money(r.fee) : null],
    [t('req.createdAt'), dateTime(r.createdAt)],
    [t('req.submittedAt'), r.submittedAt ? dateTime(r.submittedAt) : null],
    [t('req.dueAt'), r.dueAt ? dueCell(r) : null],
    [t('req.id'), h('span', { class: 'mono small' }, r.id)],
  ];
  return facts(rows);
}

/**
 * Extension, appointment slip and refusal, when there are any. The slip is offered whenever the
 * API gives its path (the result is not due the day of receipt, Circular 01/2020/TT-BTP Art. 2);
 * the written refusal whenever the refusal was issued as a signed document (Decree 23/2015 Art. 22).
 */
export function requestNotes(r: RequestDetail): Child[] {
  const notes: Child[] = [];
  if (r.extension) {
    notes.push(
      h(
        'div',
        { class: 'notice notice--info', 'data-testid': 'extension' },
        icon('clock'),
        h('div', null, h('p', null, t('req.extension', { days: r.extension.workingDays, reason: '' }), serverText(r.extension.reason)), r.appointmentSlipUrl ? downloadButton(r.appointmentSlipUrl, 'phieu-hen.pdf', 'appointment-slip', t('req.appointmentSlip')) : null),
      ),
    );
  } else if (r.appointmentSlipUrl) {
    notes.push(
      h(
        'div',
        { class: 'notice notice--info', 'data-testid': 'appointment' },
        icon('clock'),
        h('div', null, h('p', null, t('req.appointment')), downloadButton(r.appointmentSlipUrl, 'phieu-hen.pdf', 'appointment-slip', t('req.appointmentSlip'))),
      ),
    );
  }
  if (r.rejection) {
    notes.push(
      h(
        'div',
        { class: 'notice notice--error', 'data-testid': 'rejection' },
        icon('cross'),
        h(
          'div',
          null,
          h('p', { class: 'notice__title' }, t('req.rejection')),
          h('p', null, serverText(r.rejection.text)),
          h('p', { class: 'hint' }, dateTime(r.rejection.at)),
          // The signed written refusal: of Decree 23/2015 Art. 22, or for a register copy the reply of Art. 17(2).
          r.refusalUrl
            ? r.kind === 'register-copy'
              ? downloadButton(r.refusalUrl, 'van-ban-tra-loi.pdf', 'refusal', t('req.refusalReply'))
              : downloadButton(r.refusalUrl, 'van-ban-tu-choi.pdf', 'refusal', t('req.refusal'))
            : null,
        ),
      ),
    );
  }
  return notes;
}

export function historyList(history: HistoryEntry[]): HTMLElement {
  return h(
    'ol',
    { class: 'timeline' },
    history.map((e) =>
      h(
        'li',
        null,
        h('time', { datetime: e.at }, dateTime(e.at)),
        ' ',
        // Every key of the trail has words in both languages; one the page does not know yet reads as "other", never as the key.
        h('strong', { 'data-action': e.action }, tDynamic(`action.${e.action}`, t('action.other'))),
        e.action === 'verify' && e.to ? `: ${tDynamic(`verdict.${e.to}.title`, e.to)}` : null,
        e.actor?.name ? [' — ', serverText(e.actor.name), ` (${tDynamic(`role.${e.actor.role}`, e.actor.role)})`] : null,
        e.reason ? h('p', { class: 'timeline__reason' }, serverText(e.reason)) : null,
      ),
    ),
  );
}

/** A protected PDF (the appointment slip, the written refusal), fetched with the token and saved. */
function downloadButton(path: string, fileName: string, testId: string, label: string): HTMLElement {
  const out = h('div');
  const button: HTMLButtonElement = h(
    'button',
    {
      type: 'button',
      class: 'btn btn--secondary btn--small',
      'data-testid': testId,
      onClick: () => void act(button, out, async () => saveBlob(await getBlob(path), fileName)),
    },
    icon('download', 16),
    label,
  );
  return h('div', null, button, out);
}
