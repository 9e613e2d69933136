import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateTableCommand, DescribeTableCommand, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { pathToFileURL } from 'node:url';
import { ENV, limits } from '../../shared/runtime/config';
import { dynamoClient, dynamoDocumentClient } from '../../shared/store/clients';
import { createTableInput } from '../../shared/store/table';
import { DEV_CRL_FILES, freshDevCrl, ensureDevPki } from '../../shared/signing/dev';
import { loadDevAuth, LOCAL_AUDIENCE, LOCAL_ISSUER } from './dev-auth';
import { devUserChoices, installDevIdentity } from './dev-identity';
import { installDevCertificateAuthority, installDevSigners } from './dev-signers';
import { startDevTsa, type DevTsa } from './dev-tsa';
import { startDynamoLocal } from './dynamodb-local';
import { freePort } from './free-port';
import { PKI_PATH, startGateway } from './gateway';
import { startS3Local } from './s3-local';
import { contentSecurityPolicy, securityHeaders } from '../security-headers';
import { startStreamPoller } from './stream-poller';
import { seed } from './seed';
import { LocalClientStore, localClientIdentity } from './oauth-clients';
import { useClientIdentity } from '../../shared/runtime/client-identity';
import { DEV_USERS, SEED_AGENCIES } from './seed-data';
import { SERVICE_SEAL } from '../../shared/domain/receipt';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export const LOCAL_NAMES = {
  table: 'bansao',
  originalsBucket: 'bansao-originals',
  issuedBucket: 'bansao-issued',
} as const;

export interface LocalStack {
  url: string;
  port: number;
  dataDir: string;
  dynamoEndpoint: string;
  s3Endpoint: string;
  /** The dev time-stamp authority's RFC 3161 endpoint (TSA_URL). */
  tsaUrl: string;
  seeded: { agencies: number; users: number; entries: number };
  stop(): Promise<void>;
}

/**
 * Brings the whole service up on this machine: DynamoDB Local and s3rver on free ports, the table
 * and buckets, the dev PKI, the seed, and the gateway on `port` (0 = any free port). All state
 * lives under `dataDir`. The handlers run in this process, configured through the same
 * environment variables the CDK stack sets in AWS.
 */
