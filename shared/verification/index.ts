/**
 * PAdES + registry verification of issued copies: one trustworthy verdict for a PDF.
 * See DESIGN.md "Verification" and SIGNING-NOTES.md "Verification rules that defeat the known attacks".
 */
export { isPdf, verifyPdf } from './verify-pdf';
export { trustListFromPem, type TrustList } from './trust-list';
export { CHECK_IDS } from './types';
export type {
  Check, CheckId, Indication, RegistryPort, RegistryRecord, SignatureReport, SubIndication, Verdict, VerificationReport, VerifyContext,
} from './types';
