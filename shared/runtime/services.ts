import { randomBytes, randomUUID } from 'node:crypto';
import { ENV, optionalEnv, requireEnv } from './config';
import { calendarFromHolidaysEnv, type WorkingCalendar } from '../domain/calendar';
import { dynamoDocumentClient, s3Client } from '../store/clients';
import { AppointmentSlipRepository } from '../store/appointment-slip-repo';
import type { AuditRepository } from '../store/audit-repo';
import { DirectoryRepository } from '../store/directory-repo';
import type { DocumentRepository } from '../store/document-repo';
import { DynamoIssuanceLedger, ledgerRepositories } from '../store/dynamo-issuance-ledger';
import type { IssuanceLedger } from '../store/issuance-ledger';
import { ObjectStore } from '../store/object-store';
import type { RegisterBookRepository } from '../store/register-book-repo';
import { RegisterRepository } from '../store/register-repo';
import type { RequestRepository } from '../store/request-repo';
import { SignerRepository } from '../store/signer-repo';
import { MachineClientRepository } from '../store/machine-client-repo';
import { DynamoBatchJobStore, type BatchJobStore } from '../store/batch-jobs';
import { DynamoItemQuotaStore, type ItemQuotaStore } from '../store/item-quota';
import type { NotificationRepository } from '../store/notification-repo';
import type { StatsRepository } from '../store/stats-repo';
import type { SubscriptionRepository } from '../store/subscription-repo';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SignerProvider } from './signer-provider';
import type { RevocationSource, TimeStampAuthority } from '../signing';

/**
 * The composition root: builds the real adapters once per process from configuration. Use cases
 * take what they need from here; tests that inject faults build their own with `buildServices`.
 */
export interface Services {
  db: DynamoDBDocumentClient;
  tableName: string;
  buckets: { originals: string; issued: string };
  requests: RequestRepository;
  audit: AuditRepository;
  documents: DocumentRepository;
  directory: DirectoryRepository;
  /** Each agency's competent signers (Decree 23 Art. 5 as amended); `signers` below are the keys. */
  agencySigners: SignerRepository;
  /** Receiving agencies' registered systems (OAuth 2.0 client-credentials clients). */
  machineClients: MachineClientRepository;
  /** Asynchronous verification batches (more than 100 items) and their results. */
  batchJobs: BatchJobStore;
  /** The per-item verification quota counters of each caller. */
  itemQuota: ItemQuotaStore;
  book: RegisterBookRepository;
  registers: RegisterRepository;
  stats: StatsRepository;
  notifications: NotificationRepository;
  /** Revocation webhooks: subscriptions, events and deliveries (docs/webhooks.md). */
  subscriptions: SubscriptionRepository;
  slips: AppointmentSlipRepository;
  ledger: IssuanceLedger;
  objects: ObjectStore;
  signers: SignerProvider;
  /** The time-stamp authority (PAdES B-T, B-LTA); only functions that sign have one. */
  timestamps: TimeStampAuthority;
  /** CRLs and OCSP for the signers' and TSA's certificates (PAdES B-LT); only functions that sign have one. */
  revocation: RevocationSource;
  calendar: WorkingCalendar;
  publicBaseUrl: string;
  now: () => Date;
  newId: () => string;
  randomBytes: (n: number) => Uint8Array;
}

/** Services over the given clients (the real ones, or fault-injecting fakes in tests). */
export function buildServices(clients: {
  db: DynamoDBDocumentClient; objects: ObjectStore; signers?: SignerProvider; timestamps?: TimeStampAuthority; revocation?: RevocationSource;
}): Services {
  const tableName = requireEnv(ENV.tableName);
  const { db } = clients;
  const repos = ledgerRepositories(db, tableName);
  return {
    db,
    tableName,
    buckets: { originals: requireEnv(ENV.originalsBucket), issued: requireEnv(ENV.issuedBucket) },
    ...repos,
    directory: new DirectoryRepository(db, tableName),
    agencySigners: new SignerRepository(db, tableName),
    machineClients: new MachineClientRepository(db, tableName),
    batchJobs: new DynamoBatchJobStore(db, tableName),
    itemQuota: new DynamoItemQuotaStore(db, tableName),
    registers: new RegisterRepository(db, tableName),
    slips: new AppointmentSlipRepository(db, tableName),
    ledger: new DynamoIssuanceLedger(db, repos),
    objects: clients.objects,
    signers: clients.signers ?? NO_SIGNING,
    timestamps: clients.timestamps ?? NO_TIMESTAMPS,
    revocation: clients.revocation ?? NO_REVOCATION,
    calendar: calendarFromHolidaysEnv(process.env[ENV.holidays]),
    publicBaseUrl: optionalEnv(ENV.publicBaseUrl, 'http://localhost:3000').replace(/\/+$/, ''),
    now: () => new Date(),
    newId: () => randomUUID(),
    randomBytes: (n) => randomBytes(n),
  };
}

/**
 * Most functions never sign: they get this provider, so that their bundles do not carry the KMS,
 * SSM and X.509 code (see shared/runtime/signing-services.ts for the ones that do sign).
 */
const NO_SIGNING: SignerProvider = {
  official: () => Promise.reject(new Error('This function has no signing keys (its route does not declare touches.signing)')),
  agency: () => Promise.reject(new Error('This function has no signing keys (its route does not declare touches.signing)')),
};

const NO_TIMESTAMPS: TimeStampAuthority = {
  stamp: () => Promise.reject(new Error('This function has no time-stamp authority (its route does not declare touches.signing)')),
};
const NO_REVOCATION: RevocationSource = {
  collect: () => Promise.reject(new Error('This function fetches no revocation data (its route does not declare touches.signing)')),
  status: () => Promise.reject(new Error('This function fetches no revocation data (its route does not declare touches.signing)')),
};

let services: Services | undefined;

/** The process-wide services (lazily built, so a cold start pays only for what it uses). */
export function getServices(): Services {
  services ??= buildServices({ db: dynamoDocumentClient(), objects: new ObjectStore(s3Client()) });
  return services;
}
