/**
 * The API's shapes as the page uses them (DESIGN.md "HTTP API"; openapi.yaml). Fields the page
 * does not read are left out; optional ones are those the server may omit.
 */
export type Role = 'citizen' | 'official' | 'verifier' | 'admin';
export type RequestKind = 'certify-copy' | 'register-copy';
export type RequestStatus = 'draft' | 'submitted' | 'issued' | 'rejected' | 'cancelled';
export type Verdict = 'authentic' | 'revoked' | 'tampered' | 'untrusted' | 'unknown';
export type RefusalCode = 'altered' | 'damaged' | 'secret-or-no-copy' | 'unlawful-content' | 'foreign-not-legalised' | 'self-made-unconfirmed' | 'other';

/** The legal list of refusal reasons (Decree 23/2015 Art. 22), in the order shown. */
export const REFUSAL_CODES: readonly RefusalCode[] = [
  'altered',
  'damaged',
  'secret-or-no-copy',
  'unlawful-content',
  'foreign-not-legalised',
  'self-made-unconfirmed',
  'other',
];

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: { field?: string; message?: string; path?: string }[];
}

export interface LoginResult {
  token: string;
  user?: string;
  role: Role;
  name: string;
  agencyId?: string;
  citizenId?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface Actor {
  role: Role;
  name?: string;
}

export interface RequestRecord {
  id: string;
  kind: RequestKind;
  agencyId: string;
  title: string;
  copies: number;
  citizenId: string;
  channel: 'online' | 'counter';
  status: RequestStatus;
  createdAt: string;
  submittedAt?: string;
  dueAt?: string;
  pages?: number;
  fee?: number;
  registerId?: string;
  entryNo?: string;
  documentId?: string;
  certificationNo?: string;
  verifyCode?: string;
  issuedAt?: string;
  rejection?: { reasonCode: string; text: string; at: string };
  extension?: { workingDays: number; reason: string; at: string; previousDueAt?: string };
  appointmentSlipUrl?: string;
}

export interface Original {
  originalId: string;
  fileName: string;
  contentType: string;
  size: number;
  pages?: number;
  sha256?: string;
}

export interface HistoryEntry {
  at: string;
  actor: Actor;
  action: string;
  from?: string;
  to?: string;
  reason?: string;
}

export interface RequestDetail extends RequestRecord {
  originals: Original[];
  history: HistoryEntry[];
}

export interface UploadTicket {
  originalId?: string;
  uploadId?: string;
  uploadUrl: string;
  uploadMethod: string;
  uploadHeaders: Record<string, string>;
  expiresAt?: string;
}

export interface IssueResult {
  documentId: string;
  certificationNo: string;
  verifyCode: string;
  verifyUrl: string;
}

export interface DocumentView {
  id: string;
  requestId?: string;
  kind: RequestKind;
  title: string;
  issuer: string;
  certificationNo: string;
  verifyCode: string;
  issuedAt: string;
  pages: number;
  copies?: number;
  sha256: string;
  status: 'valid' | 'revoked';
  revocation?: { at: string; reason: string };
}

export interface ShareResult {
  shareUrl: string;
  expiresAt: string;
  token: string;
}

export interface Agency {
  id: string;
  name: string;
  kind: 'commune' | 'school' | 'receiver';
  registers: { id: string; title: string }[];
}

export interface RegisterField {
  name: string;
  label: string;
  type: 'string' | 'date' | 'number' | 'enum' | string;
  required: boolean;
  options?: string[];
}

export interface Register {
  id: string;
  agencyId: string;
  type: string;
  title: string;
  copyTitle: string;
  fields: RegisterField[];
}

export interface RegisterEntry {
  registerId: string;
  entryNo: string;
  data: Record<string, string>;
}

export interface ImportResult {
  imported: number;
  rejected: { line: number; error: string }[];
}

export interface VerifiedDocument {
  verifyCode: string;
  kind: RequestKind;
  issuer: string;
  issuedAt: string;
  certificationNo: string;
  pages: number;
  sha256?: string;
  status: 'valid' | 'revoked';
  title?: string;
  revocation?: { at: string; reason: string };
}

export interface Check {
  id: string;
  passed: boolean;
  detail: string;
}

export interface SignatureInfo {
  field?: string;
  signer?: string;
  organization?: string;
  signedAt?: string;
  subFilter?: string;
  coversWholeFile?: boolean;
  chainTrusted?: boolean;
}

export interface VerificationReport {
  verdict: Verdict;
  indication?: string;
  subIndication?: string;
  checks: Check[];
  document?: VerifiedDocument;
  signatures?: SignatureInfo[];
  howToCheck?: string;
}

export interface Revocation {
  verifyCode: string;
  certificationNo: string;
  issuer: string;
  revokedAt: string;
  reason: string;
}

export interface VerificationLogEntry {
  at: string;
  verdict: Verdict;
  via: 'file' | 'code';
  verifierAgencyId?: string;
  verifierName?: string;
}

export interface Notification {
  at: string;
  kind: string;
  requestId?: string;
  message: string;
}

export interface Summary {
  from: string;
  to: string;
  received: number;
  submittedOnline: number;
  issued: number;
  rejected: number;
  cancelled: number;
  onTime: number;
  overdue: number;
  onlineRate: number;
  onTimeRate: number;
  byAgency: { agencyId: string; name: string; received: number; issued: number; rejected?: number; overdue?: number; onTime?: number }[];
  byKind?: Record<string, number | Record<string, number>>;
  byDay: { day: string; received: number; issued: number; rejected: number }[];
}