export async function startLocalStack(options: { dataDir: string; port: number; quiet?: boolean }): Promise<LocalStack> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const port = options.port === 0 ? await freePort() : options.port;
  const url = `http://localhost:${port}`;

  const [dynamo, s3] = await Promise.all([
    startDynamoLocal(join(dataDir, 'dynamodb')),
    startS3Local(join(dataDir, 's3'), [LOCAL_NAMES.originalsBucket, LOCAL_NAMES.issuedBucket], new URL(process.env[ENV.publicBaseUrl] || url).origin),
  ]);
  let tsa: DevTsa | undefined;
  const stopAll = async () => {
    await Promise.allSettled([dynamo.stop(), s3.stop(), tsa?.stop()]);
  };

  try {
    const pkiDir = join(dataDir, 'pki');
    const officials = DEV_USERS.filter((u) => u.role === 'official').map((u) => ({
      id: u.sub,
      fullName: u.name,
      agencyName: SEED_AGENCIES.find((a) => a.id === u.agencyId)?.name ?? '',
    }));
    const agencies = SEED_AGENCIES.filter((a) => a.kind !== 'receiver').map((a) => ({ id: a.id, name: a.name }));
    // The service's own seal, which signs verification receipts (shared/domain/receipt.ts).
    agencies.push({ id: SERVICE_SEAL.id, name: SERVICE_SEAL.name });
    // The dev CA's certificates name its CRLs on this gateway (GET /pki/…), so revocation works offline;
    // a certificate naming another port (an earlier run) is reissued here.
    const pki = await ensureDevPki(pkiDir, { officials, agencies }, new Date(), { publicationBaseUrl: `${url}${PKI_PATH.replace(/\/$/, '')}` });
    const trustListFile = join(pkiDir, 'trust-list.pem');
    writeFileSync(trustListFile, pki.rootCertPem);
    // The signatures' time-stamps (PAdES B-T) come from a real RFC 3161 TSA on this machine.
    tsa = await startDevTsa(pki.tsa);

    Object.assign(process.env, {
      [ENV.tableName]: LOCAL_NAMES.table,
      [ENV.originalsBucket]: LOCAL_NAMES.originalsBucket,
      [ENV.issuedBucket]: LOCAL_NAMES.issuedBucket,
      [ENV.dynamoEndpoint]: dynamo.endpoint,
      [ENV.s3Endpoint]: s3.endpoint,
      [ENV.region]: 'ap-southeast-1',
      [ENV.publicBaseUrl]: process.env[ENV.publicBaseUrl] || url,
      [ENV.signerMode]: 'local',
      [ENV.localPkiDir]: pkiDir,
      [ENV.trustListFile]: trustListFile,
      [ENV.tsaUrl]: tsa.url,
      [ENV.jwtIssuer]: LOCAL_ISSUER,
      [ENV.jwtAudience]: LOCAL_AUDIENCE,
      [ENV.devLogin]: 'true',
      // A response outside its route's contract fails here (500), so every test catches a drift.
      [ENV.contractCheck]: 'enforce',
      [ENV.localAuthDir]: join(dataDir, 'auth'),
      [ENV.notifier]: 'log',
      [ENV.localMailboxFile]: join(dataDir, 'mailbox.log'),
      // A revocation through POST /api/dev/signers/…/revoke-certificate is refused at the next signing.
      [ENV.revocationCacheSeconds]: process.env[ENV.revocationCacheSeconds] || '0',
      // Webhook receivers on the loopback (tests), and the retry schedule compressed so tests see retries (docs/webhooks.md).
      [ENV.webhookLoopback]: 'true',
      [ENV.webhookTimeScale]: process.env[ENV.webhookTimeScale] || '0.01',
      // The gateway plays CloudFront and sends this origin header; the handlers refuse requests without it.
      [ENV.originVerify]: process.env[ENV.originVerify] || randomBytes(32).toString('hex'),
    });
    if (options.quiet && !process.env[ENV.logLevel]) process.env[ENV.logLevel] = 'ERROR';
    installDevSigners();
    installDevCertificateAuthority();
    installDevIdentity();

    const db = dynamoDocumentClient();
    await ensureTable(LOCAL_NAMES.table);
    const seeded = await seed(db, LOCAL_NAMES.table);

    const notifyWorker = (await import(pathToFileURL(join(REPO_ROOT, 'functions', 'notify-outbox', 'handler.ts')).href)) as {
      handler: (e: DynamoDBStreamEvent) => Promise<unknown>;
    };
    // The asynchronous verification batches' worker reads the same stream (in AWS: its own filtered event source).
    const batchRuns = new Set<Promise<unknown>>();
    const batchWorker = (await import(pathToFileURL(join(REPO_ROOT, 'functions', 'verify-batch-worker', 'handler.ts')).href)) as {
      handler: (e: DynamoDBStreamEvent) => Promise<unknown>;
    };
    const poller = await startStreamPoller({
      endpoint: dynamo.endpoint,
      tableName: LOCAL_NAMES.table,
      db: dynamoClient(),
      handle: async (event) => {
        await notifyWorker.handler(event);
        // Not awaited: in AWS the batch worker has its own event source mapping, so a long job
        // never holds up the notifications behind it.
        const run: Promise<unknown> = batchWorker
          .handler(event)
          .catch((e: unknown) => console.error('verify-batch-worker:', (e as Error).message))
          .finally(() => batchRuns.delete(run));
        batchRuns.add(run);
      },
    });
    // The stand-in for the EventBridge rate(1 minute) rule: the same webhook delivery handler, on a short timer.
    const webhookWorker = (await import(pathToFileURL(join(REPO_ROOT, 'functions', 'webhooks-deliver', 'handler.ts')).href)) as { handler: () => Promise<unknown> };
    const webhookTimer = startTimer(webhookWorker.handler, Number(process.env[ENV.webhookDeliverIntervalMs] || 1000));

    const auth = await loadDevAuth(join(dataDir, 'auth'));
    const clients = new LocalClientStore(join(dataDir, 'auth'));
    useClientIdentity(localClientIdentity(auth, clients));
    const webDist = join(REPO_ROOT, 'web', 'dist');
    const server: Server = await startGateway({
      port,
      auth,
      maxBodyBytes: limits().maxBodyBytes,
      webRoot: existsSync(join(webDist, 'index.html')) ? webDist : join(REPO_ROOT, 'web'),
      repoRoot: REPO_ROOT,
      devUsers: devUserChoices(),
      // AWS's CSP with the local origins: the page reaches s3rver through presigned URLs.
      securityHeaders: securityHeaders(contentSecurityPolicy({ connect: [s3.endpoint], upgradeInsecureRequests: false })),
      pki: async (file) => {
        const name = (Object.keys(DEV_CRL_FILES) as (keyof typeof DEV_CRL_FILES)[]).find((ca) => DEV_CRL_FILES[ca] === file);
        return name ? freshDevCrl(pkiDir, name) : undefined;
      },
      clients,
    });

    return {
      url,
      port,
      dataDir,
      dynamoEndpoint: dynamo.endpoint,
      s3Endpoint: s3.endpoint,
      tsaUrl: tsa.url,
      seeded,
      stop: async () => {
        await new Promise<void>((r) => {
          server.close(() => r());
          server.closeAllConnections();
        });
        await webhookTimer.stop();
        await poller.stop();
        await Promise.allSettled([...batchRuns]);
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function ensureTable(tableName: string): Promise<void> {
  const client = dynamoClient();
  try {
    const table = await client.send(new DescribeTableCommand({ TableName: tableName }));
    // A DATA_DIR from before the outbox stream existed gets its stream now.
    if (!table.Table?.StreamSpecification?.StreamEnabled) {
      await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: createTableInput(tableName).StreamSpecification }));
    }
  } catch (e) {
    if ((e as { name?: string }).name !== 'ResourceNotFoundException') throw e;
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  }
}

/** Runs `work` every `intervalMs`, one run at a time (a tick during a run is skipped); stop waits for the run in flight. */
function startTimer(work: () => Promise<unknown>, intervalMs: number): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (stopped || running) return;
    running = work()
      .then(() => undefined, (e: unknown) => console.error('webhook worker:', (e as Error).message))
      .finally(() => {
        running = undefined;
      });
  }, intervalMs);
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
