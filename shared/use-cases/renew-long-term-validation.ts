import { createHash } from 'node:crypto';
import { currentFileOf, type DocumentRecord } from '../domain/document';
import { limits } from '../runtime/config';
import type { Services } from '../runtime/services';
import { extendToLta } from '../signing';
import type { DocumentRepository } from '../store/document-repo';
import { BUCKETS } from '../store/table';
import type { FileStore, LongTermServices } from './ports';
import { trustAnchors } from './long-term-copy';

/** What the renewal reads and writes: the copies due, their files, the TSA and revocation source. */
export type RenewalServices = LongTermServices & Pick<Services, 'buckets'> & {
  objects: Pick<FileStore, 'put' | 'getBytes'>;
  documents: Pick<DocumentRepository, 'dueForRenewal' | 'recordRenewal'>;
};

export interface RenewalReport {
  /** The copies renewed, with the key of their new version. */
  renewed: { documentId: string; s3Key: string }[];
  /** The copies that could not be renewed this run (they stay due, so the next run tries again). */
  failed: { documentId: string; reason: string }[];
}

/** Copies renewed per run at most; a Lambda run must end within its timeout, and the next day continues. */
export const RENEWALS_PER_RUN = 200;

/**
 * Renews the long-term validation of every copy — valid or revoked: a revoked copy must still be
 * provably what was issued — whose newest time-stamp's TSA certificate expires within `windowDays`
 * (ETSI EN 319 142-1 §5.4.3, ISO 32000-2 §12.8.4.3): fresh validation data for that time-stamp's
 * chain and a new document time-stamp, stored as a new version (docs/long-term-validation.md
 * "Renewal"). The version read must be the one the registry recorded, and start with the sealed
 * bytes; a copy that fails is reported and left due.
 */
export async function renewLongTermValidation(services: RenewalServices, options: { windowDays: number }): Promise<RenewalReport> {
  if (!Number.isInteger(options.windowDays) || options.windowDays < 1 || options.windowDays > 3650) throw new RangeError('windowDays must be an integer from 1 to 3650.');
  const now = services.now();
  const due = await services.documents.dueForRenewal(new Date(now.getTime() + options.windowDays * 86_400_000), now, RENEWALS_PER_RUN);
  const report: RenewalReport = { renewed: [], failed: [] };
  for (const doc of due) {
    try {
      report.renewed.push({ documentId: doc.id, s3Key: await renewOne(services, doc) });
    } catch (error) {
      report.failed.push({ documentId: doc.id, reason: (error as Error)?.message ?? String(error) });
    }
  }
  return report;
}

async function renewOne(services: RenewalServices, doc: DocumentRecord): Promise<string> {
  if (!doc.ltv || !doc.sealed) throw new Error('The copy is not B-LTA; there is nothing to renew.');
  const current = currentFileOf(doc);
  const bytes = await services.objects.getBytes(services.buckets.issued, current.s3Key, limits().maxOriginalBytes * 2);
  // Never extend a file that is not the one recorded: the new version would carry its difference on.
  if (sha256(bytes) !== current.sha256) throw new Error(`The stored file ${current.s3Key} is not the version the registry recorded.`);
  if (bytes.length < doc.sealed.length || sha256(bytes.subarray(0, doc.sealed.length)) !== doc.sealed.sha256) {
    throw new Error(`The stored file ${current.s3Key} does not start with the sealed copy.`);
  }
  const extended = await extendToLta(bytes, { tsa: services.timestamps, revocation: services.revocation, now: services.now, anchors: trustAnchors() });
  const version = doc.ltv.renewals.length + 2;
  const s3Key = `${BUCKETS.issued.prefixes.documents}${doc.id}.v${version}.pdf`;
  const digest = extended.sha256.pdf;
  await services.objects.put(services.buckets.issued, s3Key, extended.pdf, 'application/pdf', { 'verify-code': doc.verifyCode, sha256: digest });
  const at = services.now().toISOString();
  await services.documents.recordRenewal(doc, {
    ...doc,
    ltv: {
      tsaCertNotAfter: new Date(extended.tsaCertificate.notAfter).toISOString(),
      renewals: [...doc.ltv.renewals, { s3Key, sha256: digest, size: extended.pdf.length, at }],
    },
  });
  return s3Key;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
