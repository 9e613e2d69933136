import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Register, RegisterEntry } from '../../../shared/domain/register';
import type { Original, RequestRecord } from '../../../shared/domain/request';
import type { Principal } from '../../../shared/domain/roles';
import type { AgencySigner } from '../../../shared/domain/signers';
import type { SignerProvider } from '../../../shared/runtime/signer-provider';
import type { CertificateStatus } from '../../../shared/signing';
import { createDevSigner } from '../../../shared/signing/dev/dev-pki';
import type { Agency, UserProfile } from '../../../shared/store/directory-repo';
import type { CertifyServices } from '../../../shared/use-cases/certify-request';
import type { RegisterCopyServices } from '../../../shared/use-cases/issue-register-copy';
import type { DocumentReader } from '../../../shared/use-cases/ports';
import { makePdf } from '../pdf/support/originals';
import { AGENCY, OFFICIAL, createTestPki, type TestPki } from '../signing/support/test-pki';
import { InMemoryIssuanceLedger } from './in-memory-ledger';
import { InMemoryObjectStore } from './in-memory-object-store';
import { inProcessTsa } from './in-process-tsa';

export { AGENCY, OFFICIAL };

/** The dev official of AGENCY, as the handlers see them once their token is verified. */
export const official: Principal = { sub: 'official-sub', role: 'official', agencyId: AGENCY.id, name: OFFICIAL.fullName };
export const CITIZEN_ID = '001199012345';

/** Every port the issuing and revoking use cases take, in memory. */
export type UseCaseServices = CertifyServices & RegisterCopyServices & { documents: DocumentReader };

/** In-memory ports over one shared state, plus handles on that state for the tests to prepare and assess. */
export interface InMemoryWorld {
  services: UseCaseServices;
  ledger: InMemoryIssuanceLedger;
  objects: InMemoryObjectStore;
  requests: Map<string, RequestRecord>;
  originals: Map<string, Original[]>;
  registers: Map<string, { register: Register; entries: RegisterEntry[] }>;
  /** The agencies' signer records; `official` is a signer of AGENCY from 2025-07-01. */
  agencySigners: AgencySigner[];
  /** Moves the clock the use cases read. */
  setNow(at: Date): void;
  /** What the revocation source answers for a signer certificate (DER); every one is good until set. */
  setRevocationStatus(status: (certificate: Uint8Array) => CertificateStatus): void;
}

/**
 * The use cases' composition root for unit tests: the state lives in maps, the signers are the
 * real local-key signers over a throw-away dev PKI, PDF composition is the real one. The official
 * and the agency of the dev PKI are in the directory.
 */
export function inMemoryWorld(pki: TestPki): InMemoryWorld {
  const requests = new Map<string, RequestRecord>();
  const originals = new Map<string, Original[]>();
  const registers = new Map<string, { register: Register; entries: RegisterEntry[] }>();
  const ledger = new InMemoryIssuanceLedger(requests);
  const objects = new InMemoryObjectStore();
  const users = new Map<string, UserProfile>([[official.sub, { sub: official.sub, role: 'official', fullName: OFFICIAL.fullName, title: 'Công chức Tư pháp - Hộ tịch', agencyId: AGENCY.id, signingIdentity: OFFICIAL.id }]]);
  const agencies = new Map<string, Agency>([[AGENCY.id, { id: AGENCY.id, name: AGENCY.name, parentName: 'UBND quận Ba Đình', kind: 'commune', certifiedCopyBookCode: 'SCT/BS-ĐT' }]]);
  const agencySigners: AgencySigner[] = [officialSignerRecord()];
  const signers: SignerProvider = {
    official: async (id) => createDevSigner(pki.pki.officials[id]),
    agency: async (id) => createDevSigner(pki.pki.agencies[id]),
  };
  let now = new Date('2026-03-02T03:00:00Z');
  let revocationStatus = (_certificate: Uint8Array): CertificateStatus => ({ status: 'good' });
  let ids = 0;
  const services: UseCaseServices = {
    buckets: { originals: 'originals', issued: 'issued' },
    publicBaseUrl: 'https://bansao.example',
    now: () => new Date(now.getTime()),
    newId: () => `id-${++ids}`,
    randomBytes: (n) => randomBytes(n),
    ledger,
    objects,
    signers,
    timestamps: inProcessTsa(pki.pki.tsa),
    // No CRLs in memory: B-LT carries the chains; the CRLs themselves are tested in test/unit/signing/long-term-validation.test.ts.
    revocation: { status: async (certificate) => revocationStatus(certificate), collect: async () => ({ certificates: [], crls: [], ocspResponses: [] }) },
    requests: { get: async (id) => requests.get(id), originals: async (id) => originals.get(id) ?? [] },
    documents: { get: async (id) => ledger.documents.get(id) },
    directory: { user: async (sub) => users.get(sub), agency: async (id) => agencies.get(id) },
    agencySigners: { list: async (agencyId) => agencySigners.filter((r) => r.agencyId === agencyId) },
    registers: {
      get: async (id) => registers.get(id)?.register,
      entry: async (id, entryNo) => registers.get(id)?.entries.find((e) => e.entryNo === entryNo),
    },
  };
  return { services, ledger, objects, requests, originals, registers, agencySigners, setNow: (at) => (now = at), setRevocationStatus: (status) => (revocationStatus = status) };
}

