import { createHash } from 'node:crypto';
import { SignPdf } from '@signpdf/signpdf';
import { Signer as SignPdfSigner } from '@signpdf/utils';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID } from '../../../../shared/asn1';
import { PadesCmsSigner } from '../../signing/support/pades-cms-signer';
import { appendRevision, PdfObjectEditor, PdfObjectReader, rawBytes, type PdfRef, type RevisionObject } from '../../../../shared/pdf-syntax';
import { appendSignaturePlaceholder, type SignatureFieldSpot } from '../../../../shared/signing/signature-revision';
import type { Signer } from '../../../../shared/signing/signer';
import { derSorted, sha256AlgorithmId, signatureAlgorithmId } from '../../signing/support/pkijs-shapes';

/** Where one signature sits in the raw bytes (found by a plain scan, as an attacker would). */
export interface SignatureSpot {
  byteRange: [number, number, number, number];
  /** Offset of "[" and of the byte after "]" of the /ByteRange array (the text attackers rewrite). */
  arrayStart: number;
  arrayEnd: number;
  /** Span of the `<hex>` token. */
  contentsStart: number;
  contentsEnd: number;
}

export const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');

/** Every `/ByteRange [...]` followed by `/Contents <...>`, in file order. */
export function signatureSpots(pdf: Uint8Array): SignatureSpot[] {
  const text = latin1(pdf);
  return [...text.matchAll(/\/ByteRange (\[(\d+) (\d+) (\d+) (\d+)\] *)\n\/Contents (<[0-9a-fA-F]*>)/g)].map((m) => {
    const arrayStart = m.index! + '/ByteRange '.length;
    const contentsStart = m.index! + m[0].length - m[6].length;
    return {
      byteRange: [Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])],
      arrayStart,
      arrayEnd: arrayStart + m[1].length,
      contentsStart,
      contentsEnd: contentsStart + m[6].length,
    };
  });
}

/** A copy of `pdf` with `text` written over the bytes at `offset` (same length: offsets stay valid). */
export function overwrite(pdf: Uint8Array, offset: number, text: string | Uint8Array): Buffer {
  const out = Buffer.from(pdf);
  const bytes = typeof text === 'string' ? Buffer.from(text, 'latin1') : Buffer.from(text);
  bytes.copy(out, offset);
  return out;
}

/** Rewrites a signature's /ByteRange numbers in place, padded with spaces to the original width. */
export function withByteRange(pdf: Uint8Array, spot: SignatureSpot, range: number[]): Buffer {
  const width = spot.arrayEnd - spot.arrayStart;
  const text = `[${range.join(' ')}]`;
  if (text.length > width) throw new Error('the new /ByteRange does not fit');
  return overwrite(pdf, spot.arrayStart, text.padEnd(width, ' '));
}

/** The CMS (DER, padding removed) of a signature. */
export function cmsOf(pdf: Uint8Array, spot: SignatureSpot): Buffer {
  const bytes = Buffer.from(latin1(pdf).slice(spot.contentsStart + 1, spot.contentsEnd - 1), 'hex');
  const parsed = asn1js.fromBER(bytes);
  if (parsed.offset < 0) throw new Error('no CMS');
  return bytes.subarray(0, parsed.offset);
}

/** Puts other CMS bytes into a signature's /Contents, zero-padded to the reserved width. */
export function withContents(pdf: Uint8Array, spot: SignatureSpot, cms: Uint8Array): Buffer {
  const width = spot.contentsEnd - spot.contentsStart - 2;
  const hex = Buffer.from(cms).toString('hex');
  if (hex.length > width) throw new Error('the CMS does not fit');
  return overwrite(pdf, spot.contentsStart + 1, hex.padEnd(width, '0'));
}

/**
 * Re-encodes DER as BER with indefinite lengths on every constructed element (as NSS-based
 * signers write), OCTET STRINGs longer than 16 bytes split into chunks; elements at paths where
 * `keepDer` says so (the certificates) stay as they are.
 */
