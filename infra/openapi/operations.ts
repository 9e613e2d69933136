import type { ErrorStatus } from '../../shared/contracts/contract';
import type { RouteFn } from '../../shared/contracts/routes';

/**
 * The prose of openapi.yaml, per route: what an operation is for, in English for developers
 * (Vietnamese where it is what users read). The shapes come from the route contracts
 * (shared/contracts/); this file only says what they mean. Kept out of shared/ so that no Lambda
 * bundle carries documentation.
 */
export interface OperationDoc {
  operationId: string;
  tags: readonly string[];
  summary: string;
  description?: string;
  /** Status → what the success response is. */
  responses: Readonly<Record<number, string>>;
  /** Headers of the success response (name → meaning). */
  headers?: Readonly<Record<string, string>>;
  /** Non-JSON success media type → what it holds. */
  media?: Readonly<Record<string, string>>;
  /** Errors that mean something specific on this route: another shared response, or its own text. */
  errors?: Partial<Record<ErrorStatus, { ref: string } | { description: string }>>;
  /** An example of a non-JSON request body. */
  bodyExample?: string;
}

/** A create whose only conflict is a retry still running, and whose 422 may be a reused key. */
const CREATE_ERRORS: OperationDoc['errors'] = { 409: { ref: 'IdempotencyInProgress' }, 422: { ref: 'ValidationFailedOrKeyReused' } };

