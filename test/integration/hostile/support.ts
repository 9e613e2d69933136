/**
 * Shared by the hostile-input, fault and authorization tests: the test stack's configuration in
 * this worker, the real services over the emulators (to prepare state without going through the
 * gateway's rate limits), dev-user principals and tokens, and problem+json assertions.
 */
import { join } from 'node:path';
import { expect, inject } from 'vitest';
import { ENV } from '../../../shared/runtime/config';
import type { Principal } from '../../../shared/domain/roles';
import type { RequestRecord } from '../../../shared/domain/request';
import type { CreateRequestInput } from '../../../shared/contracts/requests';
import { signerProviderFromEnv } from '../../../shared/runtime/signer-provider';
import { revocationSourceFromEnv } from '../../../shared/runtime/signing-services';
import { timeStampAuthorityFromEnv } from '../../../shared/runtime/timestamp-authority';
import { buildServices, type Services } from '../../../shared/runtime/services';
import { dynamoDocumentClient, s3Client } from '../../../shared/store/clients';
import { ObjectStore } from '../../../shared/store/object-store';
import { addOriginal } from '../../../shared/use-cases/add-original';
import { recordOriginalCheck } from '../../../shared/use-cases/record-original-check';
import { certifyRequest } from '../../../shared/use-cases/certify-request';
import { createRequest } from '../../../shared/use-cases/create-request';
import { submitRequest } from '../../../shared/use-cases/submit-request';
import { loadDevAuth } from '../../../infra/local/dev-auth';
import { installDevSigners } from '../../../infra/local/dev-signers';
import { LOCAL_NAMES } from '../../../infra/local/stack';
import { DEV_USERS, claimsOf } from '../../../infra/local/seed-data';
import { api, type ApiResponse } from '../../helpers/api';
import { simplePdf } from '../../fixtures/hostile/make-corpus';

export const AGENCY = 'ubnd-phuong-ba-dinh';

/** Points this worker's configuration at the test stack (the same variables the stack sets for the gateway). */
export function useTestStack(): void {
  const dataDir = inject('dataDir');
  Object.assign(process.env, {
    [ENV.tableName]: LOCAL_NAMES.table,
    [ENV.originalsBucket]: LOCAL_NAMES.originalsBucket,
    [ENV.issuedBucket]: LOCAL_NAMES.issuedBucket,
    [ENV.dynamoEndpoint]: inject('dynamoEndpoint'),
    [ENV.s3Endpoint]: inject('s3Endpoint'),
    [ENV.region]: 'ap-southeast-1',
    [ENV.publicBaseUrl]: inject('baseUrl'),
    [ENV.signerMode]: 'local',
    [ENV.localPkiDir]: join(dataDir, 'pki'),
    [ENV.localAuthDir]: join(dataDir, 'auth'),
  });
  process.env[ENV.logLevel] ??= 'ERROR';
  installDevSigners();
}

/** The real services over the emulators (call useTestStack first). */
export function realServices(): Services {
  return buildServices({ db: dynamoDocumentClient(), objects: new ObjectStore(s3Client()), signers: signerProviderFromEnv(), revocation: revocationSourceFromEnv(), timestamps: timeStampAuthorityFromEnv() });
}

/** A dev user (infra/local/seed-data.ts) as the handlers see them once their token is verified. */
export function principal(user: string): Principal {
  const u = DEV_USERS.find((d) => d.user === user);
  if (!u) throw new Error(`no dev user ${user}`);
  return { sub: u.sub, role: u.role, agencyId: u.agencyId, citizenId: u.citizenId, name: u.name };
}

let counter = 0;
/**
 * A token for a citizen that exists only for this test (own CCCD number, own rate-limit bucket),
 * so that a test's count of "my requests" is exact and earlier test files cannot exhaust its quota.
 */
export async function throwawayCitizen(): Promise<{ token: string; principal: Principal }> {
  const citizenId = `09${String(Date.now() % 1e8).padStart(8, '0')}${String(counter++ % 100).padStart(2, '0')}`;
  const p: Principal = { sub: `test-citizen-${citizenId}`, role: 'citizen', citizenId, name: 'Công dân thử nghiệm' };
  const auth = await loadDevAuth(join(inject('dataDir'), 'auth'));
  const token = await auth.mint({ sub: p.sub, 'cognito:groups': ['citizen'], name: p.name, 'custom:citizenId': citizenId, token_use: 'id' });
  return { token, principal: p };
}

/** A token for a dev user, minted directly (no dev-login call). */
export async function devToken(user: string): Promise<string> {
  const u = DEV_USERS.find((d) => d.user === user);
  if (!u) throw new Error(`no dev user ${user}`);
  return (await loadDevAuth(join(inject('dataDir'), 'auth'))).mint(claimsOf(u));
}