export function toIndefiniteBer(der: Uint8Array, keepDer: (path: number[]) => boolean, path: number[] = []): Buffer {
  const out: Buffer[] = [];
  let pos = 0;
  while (pos < der.length) {
    const tag = der[pos];
    let length = der[pos + 1];
    let header = 2;
    if (length & 0x80) {
      const count = length & 0x7f;
      length = 0;
      for (let i = 0; i < count; i++) length = length * 256 + der[pos + 2 + i];
      header += count;
    }
    const whole = Buffer.from(der.subarray(pos, pos + header + length));
    const content = der.subarray(pos + header, pos + header + length);
    const here = [...path, tag];
    if (keepDer(here)) out.push(whole);
    else if (tag & 0x20) out.push(Buffer.from([tag, 0x80]), toIndefiniteBer(content, keepDer, here), Buffer.from([0, 0]));
    else if (tag === 0x04 && length > 16) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < length; i += 16) {
        const piece = content.subarray(i, Math.min(length, i + 16));
        chunks.push(Buffer.from([0x04, piece.length]), Buffer.from(piece));
      }
      out.push(Buffer.from([0x24, 0x80]), ...chunks, Buffer.from([0, 0]));
    } else out.push(whole);
    pos += header + length;
  }
  return Buffer.concat(out);
}

/** Path of the certificates [0] inside ContentInfo → [0] → SignedData. */
export const CERTIFICATES_PATH = (path: number[]) => path.length === 4 && path[1] === 0xa0 && path[2] === 0x30 && path[3] === 0xa0;
/** Path of one attribute value: … SignerInfo → signedAttrs [0] → Attribute → SET → value. */
export const ATTRIBUTE_VALUE_PATH = (path: number[]) => path.length === 9 && path[3] === 0x31 && path[5] === 0xa0 && path[7] === 0x31;

/** What a forged revision adds besides the signature objects appendSignaturePlaceholder writes. */
export type ExtraObjects = (reader: PdfObjectReader, placeholderObjects: Map<number, string>) => RevisionObject[];

/**
 * Appends a signature revision to `base` and signs it for real with `signer`, after letting
 * `extra` add or replace objects in that same revision (and `patch` rewrite bytes in place): the
 * way to build a validly signed revision that also changes what the earlier signature covered
 * (shadow / sneaky signature), or a dictionary of another shape.
 */
export async function signRevision(
  base: Uint8Array, field: SignatureFieldSpot, signer: Signer | SignPdfSigner, signingTime: Date, extra?: ExtraObjects,
  patch: (unsigned: Buffer) => Buffer = (unsigned) => unsigned,
): Promise<Buffer> {
  const placeholder = appendSignaturePlaceholder(base, field, { signingTime, signerName: field.name }, 8192);
  let pdf = placeholder.pdf;
  if (extra) {
    const objects = new Map<number, string>();
    for (const m of latin1(placeholder.pdf.subarray(base.length)).matchAll(/(\d+) 0 obj\n([\s\S]*?)\nendobj\n/g)) objects.set(Number(m[1]), m[2]);
    const reader = new PdfObjectReader(base);
    const added = extra(reader, objects);
    for (const object of added) objects.set(object.num, latin1(object.body));
    const size = Math.max(Number(/\/Size (\d+)/.exec(latin1(placeholder.pdf.subarray(base.length)))![1]), ...added.map((o) => o.num + 1));
    const carried: Record<string, string> = {};
    for (const key of ['Root', 'Info', 'ID']) {
      const node = reader.xref.trailer.entries.get(key);
      if (node) carried[key] = rawBytes(base, node);
    }
    pdf = appendRevision(base, [...objects].map(([num, body]) => ({ num, gen: 0, body: Buffer.from(body, 'latin1') })), {
      size, prev: reader.xref.startxref, carried,
    }).pdf;
  }
  const cmsSigner = signer instanceof SignPdfSigner ? signer : new PadesCmsSigner(signer);
  return new SignPdf().sign(patch(pdf), cmsSigner, signingTime);
}

/** An @signpdf signer that builds a CMS with only content-type and message-digest (no ESS), or a wrong ESS hash. */
export class NonPadesCmsSigner extends SignPdfSigner {
  constructor(private readonly signer: Signer, private readonly essCertificate?: Uint8Array) {
    super();
  }