export const OPERATIONS: Readonly<Record<RouteFn, OperationDoc>> = {
  'health': {
    operationId: 'getHealth',
    tags: ['health'],
    summary: 'Liveness check',
    responses: { 200: 'The service answers.' },
  },
  'dev-login': {
    operationId: 'devLogin',
    tags: ['dev'],
    summary: 'Mint a token for a seeded dev user (LOCAL STACK ONLY)',
    description: `**Local only.** This route exists only in the local stack (\`localOnly: true\` in the route
table); it never exists in the AWS deployment — CDK does not deploy it, and the handler
also answers 404 unless \`DEV_LOGIN=true\`. Returns a JWT signed by the local identity
provider, valid 8 hours.

Chỉ dùng trên máy phát triển; không bao giờ có trên AWS.`,
    responses: { 200: 'A bearer token for the user.' },
    errors: { 404: { description: '`DEV_LOGIN` is not `true` (the route behaves as absent).' } },
  },
  'dev-ltv-renew': {
    operationId: 'devLtvRenew',
    tags: ['dev'],
    summary: 'Run the B-LTA renewal now (LOCAL STACK ONLY)',
    description: `**Local only** (\`localOnly: true\`): in AWS the worker \`ltv-renew\` runs daily on an EventBridge
schedule. Adds fresh validation data and a new document time-stamp to every copy whose newest
time-stamp certificate expires within \`windowDays\` (default \`LTV_RENEW_WINDOW_DAYS\`, 90), stored as a new
version (docs/long-term-validation.md).

Chỉ dùng trên máy phát triển; không bao giờ có trên AWS.`,
    responses: { 200: 'The copies renewed and those that failed (they stay due).' },
  },
  'dev-revoke-certificate': {
    operationId: 'devRevokeCertificate',
    tags: ['dev'],
    summary: 'Revoke a signer certificate in the dev CA (LOCAL STACK ONLY)',
    description: `**Local only** (\`localOnly: true\`; 404 unless \`DEV_LOGIN=true\`). An admin has the dev CA put
the current certificate of an official of their agency (\`official/{sub}\`) or of their agency's
seal (\`agency/{agencyId}\`) on its CRL, which the local gateway serves at once under \`/pki/\`.
Certify, register copies and book closing with that certificate are then refused with 409. The
identity gets a new certificate at the next start of the local stack, not before.

Chỉ dùng trên máy phát triển; không bao giờ có trên AWS.`,
    responses: { 200: 'The revoked certificate, as the CRL lists it.' },
    errors: { 404: { description: '`DEV_LOGIN` is not `true`, or no such official / agency in the dev CA.' } },
  },
  'trust-list': {
    operationId: 'getTrustList',
    tags: ['verification'],
    summary: 'Trust anchors as a PEM bundle',
    description: `The root certificates the verifier trusts, to configure offline validators (pdfsig, Acrobat).
Locally this is the DEV ONLY root of the generated dev PKI. Cached 5 minutes.`,
    responses: { 200: 'One or more PEM certificates.' },
    headers: { 'Cache-Control': '`public, max-age=300`' },
    media: { 'application/x-pem-file': 'Concatenated `-----BEGIN CERTIFICATE-----` blocks.' },
  },
  'requests-list': {
    operationId: 'listRequests',
    tags: ['requests'],
    summary: "List requests (own, or the agency's queue)",
    description: `A citizen sees the requests filed for their CCCD number, newest first (optionally one
\`status\`). An official sees their agency's requests in one \`status\` (default \`submitted\`),
\`submitted\` ones oldest due first — the order in which work must be done.

Công dân xem hồ sơ của mình; cán bộ xem hàng đợi của cơ quan.`,
    responses: { 200: 'One page. A filtered page may hold fewer than `limit` items while `nextCursor` is present.' },
  },
  'requests-create': {
    operationId: 'createRequest',
    tags: ['requests'],
    summary: 'Open a request (draft)',
    description: `A citizen files online for themself; an official files at the counter for the citizen
named by \`citizenId\`, in their own agency (\`channel\` is \`online\` or \`counter\`
accordingly). \`certify-copy\` goes to a commune-level agency and takes no
\`registerId\`/\`entryNo\`; \`register-copy\` must name an existing entry of a register the
agency holds (else 422). The request starts as \`draft\`; \`dueAt\` is set at submit.

One request, one original, one copy: a \`certify-copy\` request is about ONE paper original
(its \`title\`); all the files uploaded to it are scans of that one document (the two sides of an
ID card, the pages of a diploma) and yield ONE certified copy with one number (Decree 23
Art. 20(3)). Several documents are several requests — there is no way to put two in one.
\`copies\` is always 1 (422 otherwise): an electronic copy is one file, and the fee is the
per-page fee of that original (Circular 226/2016 Art. 4), counted on all its files' pages.

Tạo hồ sơ (trạng thái nháp).`,
    responses: { 201: 'The new request (`status` `draft`).' },
    errors: CREATE_ERRORS,
  },
  'requests-get': {
    operationId: 'getRequest',
    tags: ['requests'],
    summary: 'One request with its originals and history',
    description: 'For its owner or an official of its agency. Chi tiết hồ sơ kèm lịch sử xử lý.',
    responses: { 200: 'The request.' },
  },
  'originals-create': {
    operationId: 'addOriginal',
    tags: ['requests'],
    summary: 'Declare an original and get a presigned PUT for it',
    description: `Only for a \`certify-copy\` request still in \`draft\` (else 409), at most 50 files per
request (409). A declared \`size\` over \`MAX_ORIGINAL_BYTES\` (50 MB) is a 413, and no URL is
made. Upload the bytes with \`PUT uploadUrl\` and exactly the \`uploadHeaders\`
(\`content-type\`, \`content-length\` = the declared size): both are signed into the URL, so S3
answers 403 \`SignatureDoesNotMatch\` to any other length or type. The bytes are inspected at
submit. Every file is part of the request's one original (e.g. front and back of an ID card):
together they become one certified copy, one number, one fee on their pages.

Khai báo bản gốc và nhận đường dẫn tải lên.`,
    responses: { 201: 'Where to upload the file.' },
    errors: { 422: { ref: 'ValidationFailedOrKeyReused' } },
  },
  'requests-submit': {
    operationId: 'submitRequest',
    tags: ['requests'],
    summary: 'Submit a draft (inspects originals, sets pages, fee, due time)',
    description: `Every uploaded original is inspected (type by magic number, PDF parses and is not
encrypted, page count, image sanity, declared size) from a copy taken at submit under a key
no upload URL can write: later PUTs to the upload URL change nothing the official views or
certifies. An unacceptable original is a 422
problem with code \`original-unacceptable\` naming the file (\`fileName\` member); the request
then stays a draft. No originals, or a wrong state, is a 409. The body is ignored.

Nộp hồ sơ: kiểm tra bản gốc, tính lệ phí và thời hạn trả kết quả.`,
    responses: { 200: 'The request, now `submitted`, with `pages`, `fee`, `submittedAt`, `dueAt`.' },
    errors: { 422: { ref: 'ValidationFailedOrKeyReused' } },
  },
  'requests-cancel': {
    operationId: 'cancelRequest',
    tags: ['requests'],
    summary: 'The owner withdraws a draft or submitted request',
    description: 'Only the citizen who owns it (403 otherwise); 409 once issued, rejected or cancelled. The body is ignored. Hủy hồ sơ.',
    responses: { 200: 'The request, now `cancelled`.' },
    errors: { 422: { ref: 'IdempotencyKeyReused' } },
  },
  'requests-original-check': {
    operationId: 'recordOriginalCheck',
    tags: ['requests'],
    summary: 'Record the check of the paper original (who, when, how)',
    description: `Decree 45/2020 Art. 10(3): the official checks the paper original and captures it
electronically before attesting and signing. An official of the request's agency records that
here, once, on a \`submitted\` \`certify-copy\` request: \`method\` is \`presented-at-counter\`
(the requester showed the paper original and the official compared it with the scan) or
\`captured-by-official\` (the official scanned it), with an optional note; who and when come from
the token and the clock. Certify answers 409 until it exists. A counter request filed and
submitted by an official of the agency (with their own scan) records \`captured-by-official\` at
submit. 409 when already recorded, not \`submitted\` or a \`register-copy\`.

Ghi nhận việc kiểm tra, đối chiếu bản chính giấy.`,
    responses: { 200: 'The request with `originalCheck`.' },
    errors: { 422: { ref: 'ValidationFailedOrKeyReused' } },
  },
  'requests-certify': {
    operationId: 'certifyRequest',
    tags: ['requests'],
    summary: 'Certify a submitted certify-copy request (compose, number, sign twice, store)',
    description: `An official of the request's agency. The copy gets the next number of the agency's
electronic book (its own book code, e.g. \`SCT/BS-ĐT\`): \`number\` and \`book\` are answered
apart, as the form prints them — "Số chứng thực 17, quyển số 01/2026-SCT/BS-ĐT" (Decree 23/2015
Art. 13(2)); then the official's personal signature and the agency's seal. 403 when the official
is not a competent signer of the agency at this moment (no signer record valid now — Decree 23
Art. 5 as amended; see \`GET /api/agencies/{id}/signers\`); the title printed under the signature
is the one of that record. 409 when the check of the paper original has not been recorded
(\`POST /api/requests/{id}/original-check\`, Decree 45/2020 Art. 10(3)), the request is not
\`submitted\`, is a \`register-copy\`, was certified concurrently, the agency has no electronic
book code, or the official has no signing certificate. The body is ignored.

Chứng thực bản sao điện tử từ bản chính.`,
    responses: { 201: 'The issued copy.' },
    errors: { 422: { ref: 'IdempotencyKeyReused' } },
  },
  'requests-reject': {
    operationId: 'rejectRequest',
    tags: ['requests'],
    summary: 'Refuse a submitted request with a legal ground',
    description: `An official of the request's agency. \`reasonCode\` is a ground of Decree 23/2015 Art. 22
or \`other\`, which requires \`detail\` (422 otherwise). A refusal is a written document: the
written refusal stating the ground in the decree's words is signed with the agency's seal and
stored before the refusal is recorded (\`rejection.documentId\`, \`rejection.sha256\`). The
citizen is notified.

Từ chối hồ sơ, nêu rõ lý do; văn bản từ chối được ký số bằng con dấu của cơ quan.`,
    responses: { 200: 'The request, now `rejected`, with `rejection` (and its signed document).' },
    errors: { 422: { ref: 'ValidationFailedOrKeyReused' } },
  },
  'documents-get': {
    operationId: 'getDocument',
    tags: ['documents'],
    summary: 'Metadata of an issued copy',
    description: 'For its owner or an official of the issuing agency (share holders use `/api/shares/{token}`).',
    responses: { 200: 'The document.' },
  },
  'documents-download': {
    operationId: 'downloadDocument',
    tags: ['documents'],
    summary: 'Presigned GET of the signed PDF',
    description: 'For its owner or an official of the issuing agency. Tải bản sao đã ký.',
    responses: { 200: 'A short-lived link.' },
  },
  'documents-share': {
    operationId: 'shareDocument',
    tags: ['documents', 'shares'],
    summary: 'Create an expiring share link',
    description: 'Only the owner (403 otherwise). Anyone holding the link may view and download the copy until it expires. Chia sẻ bản sao.',
    responses: { 201: 'The link.' },
    errors: { 409: { description: 'The copy was revoked (`conflict`, with `revocation` as `/api/revocations` shows it; no link is made) — or the first call with this Idempotency-Key is still running (`idempotency-in-progress`).' }, 422: { ref: 'ValidationFailedOrKeyReused' } },
  },
  'documents-shares-list': {
    operationId: 'listDocumentShares',
    tags: ['documents', 'shares'],
    summary: "The owner's share links of a copy",
    description: `Only the owner (403 otherwise). Each link with its \`id\`, dates and state (\`active\`,
\`expired\`, \`revoked\`); the token and URL only on links the caller made. The newest 100,
not paginated; read from an index, so a link made a moment ago may be missing for a moment.
Links made before this list existed are not shown. Các liên kết chia sẻ của bản sao.`,
    responses: { 200: 'Newest first.' },
  },
  'documents-shares-revoke': {
    operationId: 'revokeDocumentShare',
    tags: ['documents', 'shares'],
    summary: 'Withdraw a share link',
    description: `Only the owner (403 otherwise); an unknown \`shareId\` is a 404. From then on the link answers
404, as an expired one does: the holder learns nothing more. Withdrawing a withdrawn link
changes nothing (200). The link stays in the list as \`revoked\`. The body is ignored.

Thu hồi liên kết chia sẻ.`,
    responses: { 200: 'The link, now `revoked`.' },
    errors: { 409: { description: 'Withdrawn by a concurrent call, or gone after expiry, meanwhile — or the first call with this Idempotency-Key is still running.' }, 422: { ref: 'IdempotencyKeyReused' } },
  },
  'registers-list': {
    operationId: 'listRegisters',
    tags: ['registers'],
    summary: "The master registers of the official's agency",
    description: 'Not paginated; an empty list when the token carries no agency. Danh sách sổ gốc của cơ quan.',
    responses: { 200: 'The registers with their field declarations.' },
  },
  'register-entries-create': {
    operationId: 'addRegisterEntry',
    tags: ['registers'],
    summary: 'Add one entry to a register',
    description: `\`data\` is checked against the register's declared fields: required ones present, no
undeclared ones, dates \`YYYY-MM-DD\`, enums among their options, numbers numeric, values
at most 500 characters — a 422 whose \`errors\` name each bad field. 409 when the number is
taken; 404 for another agency's register. Thêm mục vào sổ gốc.`,
    responses: { 201: 'The entry as stored (values trimmed, NFC).' },
    errors: { 422: { ref: 'ValidationFailedOrKeyReused' } },
  },
  'register-entries-search': {
    operationId: 'searchRegisterEntries',
    tags: ['registers'],
    summary: "Search a register's entries by name or number",
    description: `Case- and diacritics-insensitive substring match over the entry number and all values
("nguyen" finds "Nguyễn"); an empty \`q\` lists entries. Not paginated: at most \`limit\`.
Another agency's register is a 404. Tra cứu sổ gốc.`,
    responses: { 200: 'Matching entries.' },
  },
  'register-entries-get': {
    operationId: 'getRegisterEntry',
    tags: ['registers'],
    summary: 'One register entry by number',
    responses: { 200: 'The entry.' },
  },
  'register-entries-import': {
    operationId: 'importRegisterEntries',
    tags: ['registers'],
    summary: 'Import entries from CSV',
    description: `UTF-8 CSV (a BOM is fine; CRLF or LF; RFC 4180 quoting). The header row names the columns:
\`entryNo\` and the register's field names. At most 20,000 data lines. Every valid line is
kept; every bad one (invalid field, duplicate in the file, number already in the register,
wrong column count) is reported with its line number. A broken header or syntax yields
\`imported: 0\` and one rejection — still a 200. Nhập sổ gốc từ tệp CSV.`,
    responses: { 200: 'What was imported and what was not.' },
    errors: { 409: { ref: 'IdempotencyInProgress' }, 415: { description: '`Content-Type` is not `text/csv`.' }, 422: { ref: 'IdempotencyKeyReused' } },
    bodyExample: "entryNo,hoTen,ngaySinh\r\n125,Nguyễn Văn An,1990-03-15\r\n",
  },
  'requests-issue': {
    operationId: 'issueRegisterCopy',
    tags: ['requests'],
    summary: 'Issue a copy from a master register for a submitted register-copy request',
    description: `An official of the request's agency. Rendered from the register entry, numbered in the
register's book, sealed with the agency's signature. 409 when the request is not
\`submitted\`, is a \`certify-copy\`, the entry is gone, or the requester's right is not established
(neither the entry's subject by their verified ID number nor accepted by an official —
Decree 23/2015 Art. 16(2)). 403 when the official is not a competent signer of the agency now
(Decree 23 Art. 5 as amended); the signer's name and the title of their record are printed. The
body is ignored.

Cấp bản sao điện tử từ sổ gốc.`,
    responses: { 201: 'The issued copy.' },
    errors: { 422: { ref: 'IdempotencyKeyReused' } },
  },
  'requests-extend': {
    operationId: 'extendRequest',
    tags: ['requests'],
    summary: "Extend a submitted request's due time by working days",
    description: `An official of the request's agency (Decree 23/2015 Art. 21(4)): at most 2 working days in
total with a reason, or longer only with \`agreement\` — the written agreement with the requester
(its date and what it says or where it is filed). More than 2 days in one call without it is a
422; a total beyond 2 days without one recorded is a 409. The citizen is notified and gets an
appointment slip.

Gia hạn thời hạn trả kết quả; quá 02 ngày làm việc cần thỏa thuận bằng văn bản; công dân nhận phiếu hẹn.`,
    responses: { 200: "The request with its new `dueAt` and `extension`, plus the slip's path." },
    errors: { 422: { ref: 'ValidationFailedOrKeyReused' } },
  },
  'requests-entitlement': {
    operationId: 'decideEntitlement',
    tags: ['requests'],
    summary: "Record an official's decision on a register-copy requester's right",
    description: `An official of the request's agency, on a request in \`awaiting-entitlement\` (a requester
who is not shown to be the entry's subject, with their declared ground and evidence; Decree 23/2015
Art. 16(2), Art. 17(1) as amended by Decree 07/2025). \`accepted\` moves it to \`submitted\`;
\`refused\` to \`rejected\`, with a written reply sealed by the agency (Art. 17(2)) served by
\`GET /api/requests/{id}/refusal\`. The decision, who took it and the note are in the audit trail.

Xác minh quyền yêu cầu cấp bản sao từ sổ gốc.`,
    responses: { 200: 'The request after the decision.' },
    errors: { 422: { ref: 'IdempotencyKeyReused' } },
  },
  'requests-appointment-slip': {
    operationId: 'getAppointmentSlip',
    tags: ['requests'],
    summary: 'The appointment slip (phiếu hẹn) of a request not returned the day it was received, as PDF',
    description: `For the owner or an official of the agency (Circular 01/2020/TT-BTP Art. 2): whenever the
due day is not the day of receipt — received after 15:00 or on a day off, or extended. 409 when
the result is due the same day or the request is not submitted. The first download numbers the
slip (the agency's yearly sequence, e.g. \`12/2026/PH\`) and keeps the number and the receiving
official on the request (\`appointmentSlip\`); later downloads print the same.`,
    responses: { 200: "The slip, `Content-Disposition: inline; filename=\"phieu-hen.pdf\"`." },
  },
  'books-get': {
    operationId: 'getBooks',
    tags: ['books'],
    summary: "An agency's books of a year with their lines (JSON, or CSV with `format=csv` / `Accept: text/csv`)",
    description: `The electronic sổ chứng thực (Decree 23/2015 Art. 13(1)): every book of the year, the open one
last, each line with the columns of the book form — number, date, requester's name and ID number,
document name, pages, copies, signer's name and title, fee, note. Officials of the agency and
administrators; another agency's official gets a 403. Books are never deleted.

Sổ chứng thực điện tử của cơ quan theo năm.`,
    responses: { 200: 'The books of the year.' },
    media: { 'text/csv': 'One row per line with the book it is in (UTF-8 with BOM); `Content-Disposition: attachment`.' },
  },
  'books-close': {
    operationId: 'closeBook',
    tags: ['books'],
    summary: 'Close a book: write its total and issue its signed PDF',
    description: `Decree 23/2015 Art. 14(1): the book is closed with the total and the signer's signature. The
PDF of the book (every line, the total) is signed by the person closing it and sealed by the
agency, stored under Object Lock and verifiable by its verify code like any copy; it is not a
line of any book. Lines written afterwards go into the next book of the same year, the sequence
continuing (Art. 13(2)). 403 when the official is not a competent signer of the agency at this
moment (Decree 23 Art. 5 as amended; the title printed is the one of that signer record). 409
when the book is already closed or got a line meanwhile; 404 for a book not yet open.

Khóa sổ chứng thực.`,
    responses: { 201: 'The closed book and its signed PDF.' },
    errors: { 422: { ref: 'IdempotencyKeyReused' } },
  },
  'requests-quote': {
    operationId: 'quoteRequest',
    tags: ['requests'],
    summary: 'What a draft will cost and when it will be due if submitted now',
    description: `For the owner or an official of the agency, to review before submitting: the pages counted on the
uploaded originals as submit counts them, the fee (Circular 226/2016/TT-BTC Art. 4; a register copy: the
register's fee per copy) and the due time if submitted now (Decree 23/2015 Art. 7(1)). Reads only; submit
inspects and records them again. 409 when the request is not a draft or has no original; 422 names an
unacceptable file.`,
    responses: { 200: 'The quote.' },
  },
  'requests-preview': {
    operationId: 'previewAttestation',
    tags: ['requests'],
    summary: 'The lời chứng before signing, watermarked and unsigned, as PDF',
    description: `For an official of the request's agency, on a submitted certify-copy request: one page with the
lời chứng as certify will print it, WITHOUT number, signature or seal, marked "BẢN XEM TRƯỚC — CHƯA CÓ GIÁ
TRỊ PHÁP LÝ" (only the signed, numbered copy has value: Decree 45/2020 Art. 10(3), Decree 23/2015 Art. 13).
409 for another kind or status.`,
    responses: { 200: "The preview, `Content-Disposition: inline; filename=\"xem-truoc-loi-chung.pdf\"`." },
  },
  'requests-refusal': {
    operationId: 'getRefusal',
    tags: ['requests'],
    summary: 'The written refusal (văn bản từ chối) of a refused request, signed with the agency seal, as PDF',
    description: `For the owner or an official of the agency: the PDF stored when the refusal was recorded
(Decree 23/2015 Art. 22; for a copy from a master register, the written reply of Art. 17(2)),
the same bytes at every download; its digest is \`rejection.sha256\`.
409 when the request is not refused, or was refused before written refusals were issued.`,
    responses: { 200: "The refusal, `Content-Disposition: attachment; filename=\"van-ban-tu-choi.pdf\"`." },
  },
  'reports-summary': {
    operationId: 'getReportSummary',
    tags: ['reports'],
    summary: 'Operating figures for a period (JSON, or CSV with `Accept: text/csv`)',
    description: `Vietnam days, inclusive; default the 30 days up to today; at most 400 days (422), \`from\`
after \`to\` is a 422. An admin sees all agencies (or one, with \`agencyId\`); an official
only their own agency (403 for another \`agencyId\`). Send \`Accept: text/csv\` for a CSV
(UTF-8 with BOM) download.

Báo cáo số liệu: tiếp nhận, trực tuyến, đúng hạn, quá hạn.`,
    responses: { 200: 'The report.' },
    media: { 'text/csv': 'Per-agency rows, a total row, then per-day rows; `Content-Disposition: attachment`.' },
  },
  'notifications-list': {
    operationId: 'listNotifications',
    tags: ['notifications'],
    summary: "The citizen's mailbox",
    description: 'Issued, rejected and extended requests; the newest 50, not paginated. Hộp thư thông báo của công dân.',
    responses: { 200: 'Newest first (empty when the token carries no CCCD number).' },
  },
  'agencies-list': {
    operationId: 'listAgencies',
    tags: ['agencies'],
    summary: 'Agencies and the master registers each holds (public)',
    description: 'Where one can file. Cached 5 minutes. Danh sách cơ quan và sổ gốc.',
    responses: { 200: 'All agencies (receivers such as banks hold no registers).' },
    headers: { 'Cache-Control': '`public, max-age=300`' },
  },
  'agency-signers-list': {
    operationId: 'listAgencySigners',
    tags: ['agencies'],
    summary: "The agency's competent signers, current and past",
    description: `Decree 23 Art. 5 as amended by Decree 280/2025: the commune chairman or a vice-chairman,
or an official assigned or authorised in writing, signs. Each record: the user, the title
exactly as printed, the basis (decision number and date), valid from/to. For the admins and
officials of that agency only (403 for another agency's). Newest first.

Danh sách người có thẩm quyền ký của cơ quan.`,
    responses: { 200: 'Every record, ended ones included.' },
  },
  'agency-signers-add': {
    operationId: 'addAgencySigner',
    tags: ['agencies'],
    summary: 'Record a signer (an admin of the agency)',
    description: `The user must be an official of the agency (422). An open record of the same user that
began earlier is ended at the new \`validFrom\` in the same transaction (a new title or a new
decision replaces it); nothing is ever deleted, since issued copies name their signer.

Thêm người có thẩm quyền ký.`,
    responses: { 201: 'The new record.' },
    errors: CREATE_ERRORS,
  },
  'agency-signers-end': {
    operationId: 'endAgencySigner',
    tags: ['agencies'],
    summary: 'End a signer record (an admin of the agency)',
    description: `Sets \`validTo\` (default now); the record is kept. 409 when it has already ended.

Chấm dứt thẩm quyền ký (giữ lại lịch sử).`,
    responses: { 200: 'The ended record.' },
    errors: { 422: { ref: 'ValidationFailedOrKeyReused' } },
  },
  'originals-get': {
    operationId: 'viewOriginal',
    tags: ['requests'],
    summary: 'Presigned GET to view one original scan',
    description:
      "For the owner or an official of the request's agency. Once submitted, the copy taken at submit: the bytes that were inspected, hashed and will be certified. Xem bản gốc đã tải lên.",
    responses: { 200: 'A short-lived link (`DOWNLOAD_URL_TTL_SECONDS`, default 600 s), inline disposition.' },
  },
  'documents-revoke': {
    operationId: 'revokeDocument',
    tags: ['documents'],
    summary: 'Revoke (cancel) an issued copy',
    description: `An official of the issuing agency (Circular 01/2020 Art. 7), with a reason. Published at
once: both verify routes say \`revoked\` and the copy joins \`/api/revocations\`. 409 when
already revoked.

Hủy bỏ (thu hồi) bản sao.`,
    responses: { 200: 'The document, now `revoked`, with `revocation`.' },
    errors: { 422: { ref: 'ValidationFailedOrKeyReused' } },
  },
  'documents-verifications': {
    operationId: 'listDocumentVerifications',
    tags: ['documents'],
    summary: 'Who verified this copy, when, with what verdict',
    description: `For the owner or an official of the issuing agency. Signed-in verifiers and officials one
by one, newest first, page by page (\`limit\`, \`cursor\`); checks by anyone else are counted per
day (\`anonymousByDay\`), so that anonymous traffic cannot push a named verifier out of the log.
Lịch sử kiểm tra bản sao.`,
    responses: { 200: 'One page of signed-in checks, with the daily anonymous counts.' },
  },
  'revocations-list': {
    operationId: 'listRevocations',
    tags: ['verification'],
    summary: 'Public list of revoked copies',
    description: 'Newest first; code, agency, dates, reason — no personal data. Danh sách bản sao đã bị hủy.',
    responses: { 200: 'One page.' },
  },
  'verify-file': {
    operationId: 'verifyFile',
    tags: ['verification'],
    summary: 'Verify a PDF (the file itself, or an earlier upload)',
    description: `Either the PDF bytes as the body (\`Content-Type: application/pdf\`; any type other than
\`application/json\` is read as the file, and bytes that are not a PDF are a 415), up to
the 10 MB body limit — or \`application/json\` \`{uploadId}\` naming a file uploaded through
\`POST /api/verify/uploads\` (404 when absent or older than a day). A PDF never makes it
fail: a broken or forged one gets a report with failed checks. Every verification of a
known document is logged for its owner to see.

Public: no token needed. Locally a valid bearer token of a verifier or official is
recorded in the log; in AWS the route has no authorizer and the token is not read.

Kiểm tra tệp PDF: chữ ký số, chuỗi chứng thư, mã băm và trạng thái trong sổ.`,
    responses: { 200: 'The verification report.' },
    errors: { 415: { description: 'The bytes are not a PDF.' } },
  },
  'verify-uploads': {
    operationId: 'createVerifyUpload',
    tags: ['verification'],
    summary: 'Presigned PUT for a file too large for the request body',
    description: `Declare the file's \`size\` (\`{size}\`, at most \`maxBytes\` = \`MAX_VERIFY_UPLOAD_BYTES\`, 50 MB;
above is a 413 and no URL is made), upload the PDF with \`PUT uploadUrl\` and exactly the
\`uploadHeaders\` (\`content-type\`, \`content-length\` = the declared size, both signed: S3
answers 403 \`SignatureDoesNotMatch\` to any other length), then \`POST /api/verify\`
\`{uploadId}\`. The upload is kept one day.
Not idempotent on purpose: anonymous callers would share one key space; a repeated call
just yields another fresh upload URL.

Tải tệp lớn lên để kiểm tra.`,
    responses: { 201: 'Where to upload.' },
  },
  'verify-code': {
    operationId: 'verifyByCode',
    tags: ['verification'],
    summary: 'Verification by code (where the QR code lands)',
    description: `The record's status and minimal metadata, by exact code (dashes, spaces and case are
ignored; O/I/L read as 0/1/1). This checks the registry only, not a file: the answer says
how to check the file itself (\`howToCheck\`). Unknown or malformed code: 404. Logged for
the document's owner. \`Cache-Control: no-store\`.

Tra cứu bằng mã kiểm tra (mã QR).`,
    responses: { 200: "The registry's answer." },
  },
  'shares-get': {
    operationId: 'getSharedDocument',
    tags: ['shares'],
    summary: "The shared document's metadata (no account needed)",
    description: `While the link is valid; an unknown, malformed, expired or withdrawn token is a 404. Once
the issuing agency revoked the copy, a 410 with the revocation notice. Xem bản sao được chia sẻ.`,
    responses: { 200: 'The document.' },
  },
  'shares-download': {
    operationId: 'downloadSharedDocument',
    tags: ['shares'],
    summary: 'Presigned GET of the shared PDF (no account needed)',
    description: 'While the link is valid; otherwise 404. A revoked copy: 410 with the revocation notice, never a link to the file.',
    responses: { 200: 'A short-lived link.' },
  },
  'verify-code-document': {
    operationId: 'getDocumentByCode',
    tags: ['verification'],
    summary: 'The issued PDF itself, through its verify code (page-by-page preview)',
    description: `The signed PDF exactly as issued, so a clerk can render every page and compare it with the
printout in hand. The code is the capability (120 bits, printed on the copy). 403 when the
owner turned the content off (\`PUT /api/documents/{id}/disclosure\`); 413 when the file is too
large to pass through the function (the preview is then unavailable). Counted as a verification
for the owner, rate-limited like the lookup. \`Cache-Control: no-store\`.`,
    responses: { 200: 'The issued PDF.' },
  },
  'verify-code-receipt': {
    operationId: 'getCodeVerificationReceipt',
    tags: ['verification'],
    summary: 'Verification receipt (phiếu kết quả kiểm tra) of a code lookup, signed by the service',
    description: `A PDF sealed with the service's own identity: what was checked (the code), the verdict and its
reasons, when (Vietnam time), the document's identifiers and SHA-256, and who asked (the
verifier's agency when signed in). It is registered as a document of kind \`receipt\` with its
own verify code, so \`POST /api/verify\` calls it authentic.`,
    responses: { 200: 'The receipt, `Content-Disposition: attachment; filename="phieu-kiem-tra.pdf"`.' },
  },
  'verify-file-receipt': {
    operationId: 'getFileVerificationReceipt',
    tags: ['verification'],
    summary: 'Verification receipt of a file: the file is verified and the receipt signed by the service',
    description: `Body: the PDF (application/pdf), or \`{uploadId}\` of a large file uploaded through
\`POST /api/verify/uploads\`. The file is verified again (as \`POST /api/verify\`) and the receipt
states the file's SHA-256, the verdict with its reasons and the registry's record when found.`,
    responses: { 200: 'The receipt PDF.' },
  },
  'documents-disclosure': {
    operationId: 'setDocumentDisclosure',
    tags: ['documents'],
    summary: "The owner shows or hides the document's content in lookups by verify code",
    description: `\`{showContent: false}\`: \`GET /api/verify/{code}\` answers the status only (no title, holder
or pages) and \`GET /api/verify/{code}/document\` answers 403. Citizen owner only; audited.`,
    responses: { 200: 'The setting now in force.' },
  },
  'shares-verify': {
    operationId: 'verifySharedDocument',
    tags: ['shares'],
    summary: 'Verify the file a share link holds, on the server (no upload)',
    description: 'The same report as `POST /api/verify`, on the stored object of a valid link. 404 for an unknown, expired or withdrawn link; 410 with the notice for a revoked copy.',
    responses: { 200: 'The verification report.' },
  },
  'procedures-list': {
    operationId: 'listProcedures',
    tags: ['agencies'],
    summary: 'The procedures offered: who, what to bring, fee, time limit, legal basis (public)',
    description: `Built from the constants that enforce the rules (fees, due times, register types), each rule with its
article; a rule not yet confirmed against the official text carries \`uncertain\`. Cached 5 minutes. Thủ tục hành chính.`,
    responses: { 200: 'Certification, then a copy from each type of master register.' },
    headers: { 'Cache-Control': '`public, max-age=300`' },
  },
  'clients-create': {
    operationId: 'createClient',
    tags: ['agencies'],
    summary: "Register a receiving agency's system (machine client)",
    description: `An administrator registers a bank's or a school's system for the client-credentials grant
with the scopes it may ask for (\`verify\`, \`subscribe\`). The answer carries the client secret:
it is shown once and kept by no one but the identity provider (Cognito in AWS, a scrypt hash
in the local identity provider). Checks the client makes are logged under the agency's name.

Đăng ký hệ thống kết nối của cơ quan tiếp nhận.`,
    responses: { 201: 'The credentials, the token URL and the scope names to ask for.' },
  },
  'clients-list': {
    operationId: 'listClients',
    tags: ['agencies'],
    summary: "An agency's registered systems (no secrets)",
    responses: { 200: 'The clients, active and disabled.' },
  },
  'clients-disable': {
    operationId: 'disableClient',
    tags: ['agencies'],
    summary: 'Disable a machine client',
    description: 'Its tokens, even unexpired ones, are refused (401) from now on: the handler looks the client up on every call.',
    responses: { 200: 'The client, now disabled.' },
  },
  'verify-batch': {
    operationId: 'verifyBatch',
    tags: ['verification'],
    summary: 'Verify copies in bulk: up to 100 at once, up to 1,000 as an asynchronous job',
    description: `Each item is a verify code (answered as \`GET /api/verify/{code}\` does) or the \`uploadId\` of
a file uploaded through \`POST /api/verify/uploads\` (answered as \`POST /api/verify\` does). The
results come in the order of the items; an item that cannot be checked (unknown code, upload
missing or older than a day, not a PDF) is its own \`{error: {status, title, detail}}\` and the
rest is still answered. Every item is logged like a single verification, under the caller's agency.

**101 to 1,000 items** are not answered at once: the answer is \`202\` with \`{jobId, status: 'queued',
total, resultUrl, expiresAt}\` and a \`Location\` header naming \`resultUrl\`; a worker checks the items
(fed by the table's stream in AWS, by the local stack's stream poller locally) and
\`GET /api/verify/batch/{jobId}\` answers the status, the counts and, once done, the results in pages of
100 (same per-item shape as here). Jobs and results are kept 7 days (\`expiresAt\`). More than
1,000 items: 422 (split the batch).

**Item quota**: besides the request rate limit, every item counts against the caller's quota —
1,000 items a minute and 20,000 a Vietnam day per client (or person), configurable
(\`ITEM_QUOTA_PER_MINUTE\`, \`ITEM_QUOTA_PER_DAY\`). Over quota: 429 problem+json with
\`Retry-After\` (seconds until the window that ran out resets); nothing is checked, logged or queued.

Callers: a machine client with scope \`bansao/verify\` (client-credentials token), or a signed-in
verifier or official. The route has no API Gateway authorizer (client tokens carry no audience);
the handler verifies the token itself. \`x-rate-limit-per-minute\` counts requests (up to 100
items each), as the WAF rule does.

Kiểm tra nhiều bản sao một lần.`,
    responses: { 200: 'Up to 100 items: one report or problem per item, in order.', 202: '101 to 1,000 items: the job is queued; read it at `resultUrl`.' },
    headers: { Location: 'On 202 only: the `resultUrl` of the job.' },
  },
  'verify-batch-job': {
    operationId: 'getVerifyBatchJob',
    tags: ['verification'],
    summary: 'An asynchronous verification batch: status, counts, results',
    description: `The job created by a \`POST /api/verify/batch\` of more than 100 items. Readable by any client
or verifier of the agency that submitted it; to anyone else (and after \`expiresAt\`) it is a 404.
\`status\` goes \`queued\` → \`running\` → \`done\`, or \`failed\` when the worker could not finish
(its client disabled, or three runs died); a run that dies is resumed from the first item without
a result. Once \`done\` (or \`failed\`) the answer carries \`results\`: at most 100, in the order of the
items, from \`offset\`; \`nextOffset\` names the next page. Poll every few seconds; reading costs no
quota.

Kết quả của một lô kiểm tra lớn.`,
    responses: { 200: 'The job, and a page of results once it has ended.' },
  },
  'subscriptions-create': {
    operationId: 'createSubscription',
    tags: ['webhooks'],
    summary: 'Subscribe a URL to revocation events (webhook)',
    description: `A receiving agency's system (client-credentials token with scope \`bansao/subscribe\`) names a URL;
when a copy that the agency verified is revoked, the service POSTs a \`RevocationEvent\` there, signed
with the Standard Webhooks scheme (headers \`webhook-id\`, \`webhook-timestamp\`, \`webhook-signature\`;
docs/webhooks.md has the receiver's recipe). The answer carries the signing \`secret\` once.

The URL must be \`https://\` on port 443 or 1024–65535, without user name or password, and its host
must resolve only to public addresses (no private, loopback, link-local, metadata, CGNAT, ULA,
multicast or reserved address): 422 otherwise, here and again at every delivery. At most 5
subscriptions per agency: 409 beyond.

Đăng ký địa chỉ nhận sự kiện hủy bản sao.`,
    responses: { 201: 'The subscription and its signing secret (shown once).' },
    errors: { 409: { description: 'The agency already holds 5 subscriptions (delete one first).' }, 422: { description: 'The URL is refused by the SSRF rule, or the body is invalid.' } },
  },
  'subscriptions-list': {
    operationId: 'listSubscriptions',
    tags: ['webhooks'],
    summary: "The caller's agency's subscriptions (no secrets)",
    responses: { 200: 'The subscriptions of the agency of the calling client.' },
  },
  'subscriptions-delete': {
    operationId: 'deleteSubscription',
    tags: ['webhooks'],
    summary: 'Delete a subscription',
    description: 'Only a client of the same agency; another agency\'s subscription is a 404. Deliveries still pending stop at their next attempt (parked as dead).',
    responses: { 200: 'The subscription that was deleted.' },
  },
  'subscriptions-deliveries': {
    operationId: 'listSubscriptionDeliveries',
    tags: ['webhooks'],
    summary: "A subscription's deliveries, the dead letters among them",
    description: `Every event sent (or being retried) to the subscription: \`pending\` (retried on the backoff
30 s, 1 min, 2 min, 5 min, 15 min, 30 min, 1 h, 2 h, 4 h, 8 h… up to 24 h after the event),
\`delivered\` (a 2xx was received; never sent again) or \`dead\` (no 2xx within 24 h: the dead letter,
with the last error). \`?status=dead\` lists the dead letters only.`,
    responses: { 200: 'The deliveries, newest event first, each with its event.' },
  },
};