/**
 * A fresh world for every test of the calling file (prepared by `prepare`), over one throw-away
 * dev PKI per file (making its keys is the slow part). Call it in the file's body.
 */
export function useInMemoryWorld(prepare: (world: InMemoryWorld) => void = () => {}): () => InMemoryWorld {
  let pki: TestPki | undefined;
  let world: InMemoryWorld | undefined;
  beforeAll(async () => {
    pki = await createTestPki();
  });
  afterAll(() => pki?.cleanup());
  beforeEach(() => {
    world = inMemoryWorld(pki!);
    prepare(world);
  });
  return () => world!;
}

/** The title printed for `official` (their signer record's, not their profile's). */
export const OFFICIAL_SIGNER_TITLE = 'Phó Chủ tịch Ủy ban nhân dân';

/** `official`'s signer record in AGENCY (Decree 23 Art. 5 as amended: a vice-chairman). */
export function officialSignerRecord(fields: Partial<AgencySigner> = {}): AgencySigner {
  return {
    signerId: 'signer-official', agencyId: AGENCY.id, userSub: official.sub, fullName: OFFICIAL.fullName, title: OFFICIAL_SIGNER_TITLE,
    basis: { decisionNo: '15/QĐ-UBND', decisionDate: '2025-07-01' }, validFrom: '2025-07-01T00:00:00.000Z',
    recordedAt: '2025-07-01T00:00:00.000Z', recordedBy: { sub: 'admin-sub', role: 'admin', agencyId: AGENCY.id }, ...fields,
  };
}

let requestNo = 0;

/** A submitted request of AGENCY filed by CITIZEN_ID (no originals). */
export function submittedRequest(world: InMemoryWorld, fields: Partial<RequestRecord> = {}): RequestRecord {
  const at = world.services.now().toISOString();
  const request: RequestRecord = {
    id: `req-${++requestNo}`,
    kind: 'certify-copy',
    agencyId: AGENCY.id,
    title: 'Bằng tốt nghiệp trung học phổ thông',
    copies: 1,
    citizenId: CITIZEN_ID,
    channel: 'online',
    status: 'submitted',
    createdAt: at,
    createdBy: { sub: 'citizen-sub', role: 'citizen' },
    updatedAt: at,
    submittedAt: at,
    dueAt: new Date(Date.parse(at) + 24 * 3600_000).toISOString(),
    pages: 1,
    fee: 2000,
    ...fields,
  };
  world.requests.set(request.id, request);
  return request;
}

/**
 * A submitted certify-copy request with a one-page PDF original uploaded, copied at submit to its
 * immutable key (`submittedKey`) and inspected, as submitRequest leaves it; unless `checked` is
 * false, `official` has recorded the check of the paper original (Decree 45/2020 Art. 10(3)).
 */
export async function submittedCertifyRequest(world: InMemoryWorld, options: { checked?: boolean } = {}): Promise<RequestRecord> {
  const at = world.services.now().toISOString();
  const request = submittedRequest(world, options.checked === false ? {} : { originalCheck: { method: 'presented-at-counter', at, by: { sub: official.sub, role: 'official', agencyId: AGENCY.id } } });
  const bytes = await makePdf([{ text: `ORIGINAL OF ${request.id}` }]);
  const s3Key = `originals/${request.id}/o1`;
  const submittedKey = `submitted/${request.id}/attempt-1/o1`;
  await world.objects.put(world.services.buckets.originals, s3Key, bytes, 'application/pdf');
  await world.objects.put(world.services.buckets.originals, submittedKey, bytes, 'application/pdf');
  world.originals.set(request.id, [{
    originalId: 'o1', fileName: 'bang-tot-nghiep.pdf', contentType: 'application/pdf', size: bytes.length, s3Key, submittedKey,
    uploadedAt: request.createdAt, pages: 1, sha256: createHash('sha256').update(bytes).digest('hex'),
  }]);
  return request;
}
