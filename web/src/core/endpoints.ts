import { call, get, post, query } from './api';
import type {
  AddSignerInput,
  Agency,
  AgencySigner,
  BookClosed,
  BookYear,
  DocumentView,
  EntitlementGround,
  RegisterRefusalGround,
  ImportResult,
  IssueResult,
  LoginResult,
  Notification,
  Page,
  RefusalCode,
  Register,
  RegisterEntry,
  RequestDetail,
  RequestKind,
  RequestRecord,
  RequestStatus,
  Revocation,
  ShareLink,
  ShareResult,
  Summary,
  OriginalCheckMethod,
  OriginalUpload,
  VerifyUpload,
  VerificationLog,
  VerificationReport,
} from './types';

/** One function per API route the page uses (shared/contracts/routes.ts is the table on the server side). */
const enc = encodeURIComponent;

export const api = {
  devLogin: (user: string) => post<LoginResult>('/api/dev/login', { user }, { auth: false }),
  agencies: () => get<Agency[]>('/api/agencies', { auth: false }),
  books: (p: { agencyId: string; year: number }) => get<BookYear>(`/api/books${query(p)}`),
  booksCsvPath: (p: { agencyId: string; year: number }) => `/api/books${query({ ...p, format: 'csv' })}`,
  closeBook: (id: string) => post<BookClosed>(`/api/books/${enc(id)}/close`),

  listRequests: (p: { status?: RequestStatus; limit?: number; cursor?: string } = {}) => get<Page<RequestRecord>>(`/api/requests${query(p)}`),
  createRequest: (body: {
    kind: RequestKind;
    agencyId: string;
    title: string;
    copies?: number;
    registerId?: string;
    entryNo?: string;
    ground?: EntitlementGround;
    subjectName?: string;
    subjectBirthDate?: string;
    citizenId?: string;
    requesterName?: string;
  }) =>
    post<RequestRecord>('/api/requests', body),
  getRequest: (id: string) => get<RequestDetail>(`/api/requests/${enc(id)}`),
  addOriginal: (id: string, file: { fileName: string; contentType: string; size: number; side?: 'id-card-front' | 'id-card-back' }) => post<OriginalUpload>(`/api/requests/${enc(id)}/originals`, file),
  viewOriginal: (id: string, originalId: string) => get<{ url: string }>(`/api/requests/${enc(id)}/originals/${enc(originalId)}`),
  submit: (id: string) => post<RequestRecord>(`/api/requests/${enc(id)}/submit`),
  cancel: (id: string) => post<RequestRecord>(`/api/requests/${enc(id)}/cancel`),
  originalCheck: (id: string, method: OriginalCheckMethod, note?: string) =>
    post<RequestRecord>(`/api/requests/${enc(id)}/original-check`, { method, ...(note ? { note } : {}) }),
  certify: (id: string) => post<IssueResult>(`/api/requests/${enc(id)}/certify`),
  issue: (id: string) => post<IssueResult>(`/api/requests/${enc(id)}/issue`),
  reject: (id: string, reasonCode: RefusalCode, detail?: string) => post<RequestRecord>(`/api/requests/${enc(id)}/reject`, { reasonCode, ...(detail ? { detail } : {}) }),
  decideEntitlement: (id: string, body: { decision: 'accepted' | 'refused'; note: string; refusalGround?: RegisterRefusalGround }) =>
    post<RequestRecord>(`/api/requests/${enc(id)}/entitlement`, body),
  extend: (id: string, workingDays: 1 | 2, reason: string) => post<RequestRecord>(`/api/requests/${enc(id)}/extend`, { workingDays, reason }),

  document: (id: string) => get<DocumentView>(`/api/documents/${enc(id)}`),
  download: (id: string) => get<{ url: string; expiresAt: string }>(`/api/documents/${enc(id)}/download`),
  share: (id: string, expiresInHours: number) => post<ShareResult>(`/api/documents/${enc(id)}/shares`, { expiresInHours }),
  revoke: (id: string, reason: string) => post<unknown>(`/api/documents/${enc(id)}/revoke`, { reason }),
  verifications: (id: string, p: { limit?: number; cursor?: string } = {}) => get<VerificationLog>(`/api/documents/${enc(id)}/verifications${query(p)}`),

  shared: (token: string) => get<DocumentView>(`/api/shares/${enc(token)}`, { auth: false }),
  sharedDownload: (token: string) => get<{ url: string }>(`/api/shares/${enc(token)}/download`, { auth: false }),

  verifyCode: (code: string) => get<VerificationReport>(`/api/verify/${enc(code)}`),
  verifyFile: (file: Blob) => call<VerificationReport>('POST', '/api/verify', { body: file, contentType: 'application/pdf' }),
  verifyUpload: (size: number) => post<VerifyUpload>('/api/verify/uploads', { size }),
  verifyUploaded: (uploadId: string) => post<VerificationReport>('/api/verify', { uploadId }),
  revocations: (p: { limit?: number; cursor?: string } = {}) => get<Page<Revocation>>(`/api/revocations${query(p)}`, { auth: false }),

  registers: () => get<Register[]>('/api/registers'),
  // Every read of entries says why (audited on the server): the request handled, or a reason.
  entries: (registerId: string, q: string | undefined, reason: string) => get<Page<RegisterEntry>>(`/api/registers/${enc(registerId)}/entries${query({ q, reason })}`),
  entry: (registerId: string, entryNo: string, purpose: { requestId?: string; reason?: string }) =>
    get<RegisterEntry>(`/api/registers/${enc(registerId)}/entries/${enc(entryNo)}${query(purpose)}`),
  addEntry: (registerId: string, entryNo: string, data: Record<string, string>) => post<RegisterEntry>(`/api/registers/${enc(registerId)}/entries`, { entryNo, data }),
  importCsv: (registerId: string, csv: Blob | string) =>
    call<ImportResult>('POST', `/api/registers/${enc(registerId)}/import`, { body: csv, contentType: 'text/csv; charset=utf-8' }),

  signers: (agencyId: string) => get<Page<AgencySigner>>(`/api/agencies/${enc(agencyId)}/signers`),
  addSigner: (agencyId: string, body: AddSignerInput) => post<AgencySigner>(`/api/agencies/${enc(agencyId)}/signers`, body),
  endSigner: (agencyId: string, signerId: string, body: { validTo?: string; reason?: string } = {}) =>
    post<AgencySigner>(`/api/agencies/${enc(agencyId)}/signers/${enc(signerId)}/end`, body),

  summary: (p: { from: string; to: string; agencyId?: string }) => get<Summary>(`/api/reports/summary${query(p)}`),
  notifications: () => get<Page<Notification>>('/api/notifications'),
  shares: (id: string) => get<{ items: ShareLink[] }>(`/api/documents/${enc(id)}/shares`),
  revokeShare: (id: string, shareId: string) => call<ShareLink>('POST', `/api/documents/${enc(id)}/shares/${enc(shareId)}/revoke`),
};
