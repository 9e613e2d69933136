/**
 * The API's shapes as the page uses them: the types come from the route contracts
 * (shared/contracts/, the zod schemas the server validates against and openapi.yaml is written
 * from), imported as types only so that no zod reaches the bundle. What is left here is the
 * page's own: how it holds an error, a page of any list, a login whichever way it was obtained.
 */
export type { Problem as ProblemDocument } from '../../../shared/contracts/common';
export type { AnonymousVerificationDay, DocumentView, Revocation, ShareLink, ShareResult, VerificationLog, VerificationLogEntry } from '../../../shared/contracts/documents';
export type { ImportResult, Register, RegisterEntry, RegisterField } from '../../../shared/contracts/registers';
export type { Summary } from '../../../shared/contracts/reports';
export type { BookClosed, BookYear } from '../../../shared/contracts/books';
export type {
  EntitlementDecisionInput,
  EntitlementGround,
  HistoryEntry,
  IssuedDocument as IssueResult,
  Original,
  OriginalCheck,
  OriginalCheckMethod,
  OriginalUpload,
  RequestDetail,
  RequestKind,
  RequestRecord,
  RegisterRefusalGround,
  RequestStatus,
  Role,
} from '../../../shared/contracts/requests';
export type { Agency, Notification } from '../../../shared/contracts/service';
export type { AddSignerInput, AgencySignerView as AgencySigner } from '../../../shared/contracts/signers';
export type { Check, CodeVerification, SignatureInfo, Verdict, VerifiedDocument, VerifyUpload } from '../../../shared/contracts/verification';
export { REFUSAL_CODES, type RefusalCode } from '../../../shared/contracts/refusal-codes';

import type { Problem as ProblemDocument } from '../../../shared/contracts/common';
import type { OriginalUpload } from '../../../shared/contracts/requests';
import type { LoginResult as DevLoginResult } from '../../../shared/contracts/service';
import type { CodeVerification, VerificationReport as FileReport, VerifyUpload } from '../../../shared/contracts/verification';

/**
 * An error as the page holds it: a problem document, or as much of one as a failed fetch or a
 * gateway's own answer gives (some name a field `path`).
 */
export type Problem = Partial<Pick<ProblemDocument, 'type' | 'title' | 'detail' | 'code' | 'instance'>> & { status: number; errors?: { field?: string; message?: string; path?: string }[] };

/** The signed-in user: from the dev login, or from a Cognito ID token (which names no dev user). */
export type LoginResult = Omit<DevLoginResult, 'user'> & { user?: string };

/** One page of any list the API pages. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** Where to PUT a file: an original's upload, or a large file to verify. */
export type UploadTicket = OriginalUpload | VerifyUpload;

/**
 * What the verdict screen shows: the report on a file, the registry's answer to a code, or the
 * page's own "unknown" when the code names nothing — so everything but the verdict may be absent.
 */
export type VerificationReport = Pick<FileReport, 'verdict' | 'checks'> &
  Partial<Omit<FileReport, 'verdict' | 'checks'>> &
  Partial<Pick<CodeVerification, 'howToCheck'>>;
