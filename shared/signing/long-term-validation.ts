import { createHash } from 'node:crypto';
import type { Certificate } from '../asn1';
import { Asn1Error, messageImprintOf, OID, readCertificate } from '../asn1';
import { decodeTextString, dictEntry, GrowingPdf, nameValue, PdfObjectReader, type PdfNode } from '../pdf-syntax';
import { readCmsParts } from './cms-parts';
import { appendValidationDataTo, type VriSignature } from './dss-revision';
import { asSigningError, SigningError, signingErrorFromAsn1 } from './errors';
import { fillPlaceholderRevision } from './fill-signature';
import { appendDocTimeStampPlaceholder } from './signature-revision';
import type { TimeStampAuthority } from './timestamp-authority';
import type { RevocationSource, ValidationData } from './validation-data';

/**
 * Bytes reserved for a document time-stamp token: a token with its TSA certificate is ~2–3 KB,
 * with a chain of three RSA-4096 certificates ~7 KB; the rest is head-room for the TSA in AWS.
 */
export const DOC_TIMESTAMP_LENGTH = 12288;

/** One signature field of the PDF with its value, in /Fields order. */
export interface PdfSignature {
  name: string;
  /** 'approval' for /SubFilter ETSI.CAdES.detached (and the other CMS kinds), 'timestamp' for ETSI.RFC3161. */
  kind: 'approval' | 'timestamp';
  /** The /Contents value, whole (zero padding included): the VRI key is its SHA-1. */
  contents: Uint8Array;
}

export interface DocumentTimestamp {
  pdf: Uint8Array;
  /** The token as the TSA made it, now the new field's /Contents. */
  token: Uint8Array;
  /** The TSA certificate that signed it: its notAfter is when this time-stamp needs renewing. */
  tsaCertificate: Certificate;
  /**
   * SHA-256 (hex) of the input and of `pdf`, forked from the one pass that hashed the byte ranges
   * (both start at byte 0): the registry records them, and hashing ~55 MB twice more is avoided.
   */
  sha256: { input: string; pdf: string };
}

/**
 * Appends a document time-stamp (ISO 32000-2 §12.8.5; PAdES B-LTA, ETSI EN 319 142-1 §5.4.3):
 * an invisible signature field whose /Contents is an RFC 3161 token over the SHA-256 of the byte
 * ranges — the whole file, the DSS included, but the token itself.
 */
export async function appendDocumentTimestamp(pdf: Uint8Array, tsa: TimeStampAuthority): Promise<DocumentTimestamp> {
  const names = readSignatures(pdf).map((signature) => signature.name);
  return stampDocument(new GrowingPdf(pdf, DOC_TIMESTAMP_ROOM), names, tsa, pdf.length);
}

/** Bytes a document time-stamp revision takes: the hex /Contents, and a few KB for its objects and xref. */
const DOC_TIMESTAMP_ROOM = 2 * DOC_TIMESTAMP_LENGTH + 64 * 1024;

/**
 * The document time-stamp written into `file`'s room and filled there, its byte ranges hashed as
 * two views of that one buffer: no copy of the whole file. `names`: the signature fields the file
 * already has, so that the new one gets a free name without parsing the file again.
 */
async function stampDocument(file: GrowingPdf, names: readonly string[], tsa: TimeStampAuthority, inputLength: number): Promise<DocumentTimestamp> {
  const taken = new Set(names);
  let index = 1;
  while (taken.has(`timestamp-${index}`)) index++;
  const input = file.pdf;
  const placeholder = appendDocTimeStampPlaceholder(file, `timestamp-${index}`, DOC_TIMESTAMP_LENGTH);
  let token: Uint8Array | undefined;
  let inputDigest: string | undefined;
  // One running hash over the first range, forked at the input's end and at the gap; after the
  // fill it goes on over the token and the second range: the whole file's hash.
  const running = createHash('sha256');
  const stamped = await fillPlaceholderRevision(input, placeholder, async (ranges) => {
    running.update(ranges[0].subarray(0, inputLength));
    inputDigest = running.copy().digest('hex');
    running.update(ranges[0].subarray(inputLength));
    const digest = running.copy().update(ranges[1]).digest();
    token = await tsa.stamp(digest);
    assertImprint(token, digest);
    return token;
  });
  const tsaCertificate = readCmsParts(token!).chain[0];
  if (!tsaCertificate) throw new SigningError('timestamp-invalid', 'The document time-stamp token does not carry its TSA certificate.');
  const whole = running.update(stamped.subarray(placeholder.contentsOffset)).digest('hex');
  return { pdf: stamped, token: token!, tsaCertificate, sha256: { input: inputDigest!, pdf: whole } };
}

