/**
 * PAdES + registry verification of issued copies: one trustworthy verdict for a PDF.
 * See docs/signatures.md "What the verifier enforces".
 */
export { isPdf, verifyPdf } from './verify-pdf';
export { trustListFromPem, type TrustList } from './trust-list';
export { CHECK_IDS } from './types';
export type {
  Check, CheckId, Indication, RegistryPort, RegistryRecord, SignatureReport, SubIndication, Verdict, VerificationReport, VerifyContext,
} from './types';
