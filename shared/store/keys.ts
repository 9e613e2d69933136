/** Key builders for the single table; the layout is documented in table.ts. */
export const keys = {
  agency: (agencyId: string) => ({ PK: `AGY#${agencyId}`, SK: 'META' }),
  agencyIndex: (agencyId: string) => ({ GSI1PK: 'AGENCIES', GSI1SK: agencyId }),
  /** One record of an agency's signers (Decree 23 Art. 5 as amended); kept for good, ended by `validTo`. */
  agencySigner: (agencyId: string, signerId: string) => ({ PK: `AGY#${agencyId}`, SK: `SIGNER#${signerId}` }),
  user: (sub: string) => ({ PK: `USER#${sub}`, SK: 'META' }),
  request: (id: string) => ({ PK: `REQ#${id}`, SK: 'META' }),
  citizenRequests: (citizenId: string, createdAt: string, id: string) => ({ GSI1PK: `CIT#${citizenId}`, GSI1SK: `${createdAt}#${id}` }),
  agencyQueue: (agencyId: string, status: string, sortAt: string, id: string) => ({
    GSI2PK: `AGY#${agencyId}#${status}`,
    GSI2SK: `${sortAt}#${id}`,
  }),
  original: (requestId: string, originalId: string) => ({ PK: `REQ#${requestId}`, SK: `ORIG#${originalId}` }),
  audit: (owner: string, at: string, rand: string) => ({ PK: owner, SK: `AUDIT#${at}#${rand}` }),
  document: (id: string) => ({ PK: `DOC#${id}`, SK: 'META' }),
  verifyCode: (code: string) => ({ PK: `CODE#${code}`, SK: 'CODE' }),
  /**
   * A copy's B-LTA renewal due date (the newest document time-stamp's TSA certificate expiry),
   * one partition per month of expiry: the daily renewal reads a few months, never the table.
   */
  ltvDue: (notAfter: string, documentId: string) => ({ PK: `LTVDUE#${notAfter.slice(0, 7)}`, SK: `${notAfter}#${documentId}` }),
  verification: (documentId: string, at: string, rand: string) => ({ PK: `DOC#${documentId}`, SK: `VERIFY#${at}#${rand}` }),
  /** One counter per document and Vietnam calendar day for the checks of callers not signed in. */
  anonymousVerifications: (documentId: string, day: string) => ({ PK: `DOC#${documentId}`, SK: `VANON#${day}` }),
  share: (token: string) => ({ PK: `SHARE#${token}`, SK: 'SHARE' }),
  /** A document's share links, for its owner's list (on the share item itself: one source of truth). */
  documentShares: (documentId: string, createdAt: string, shareId: string) => ({ GSI1PK: `DOC#${documentId}#SHARES`, GSI1SK: `${createdAt}#${shareId}` }),
  /** The agency's yearly appointment-slip sequence (phiếu hẹn; apart from the register books' counters). */
  slipCounter: (agencyId: string, year: number) => ({ PK: `SLIPCTR#${agencyId}#${year}`, SK: 'CTR' }),
  counter: (agencyId: string, bookCode: string, year: number) => ({ PK: `CTR#${agencyId}#${bookCode}#${year}`, SK: 'CTR' }),
  registerLine: (agencyId: string, bookCode: string, year: number, seq: number) => ({
    PK: `BOOK#${agencyId}#${bookCode}#${year}`,
    SK: `SEQ#${String(seq).padStart(9, '0')}`,
  }),
  /** One book (quyển) of the year: open until closed with its total and signed PDF (Decree 23/2015 Art. 13(2), 14(1)). */
  bookVolume: (agencyId: string, bookCode: string, year: number, bookNo: number) => ({
    // A partition of its own: the BOOK# partition holds only lines, one per number.
    PK: `VOL#${agencyId}#${bookCode}#${year}`,
    SK: `VOL#${String(bookNo).padStart(2, '0')}`,
  }),
  register: (registerId: string) => ({ PK: `REG#${registerId}`, SK: 'META' }),
  agencyRegisters: (agencyId: string, registerId: string) => ({ GSI1PK: `AGY#${agencyId}#REGS`, GSI1SK: registerId }),
  /** Daily operating figures of an agency (or of ALL agencies), kept as counters. */
  dailyStats: (agencyId: string, day: string) => ({ PK: `STAT#${agencyId}`, SK: `DAY#${day}` }),
  /** A citizen's notification outbox / mailbox. */
  notification: (citizenId: string, at: string, rand: string) => ({ PK: `NOTIF#${citizenId}`, SK: `${at}#${rand}` }),
  registerEntry: (registerId: string, entryNo: string) => ({ PK: `REG#${registerId}`, SK: `ENTRY#${entryNo}` }),
  /** A request's short code (shared/domain/request-code.ts) → its id; created with the request, once. */
  requestCode: (code: string) => ({ PK: `RCODE#${code}`, SK: 'RCODE' }),
  /** The day's sequence of request codes of one prefix (one agency), moved by an atomic ADD. */
  requestCodeCounter: (prefix: string, isoDay: string) => ({ PK: `RCODECTR#${prefix}#${isoDay}`, SK: 'CTR' }),
  // Machine clients (issue 21): looked up by the token's client_id, listed per agency.
  machineClient: (clientId: string) => ({ PK: `CLIENT#${clientId}`, SK: 'META' }),
  agencyClients: (agencyId: string, clientId: string) => ({ GSI1PK: `AGY#${agencyId}#CLIENTS`, GSI1SK: clientId }),
  // Revocation webhooks (issue 21 item 5; docs/webhooks.md).
  /** A subscription; its deliveries share its partition (`DLV#{eventId}`), so an agency lists them with one Query. */
  subscription: (id: string) => ({ PK: `SUB#${id}`, SK: 'META' }),
  agencySubscriptions: (agencyId: string, createdAt: string, id: string) => ({ GSI1PK: `AGY#${agencyId}#SUBS`, GSI1SK: `${createdAt}#${id}` }),
  /** How many subscriptions an agency holds, moved in the same transaction as each create and delete. */
  subscriptionCounter: (agencyId: string) => ({ PK: `SUBCTR#${agencyId}`, SK: 'CTR' }),
  /** A revocation event, written with the revocation; the table stream fans it out into deliveries. */
  webhookEvent: (eventId: string) => ({ PK: `WHEVT#${eventId}`, SK: 'EVENT' }),
  delivery: (subscriptionId: string, eventId: string) => ({ PK: `SUB#${subscriptionId}`, SK: `DLV#${eventId}` }),
  /** The time-ordered pointer of a pending delivery (sparse: removed once delivered or dead); the scheduled worker reads what is due. */
  deliveryDue: (nextAttemptAt: string, subscriptionId: string, eventId: string) => ({ GSI2PK: 'WHDUE', GSI2SK: `${nextAttemptAt}#${subscriptionId}#${eventId}` }),
  // Per-item verification quota (issue 21): one counter per caller and window, removed by TTL.
  itemQuota: (subject: string, window: string) => ({ PK: `QUOTA#${subject}`, SK: window }),
  // Asynchronous verification batches (issue 21): the job, and one item per entry of the batch (its input, then its result).
  batchJob: (jobId: string) => ({ PK: `BATCH#${jobId}`, SK: 'META' }),
  batchItem: (jobId: string, index: number) => ({ PK: `BATCH#${jobId}`, SK: `ITEM#${String(index).padStart(5, '0')}` }),
};