export interface ExtendToLtaOptions {
  tsa: TimeStampAuthority;
  revocation: RevocationSource;
  now: () => Date;
  /** Trust anchors (DER) that complete a chain the CMS carries only up to below its root. */
  anchors?: readonly Uint8Array[];
}

export interface LtaExtension extends DocumentTimestamp {
  /** 'lta' when the copy became B-LTA, 'renewal' when a further document time-stamp was added. */
  step: 'lta' | 'renewal';
}

/**
 * Makes a signed copy B-LTA (ETSI EN 319 142-1 §6.3, §6.4), or renews it.
 * - First time (no document time-stamp yet): one incremental update adds to the DSS the chain of
 *   every approval signature and of every signature time-stamp's TSA, with their current
 *   revocation data, and a VRI entry per signature; then a document time-stamp covers it all.
 * - Renewal (ETSI EN 319 142-1 §5.4.3; ISO 32000-2 §12.8.4.3): fresh validation data for the
 *   newest document time-stamp's TSA chain, then a new document time-stamp over everything.
 * Earlier revisions are never touched, so every earlier signature and time-stamp stays valid.
 */
export async function extendToLta(pdf: Uint8Array, options: ExtendToLtaOptions): Promise<LtaExtension> {
  const signatures = readSignatures(pdf);
  const approvals = signatures.filter((signature) => signature.kind === 'approval');
  const timestamps = signatures.filter((signature) => signature.kind === 'timestamp');
  if (approvals.length === 0) throw new SigningError('invalid-options', 'The PDF has no signature to extend to B-LTA.');
  const covered = timestamps.length === 0 ? approvals : [timestamps[timestamps.length - 1]];
  const anchors = (options.anchors ?? []).map((der) => readCertificateOrFail(der));

  const vri: VriSignature[] = await Promise.all(covered.map(async (signature) => {
    const parts = readCmsParts(signature.contents);
    // A CMS usually stops below the root: the configured anchors complete each chain.
    const chains = [parts.chain, ...parts.timeStampTokens.map((token) => readCmsParts(token).chain)]
      .filter((chain) => chain.length > 0).map((chain) => completed(chain, anchors));
    // Revocation data only for the certificates whose issuer the CMS carries (a CMS usually stops
    // below the root); the last one of such a chain still goes into the DSS.
    const collected = await Promise.all(chains.map((chain) => options.revocation.collect(
      chain.filter((c, index) => index + 1 < chain.length || c.issuerDer.equals(c.subjectDer)).map((certificate) => certificate.der))));
    return { contents: signature.contents, data: merged([...chains.map((chain) => ({ certificates: chain.map((c) => c.der), crls: [], ocspResponses: [] })), ...collected]) };
  }));
  const data = merged(vri.map((signature) => signature.data));
  // The whole copy is copied once, into a buffer with room for both updates; the DSS and the
  // document time-stamp are written into that room, and the DSS adds no signature field, so the
  // names read above still hold.
  const file = new GrowingPdf(pdf, dssRoom(data, vri.length) + DOC_TIMESTAMP_ROOM);
  appendValidationDataTo(file, data, { at: options.now(), signatures: vri });
  const stamped = await stampDocument(file, signatures.map((signature) => signature.name), options.tsa, pdf.length);
  return { ...stamped, step: timestamps.length === 0 ? 'lta' : 'renewal' };
}

