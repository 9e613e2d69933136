import type { Indication, RegistryRecord, SubIndication, Verdict } from './types';

export interface VerdictInput {
  /** Signatures found through the AcroForm. */
  signatures: number;
  /** Some sign of a signature that could not be examined (stray /ByteRange, unreadable form). */
  signatureTraces: boolean;
  /** The first integrity failure (bytes or signatures that do not hold), if any. */
  integrityFailure?: SubIndication;
  /** Legal PDF or signature features this verifier does not check (xref streams, non-PAdES). */
  unsupported: boolean;
  /** The PDF structure is damaged (truncated, mangled). */
  broken: boolean;
  chainTrusted: boolean;
  keyUsageOk: boolean;
  validAtSigningTime: boolean;
  /** The approval signatures are the ones the record's kind calls for (signature-roles.ts). */
  rolesOk?: boolean;
  /** A time-stamp that is intact but not trusted (its TSA's chain, EKU or validity), as a sub-indication. */
  timeStampFailure?: SubIndication;
  /** A signer certificate revoked before the proven signing time (RFC 5280 §6.3). */
  signerRevoked?: boolean;
  record?: RegistryRecord;
  /** The whole file's SHA-256 equals record.sha256. */
  fileHashMatches: boolean;
}

export interface Decision {
  verdict: Verdict;
  indication: Indication;
  subIndication?: SubIndication;
}

const tampered = (subIndication: SubIndication): Decision => ({ verdict: 'tampered', indication: 'TOTAL_FAILED', subIndication });
const unknown = (subIndication: SubIndication): Decision => ({ verdict: 'unknown', indication: 'INDETERMINATE', subIndication });
const untrusted = (subIndication: SubIndication): Decision => ({ verdict: 'untrusted', indication: 'INDETERMINATE', subIndication });

/**
 * The one verdict, in this order: a file that is not the recorded one, or whose signatures do
 * not hold, is `tampered`; the exact recorded file of a revoked document is `revoked`; intact
 * signatures we cannot check or trust give `unknown`/`untrusted`; a file the registry does not
 * know is `unknown`. Only the exact recorded, valid, trusted file is `authentic` — so an
 * outsider's signed file can never be, whatever its signatures.
 */
export function decide(input: VerdictInput): Decision {
  const hashMismatch = input.record !== undefined && !input.fileHashMatches;
  if (input.signatures === 0) {
    if (hashMismatch) return tampered('HASH_FAILURE');
    if (input.unsupported) return unknown('FORMAT_FAILURE');
    if (input.signatureTraces) return tampered('FORMAT_FAILURE');
    // A damaged file with nothing left that identifies it (no signature, no code): not ours to judge.
    return unknown(input.broken ? 'FORMAT_FAILURE' : 'SIGNED_DATA_NOT_FOUND');
  }
  if (input.integrityFailure) return tampered(input.integrityFailure);
  if (hashMismatch) return tampered('HASH_FAILURE');
  // Fail closed on registry data too: any status but 'valid' counts as revoked.
  if (input.record && input.record.status !== 'valid') return { verdict: 'revoked', indication: 'TOTAL_FAILED', subIndication: 'REVOKED' };
  if (input.unsupported) return unknown('FORMAT_FAILURE');
  if (!input.chainTrusted) return untrusted('NO_CERTIFICATE_CHAIN_FOUND');
  if (!input.keyUsageOk) return untrusted('CHAIN_CONSTRAINTS_FAILURE');
  if (!input.validAtSigningTime) return untrusted('OUT_OF_BOUNDS_NO_POE');
  // ETSI EN 319 102-1 §5.2.6: a certificate revoked before the signing time fails the signature
  // (TOTAL_FAILED, REVOKED). Not the `revoked` verdict, which says the agency revoked the document.
  if (input.signerRevoked) return { verdict: 'untrusted', indication: 'TOTAL_FAILED', subIndication: 'REVOKED' };
  if (input.timeStampFailure) return untrusted(input.timeStampFailure);
  // Trusted signatures by the wrong parties, or too few or too many: not the document issued.
  // (Judged after trust: the names in an untrusted certificate prove nothing either way.)
  if (input.rolesOk === false) return tampered('FORMAT_FAILURE');
  if (!input.record) return unknown('SIGNED_DATA_NOT_FOUND');
  return { verdict: 'authentic', indication: 'TOTAL_PASSED' };
}
