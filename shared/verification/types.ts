import type { TrustList } from './trust-list';

/** The one answer a receiving agency gets (docs/signatures.md "Verdicts"). */
export type Verdict = 'authentic' | 'revoked' | 'tampered' | 'untrusted' | 'unknown';

/** ETSI EN 319 102-1 main indication. */
export type Indication = 'TOTAL_PASSED' | 'TOTAL_FAILED' | 'INDETERMINATE';

/** ETSI EN 319 102-1 sub-indications this verifier can give. */
export type SubIndication =
  | 'FORMAT_FAILURE'
  | 'HASH_FAILURE'
  | 'SIG_CRYPTO_FAILURE'
  | 'REVOKED'
  | 'NO_CERTIFICATE_CHAIN_FOUND'
  | 'CHAIN_CONSTRAINTS_FAILURE'
  | 'OUT_OF_BOUNDS_NO_POE'
  | 'SIGNED_DATA_NOT_FOUND';

/** Stable ids of the checks; every report carries each of the global ones exactly once. */
export const CHECK_IDS = [
  'pdf-structure',
  'signatures-present',
  'byterange',
  'whole-file-coverage',
  'revisions',
  'pades-profile',
  'cms-digest',
  'cms-signature',
  'signing-certificate',
  'chain-trust',
  'key-usage',
  'validity-at-signing-time',
  'registry-record',
  'file-hash',
  'revocation-status',
  'signature-roles',
  'timestamps',
  'certificate-revocation',
  'pades-level',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export interface Check {
  id: string;
  passed: boolean;
  /** Vietnamese, in plain words for a bank clerk. */
  detail: string;
}

export interface SignatureReport {
  /** Fully qualified field name. */
  field: string;
  /** Common name of the signer certificate ('' when the certificate could not be read). */
  signer: string;
  organization?: string;
  /** The claimed signing time (/M), ISO 8601. */
  signedAt?: string;
  subFilter: string;
  coversWholeFile: boolean;
  chainTrusted: boolean;
  validAtSigningTime: boolean;
  digestMatches: boolean;
  signatureValid: boolean;
  /** 1-based index of the revision this signature closes. 0 when it closes none. */
  revision: number;
  /** A document time-stamp (/Type /DocTimeStamp), not an approval signature. */
  docTimeStamp?: boolean;
  /** The proven time: the earliest valid signature time-stamp (a document time-stamp: its own), ISO 8601. */
  bestSignatureTime?: string;
  /** Every time-stamp token read for this signature, valid or not. */
  timeStamps: { genTime: string; valid: boolean; tsa: string }[];
  /** The signer certificate's status from the validation data in the file, at the proven time. */
  revocation?: RevocationFact;
  /** The per-signature checks (same ids as the global ones they feed). */
  checks: Check[];
}

/** ETSI EN 319 142-1 PAdES baseline levels. */
export type PadesLevel = 'B-B' | 'B-T' | 'B-LT' | 'B-LTA';

/** One certificate's status as the embedded CRLs/OCSP responses tell it (RFC 5280 §6.3, RFC 6960). */
export interface RevocationFact {
  /** good: covered by a CRL/OCSP response and not revoked; revoked: listed; unknown: no data in the file. */
  status: 'good' | 'revoked' | 'unknown';
  /** When it was revoked, ISO 8601. */
  revokedAt?: string;
  /** Revoked before the proven signing time (not authentic) or after it (still authentic). */
  beforeSigning?: boolean;
}

/** What was recorded about a document at issuance, as the verifier needs it. */
export interface RegistryRecord {
  verifyCode: string;
  kind: string;
  issuer: string;
  issuedAt: string;
  /** The sequence number in the year's book; a closed book's PDF has none. */
  number?: number;
  /** The book as on its cover, e.g. "01/2026-SCT/BS" (Decree 23/2015 Art. 13(2)). */
  book: string;
  pages: number;
  /** SHA-256 (hex) of the whole signed file as issued (its first version). */
  sha256: string;
  /**
   * The copy as sealed: the length of the bytes up to the end of the last approval signature's
   * revision, and their SHA-256 (hex). Later revisions (renewals) may only add validation data and
   * document time-stamps, so every version of the file starts with these bytes. Absent for copies
   * issued before PAdES B-LTA: then the whole file must hash to `sha256`.
   */
  sealed?: { length: number; sha256: string };
  status: 'valid' | 'revoked';
  revocation?: { at: string; reason: string };
}

/** The registry of issued documents, looked up by canonical verify code. */
export interface RegistryPort {
  byVerifyCode(code: string): Promise<RegistryRecord | undefined>;
}

export interface VerificationReport {
  verdict: Verdict;
  indication: Indication;
  subIndication?: SubIndication;
  checks: Check[];
  document?: RegistryRecord & { status: 'valid' | 'revoked' };
  signatures: SignatureReport[];
  /** The verify code the decision used (canonical form), when one was found. */
  verifyCode?: string;
  /** Whether that code was read inside the first signature's signed bytes (true) or only as a hint. */
  verifyCodeSigned?: boolean;
  /** SHA-256 (hex) of the whole file as received. */
  sha256: string;
  size: number;
  /** The seal's proven time (its earliest valid signature time-stamp), ISO 8601; absent when only /M claims a time. */
  bestSignatureTime?: string;
  /** The PAdES baseline level the file reaches (ETSI EN 319 142-1 §6), when it has valid approval signatures. */
  level?: PadesLevel;
}

export interface VerifyContext {
  trust: TrustList;
  registry: RegistryPort;
  /** The validation time: signing times after it are refused. */
  now: Date;
}
