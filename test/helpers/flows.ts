import type { IssuedDocument } from '../../shared/contracts/requests';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { api, login } from './api';

/** A plain n-page A4 PDF, like a scanned-and-OCRed original. */
export async function samplePdf(pages = 2, label = 'Giay to goc'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(`${label} - trang ${i}`, { x: 72, y: 760, size: 18, font });
  }
  return doc.save();
}

/**
 * Creates a draft certify-copy request as `user` (the citizen by default) and uploads files through
 * the presigned URLs; an official as `user` files at the counter for `forRequester`.
 */
export async function draftWithOriginals(
  files: { bytes: Uint8Array; fileName: string; contentType: string; declaredSize?: number; side?: 'id-card-front' | 'id-card-back' }[],
  options: { user?: string; copies?: number; title?: string; agencyId?: string; forRequester?: { citizenId: string; requesterName: string } } = {},
) {
  const token = await login(options.user ?? 'citizen');
  const created = await api('POST', '/api/requests', {
    token,
    json: { kind: 'certify-copy', agencyId: options.agencyId ?? 'ubnd-phuong-ba-dinh', title: options.title ?? 'Bằng tốt nghiệp THPT', copies: options.copies ?? 1, ...options.forRequester },
  });
  if (created.status !== 201) throw new Error(`create failed: ${created.status} ${created.text}`);
  const id = created.body.id as string;
  for (const f of files) {
    const o = await api('POST', `/api/requests/${id}/originals`, {
      token,
      json: { fileName: f.fileName, contentType: f.contentType, size: f.declaredSize ?? f.bytes.length, ...(f.side ? { side: f.side } : {}) },
    });
    if (o.status !== 201) throw new Error(`original failed: ${o.status} ${o.text}`);
    const put = await fetch(o.body.uploadUrl, { method: o.body.uploadMethod, headers: o.body.uploadHeaders, body: f.bytes as BodyInit });
    if (!put.ok) throw new Error(`upload failed: ${put.status} ${await put.text()}`);
  }
  return { id, token };
}

/**
 * A submitted request (2-page PDF by default), ready for the official to certify: unless `checked`
 * is false, `official` (an official of the request's agency) has recorded the check of the paper
 * original (Decree 45/2020 Art. 10(3)).
 */
export async function submittedRequest(options: Parameters<typeof draftWithOriginals>[1] & { pages?: number; checked?: boolean; official?: string } = {}) {
  const { id, token } = await draftWithOriginals([{ bytes: await samplePdf(options.pages ?? 2), fileName: 'bang-tot-nghiep.pdf', contentType: 'application/pdf' }], options);
  const submitted = await api('POST', `/api/requests/${id}/submit`, { token });
  if (submitted.status !== 200) throw new Error(`submit failed: ${submitted.status} ${submitted.text}`);
  if (options.checked === false) return { id, token, request: submitted.body };
  return { id, token, request: await recordOriginalCheck(id, options.official) };
}

/** The official records that they checked the paper original presented at the counter; returns the request. */
export async function recordOriginalCheck(id: string, user = 'official', method: 'presented-at-counter' | 'captured-by-official' = 'presented-at-counter') {
  const res = await api('POST', `/api/requests/${id}/original-check`, { token: await login(user), json: { method } });
  if (res.status !== 200) throw new Error(`original-check failed: ${res.status} ${res.text}`);
  return res.body;
}

/** Certifies as the official; returns the 201 body. */
export async function certify(id: string, user = 'official') {
  const res = await api('POST', `/api/requests/${id}/certify`, { token: await login(user) });
  if (res.status !== 201) throw new Error(`certify failed: ${res.status} ${res.text}`);
  return res.body as IssuedDocument;
}

/** Downloads an issued PDF through the presigned URL, as the given user. */
export async function downloadPdf(documentId: string, user = 'citizen'): Promise<Uint8Array> {
  const res = await api('GET', `/api/documents/${documentId}/download`, { token: await login(user) });
  if (res.status !== 200) throw new Error(`download failed: ${res.status} ${res.text}`);
  const file = await fetch(res.body.url);
  if (!file.ok) throw new Error(`GET presigned failed: ${file.status}`);
  return new Uint8Array(await file.arrayBuffer());
}

/** What a register-copy request names: the entry as the requester knows it, and their ground (Decree 23/2015 Art. 16(2)). */
export interface RegisterClaim {
  entryNo: string;
  ground?: 'self' | 'legal-representative' | 'authorised-representative' | 'relative-of-deceased' | 'heir-of-deceased';
  subjectName?: string;
  subjectBirthDate?: string;
  registerId?: string;
}

/** Creates a register-copy request of the birth register as `user`; returns the raw 201 (or error) response. */
export async function createRegisterCopy(user: string, claim: RegisterClaim) {
  const { registerId = 'khai-sinh-ba-dinh', ...rest } = claim;
  return api('POST', '/api/requests', { token: await login(user), json: { kind: 'register-copy', agencyId: 'ubnd-phuong-ba-dinh', registerId, title: 'Trích lục khai sinh', ...rest } });
}

/** Uploads one evidence PDF (authorisation, proof of relationship) to a register-copy draft. */
export async function uploadEvidence(id: string, user: string): Promise<void> {
  const bytes = await samplePdf(1, 'Giay uy quyen');
  const o = await api('POST', `/api/requests/${id}/originals`, { token: await login(user), json: { fileName: 'giay-uy-quyen.pdf', contentType: 'application/pdf', size: bytes.length } });
  if (o.status !== 201) throw new Error(`evidence failed: ${o.status} ${o.text}`);
  const put = await fetch(o.body.uploadUrl, { method: o.body.uploadMethod, headers: o.body.uploadHeaders, body: bytes as BodyInit });
  if (!put.ok) throw new Error(`upload failed: ${put.status}`);
}

/** A register-copy request by someone who is not the entry's subject, with evidence, submitted: it waits in `awaiting-entitlement`. */
export async function awaitingEntitlement(user: string, claim: RegisterClaim): Promise<string> {
  const created = await createRegisterCopy(user, { ground: 'authorised-representative', subjectName: 'Nguyễn Văn An', subjectBirthDate: '1990-03-15', ...claim });
  if (created.status !== 201) throw new Error(`create failed: ${created.status} ${created.text}`);
  await uploadEvidence(created.body.id, user);
  const submitted = await api('POST', `/api/requests/${created.body.id}/submit`, { token: await login(user) });
  if (submitted.status !== 200) throw new Error(`submit failed: ${submitted.status} ${submitted.text}`);
  return created.body.id as string;
}