  override async sign(content: Buffer): Promise<Buffer> {
    const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest();
    const attributes = [
      new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
      new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: sha256(content) })] }),
    ];
    if (this.essCertificate) {
      const certId = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: sha256(this.essCertificate) })] });
      attributes.push(new pkijs.Attribute({
        type: OID.signingCertificateV2,
        values: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [certId] })] })],
      }));
    }
    const signedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: derSorted(attributes) });
    const der = new Uint8Array(signedAttrs.toSchema().toBER());
    der[0] = 0x31;
    const signature = await this.signer.signDigest(sha256(der));
    const chain = this.signer.certificateChain.map((c) => pkijs.Certificate.fromBER(c as Uint8Array<ArrayBuffer>));
    const signerInfo = new pkijs.SignerInfo({
      version: 1,
      sid: new pkijs.IssuerAndSerialNumber({ issuer: chain[0].issuer, serialNumber: chain[0].serialNumber }),
      digestAlgorithm: sha256AlgorithmId(),
      signedAttrs,
      signatureAlgorithm: signatureAlgorithmId(this.signer.algorithm),
      signature: new asn1js.OctetString({ valueHex: signature }),
    });
    const signedData = new pkijs.SignedData({
      version: 1,
      digestAlgorithms: [sha256AlgorithmId()],
      encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
      certificates: chain,
      signerInfos: [signerInfo],
    });
    const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
    return Buffer.from(contentInfo.toSchema().toBER());
  }
}

/** Offset of a byte in the middle of the scan's image data (inside every signed range). */
export function offsetInImage(pdf: Uint8Array): number {
  const text = latin1(pdf);
  const dict = text.indexOf('/DCTDecode');
  const data = text.indexOf('stream\n', dict) + 'stream\n'.length;
  if (dict < 0 || data < 'stream\n'.length) throw new Error('no image stream');
  return data + 100;
}

/** Appends an unsigned incremental update built from the file's own objects. */
export function appendUnsignedRevision(
  pdf: Uint8Array,
  objects: (reader: PdfObjectReader, size: number) => { num: number; gen: number; body: Buffer }[],
  trailer: (size: number) => Record<string, string> = () => ({}),
): Buffer {
  const reader = new PdfObjectReader(pdf);
  const { size } = reader.xref;
  const built = objects(reader, size);
  const carried: Record<string, string> = {};
  for (const key of ['Root', 'Info', 'ID']) {
    const node = reader.xref.trailer.entries.get(key);
    if (node) carried[key] = rawBytes(pdf, node);
  }
  Object.assign(carried, trailer(size));
  const nextSize = Math.max(size, ...built.map((o) => o.num + 1));
  return appendRevision(pdf, built, { size: nextSize, prev: reader.xref.startxref, carried }).pdf;
}

/**
 * Appends a validation-data revision as a B-LT writer would (ISO 32000-2 §12.8.4.3): a /DSS in the
 * catalog with one certificate stream and a /VRI entry; `extra` may slip other objects into it.
 */
export function appendDssRevision(
  pdf: Uint8Array, certDer: Uint8Array,
  extra: (reader: PdfObjectReader, size: number) => { num: number; gen: number; body: Buffer }[] = () => [],
  crls: Uint8Array[] = [],
): Buffer {
  return appendUnsignedRevision(pdf, (reader, size) => {
    const rootRef = reader.xref.trailer.entries.get('Root') as PdfRef;
    const editor = new PdfObjectEditor(reader.object(rootRef));
    const catalog = reader.dict(rootRef, 'catalog');
    const dss = `${size} 0 R`;
    if (catalog.entries.has('DSS')) editor.replace(catalog.entries.get('DSS')!, dss);
    else editor.addEntry(catalog, 'DSS', dss);
    const stream = (der: Uint8Array) => Buffer.concat([Buffer.from(`<< /Length ${der.length} >>\nstream\n`, 'latin1'), der, Buffer.from('\nendstream', 'latin1')]);
    const crlRefs = crls.map((_, i) => `${size + 2 + i} 0 R`).join(' ');
    return [
      { num: rootRef.num, gen: 0, body: editor.body() },
      { num: size, gen: 0, body: Buffer.from(`<< /Certs [${size + 1} 0 R] /CRLs [${crlRefs}] /VRI << /${'A'.repeat(40)} << /Cert [${size + 1} 0 R] >> >> >>`) },
      { num: size + 1, gen: 0, body: stream(certDer) },
      ...crls.map((der, i) => ({ num: size + 2 + i, gen: 0, body: stream(der) })),
      ...extra(reader, size + 2 + crls.length),
    ];
  });
}