export interface FileSpec {
  bytes: Uint8Array;
  fileName: string;
  contentType: string;
  /** Declared size when it differs from the bytes. */
  declaredSize?: number;
  /** Leave the upload out (declared only). */
  skipUpload?: boolean;
}

/** Who a request filed at the counter is for: an official filing must name the requester (Decree 23/2015 Art. 13(1)). */
export type CounterRequester = Pick<CreateRequestInput, 'citizenId' | 'requesterName'>;

/**
 * A draft certify-copy request by `owner`, its originals declared and uploaded, through the use
 * cases; an official as `owner` files at the counter for `forRequester`.
 */
export async function draft(services: Services, owner: Principal, files: FileSpec[] = [], title = 'Giấy tờ thử nghiệm', forRequester: CounterRequester = {}): Promise<{ id: string; uploads: string[] }> {
  const request = await createRequest(services, owner, { kind: 'certify-copy', agencyId: AGENCY, title, copies: 1, ...forRequester });
  const uploads: string[] = [];
  for (const f of files) {
    const o = await addOriginal(services, owner, request.id, {
      fileName: f.fileName,
      contentType: f.contentType as 'application/pdf',
      size: f.declaredSize ?? f.bytes.length,
    });
    uploads.push(o.uploadUrl);
    if (!f.skipUpload) await put(o.uploadUrl, o.uploadHeaders, f.bytes);
  }
  return { id: request.id, uploads };
}

/**
 * PUTs bytes to a presigned URL. Content-Length is the body's, as a browser sends it: a hostile
 * upload of another length than declared is refused by S3 (403, the length is signed) but not by
 * s3rver, which checks no signatures — so submit's own size check is exercised here.
 */
export async function put(url: string, headers: Record<string, string>, bytes: Uint8Array): Promise<void> {
  const { 'content-length': _declared, ...rest } = headers;
  const res = await fetch(url, { method: 'PUT', headers: rest, body: bytes as BodyInit });
  if (!res.ok) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
}

/** A submitted request by `owner` with one small PDF original (filed at the counter for `forRequester` when `owner` is an official). */
export async function submitted(services: Services, owner: Principal, pages = 1, forRequester: CounterRequester = {}): Promise<RequestRecord> {
  const { id } = await draft(services, owner, [{ bytes: await simplePdf(pages), fileName: 'ban-goc.pdf', contentType: 'application/pdf' }], undefined, forRequester);
  return submitRequest(services, owner, id);
}

/** The dev official records the check of the paper original, which certify requires (Decree 45/2020 Art. 10(3)). */
export async function checkOriginal(services: Services, requestId: string): Promise<RequestRecord> {
  return recordOriginalCheck(services, principal('official'), requestId, { method: 'presented-at-counter' });
}

/** A submitted request for `owner` whose paper original the dev official has checked: ready to certify. */
export async function checked(services: Services, owner: Principal, pages = 1): Promise<RequestRecord> {
  return checkOriginal(services, (await submitted(services, owner, pages)).id);
}

/** A certified document for `owner`, issued by the dev official. */
export async function issued(services: Services, owner: Principal) {
  const request = await checked(services, owner);
  return { requestId: request.id, ...(await certifyRequest(services, principal('official'), request.id)) };
}

const VIETNAMESE = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i;

/** A problem+json response with the given status (or within [lo, hi]) and a Vietnamese detail. */
export function expectProblem(res: ApiResponse, lo: number, hi = lo): void {
  const where = `${res.status} ${res.text.slice(0, 300)}`;
  expect(res.status, where).toBeGreaterThanOrEqual(lo);
  expect(res.status, where).toBeLessThanOrEqual(hi);
  expect(res.headers.get('content-type'), where).toMatch(/^application\/problem\+json/);
  expect(res.body.status, where).toBe(res.status);
  expect(typeof res.body.title, where).toBe('string');
  expect(res.body.detail, where).toMatch(VIETNAMESE);
}

/** Calls the API, waiting out a 429 of the gateway's per-caller limits (earlier test files may have used the quota). */
export async function apiPatient(...args: Parameters<typeof api>): Promise<ApiResponse> {
  for (let attempt = 0; ; attempt++) {
    const res = await api(...args);
    if (res.status !== 429 || attempt >= 5) return res;
    await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? '1')));
  }
}

/** What a request looks like from the outside: status, history and originals — to prove nothing changed. */
export async function snapshot(services: Services, requestId: string) {
  const [request, history, originals] = await Promise.all([
    services.requests.get(requestId),
    services.audit.history(`REQ#${requestId}`),
    services.requests.originals(requestId),
  ]);
  return { status: request?.status, updatedAt: request?.updatedAt, history: history.map((h) => `${h.action}:${h.to ?? ''}`), originals: originals.map((o) => `${o.originalId}:${o.pages ?? ''}`) };
}