/** The signature fields of the AcroForm that have a value, in /Fields order (kids followed). */
export function readSignatures(pdf: Uint8Array): PdfSignature[] {
  try {
    const reader = new PdfObjectReader(pdf);
    const catalog = reader.dict(dictEntry(reader.xref.trailer, 'Root', 'ref')!, 'document catalog');
    const acroForm = reader.resolve(catalog.entries.get('AcroForm'));
    const fields = acroForm?.kind === 'dict' ? reader.resolve(acroForm.entries.get('Fields')) : undefined;
    const found: PdfSignature[] = [];
    const visit = (node: PdfNode, depth: number) => {
      const field = reader.resolve(node);
      if (field.kind !== 'dict' || depth > 8) return;
      const kids = reader.resolve(field.entries.get('Kids'));
      if (kids?.kind === 'array') for (const kid of kids.items) visit(kid, depth + 1);
      const value = reader.resolve(field.entries.get('V'));
      if (nameValue(field, 'FT') !== 'Sig' || value?.kind !== 'dict') return;
      const contents = dictEntry(value, 'Contents', 'string');
      if (!contents) return;
      const title = dictEntry(field, 'T', 'string');
      found.push({
        name: title ? decodeTextString(title.bytes) : '',
        kind: nameValue(value, 'SubFilter') === 'ETSI.RFC3161' ? 'timestamp' : 'approval',
        contents: contents.bytes,
      });
    };
    if (fields?.kind === 'array') for (const item of fields.items) visit(item, 0);
    return found;
  } catch (error) {
    throw asSigningError(error);
  }
}

/** The DSS revision's size, about: each DER object as a stream, and each VRI entry (a renewal rewriting a large earlier DSS may need more: the file then grows). */
function dssRoom(data: ValidationData, signatures: number): number {
  const objects = [...data.certificates, ...data.crls, ...data.ocspResponses];
  return objects.reduce((sum, der) => sum + der.length + 160, 0) + signatures * (objects.length * 12 + 200) + 16 * 1024;
}

/** The chain with the anchor that issued its last certificate appended, if that one is not self-signed. */
function completed(chain: Certificate[], anchors: Certificate[]): Certificate[] {
  const last = chain[chain.length - 1];
  if (last.issuerDer.equals(last.subjectDer)) return chain;
  const anchor = anchors.find((candidate) => candidate.subjectDer.equals(last.issuerDer));
  return anchor ? [...chain, anchor] : chain;
}

function readCertificateOrFail(der: Uint8Array): Certificate {
  try {
    return readCertificate(der);
  } catch (error) {
    if (error instanceof Asn1Error) throw signingErrorFromAsn1(error, 'key', 'A trust anchor is not a certificate');
    throw error;
  }
}

/** The union of validation data, each DER object once, in the order first met. */
function merged(all: ValidationData[]): ValidationData {
  const unique = (lists: Uint8Array[][]) => {
    const seen = new Set<string>();
    return lists.flat().filter((der) => {
      const key = Buffer.from(der).toString('base64');
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  };
  return {
    certificates: unique(all.map((data) => data.certificates)),
    crls: unique(all.map((data) => data.crls)),
    ocspResponses: unique(all.map((data) => data.ocspResponses)),
  };
}

/** The token must stamp exactly these byte ranges: anything else would be a time-stamp no validator accepts. */
function assertImprint(token: Uint8Array, digest: Uint8Array): void {
  let imprint;
  try {
    imprint = messageImprintOf(token);
  } catch (error) {
    if (error instanceof Asn1Error) throw signingErrorFromAsn1(error, 'timestamp', 'The document time-stamp token is unusable');
    throw error;
  }
  if (imprint.hashAlgorithm !== OID.sha256 || !Buffer.from(imprint.hashedMessage).equals(Buffer.from(digest))) {
    throw new SigningError('timestamp-invalid', 'The document time-stamp token does not stamp the SHA-256 of the byte ranges.');
  }
}
