import { constants, createHash, verify } from 'node:crypto';
import {
  Asn1Error, DIGEST_NAMES, OID, TAG, childSpans, children, integerBytes, isContext, isUniversal, octets, oid, parseSingle, rawBytes, retagged, sequence, setOfDer,
  smallInteger, spanAt, toDer, type DigestName, type Node, type Span,
} from '../asn1';
import type { CertInfo } from './cert-info';
import { MalformedFileError, malformedFromAsn1 } from './errors';
import type { TrustList } from './trust-list';

const RSA_PKCS1: Record<string, DigestName> = { [OID.sha256WithRsa]: 'sha256', [OID.sha384WithRsa]: 'sha384', [OID.sha512WithRsa]: 'sha512' };
const ECDSA: Record<string, DigestName> = { [OID.ecdsaWithSha256]: 'sha256', [OID.ecdsaWithSha384]: 'sha384', [OID.ecdsaWithSha512]: 'sha512' };

/** The parts of a detached CMS SignedData a PAdES verifier needs. */
export interface ParsedCms {
  digestAlgorithm: DigestName;
  signedAttrs: Node[];
  /** The signed attributes' `[0] IMPLICIT` element exactly as encoded. */
  signedAttrsEncoding: Uint8Array;
  signatureAlgorithm: { oid: string; params?: Node };
  signature: Uint8Array;
  sid: { issuer: Buffer; serial: Buffer } | { keyId: Buffer };
  certificates: Uint8Array[];
  /** id-data for a PAdES signature, id-ct-TSTInfo for a time-stamp token. */
  contentType: string;
  /** The encapsulated content (a time-stamp token's TSTInfo); absent when detached. */
  content?: Uint8Array;
  /** Unsigned attributes by type, each value as its raw encoding (a signature time-stamp token lives here). */
  unsignedAttrs: Map<string, Uint8Array[]>;
}



/**
 * Parses the /Contents bytes as ContentInfo(SignedData), BER allowed. What follows the CMS must
 * be zero padding. Exactly one SignerInfo, detached id-data content, signed attributes present.
 * The structure is cut into its parts with the span reader and each part parsed by asn1js; the
 * certificates are returned as raw DER for the trust list's cache. Throws MalformedFileError.
 */
export function parseCms(contents: Uint8Array, options: { encapsulated?: string } = {}): ParsedCms {
  try {
    return readCms(contents, options.encapsulated);
  } catch (error) {
    throw error instanceof Asn1Error ? malformedFromAsn1(error) : error;
  }
}

/** ContentInfo ::= SEQUENCE { contentType, content [0] EXPLICIT } around SignedData (RFC 5652 §3, §5.1). */
function readCms(contents: Uint8Array, encapsulated: string | undefined): ParsedCms {
  const outer = spanAt(contents, 0);
  if (!isZeroes(contents.subarray(outer.end))) throw new MalformedFileError('bytes other than zero padding follow the CMS');
  const part = (span: Span, what: string) => parseSingle(contents.subarray(span.start, span.end), what);
  const contentInfo = childSpans(contents, expectTag(outer, 0x30, 'ContentInfo'));
  if (contentInfo.length !== 2 || oid(part(contentInfo[0], 'contentType'), 'contentType') !== OID.signedData) throw new MalformedFileError('not a SignedData');
  const wrapped = childSpans(contents, expectTag(contentInfo[1], 0xa0, 'content'));
  if (wrapped.length !== 1) throw new MalformedFileError('ContentInfo content is not one element');
  const signedData = childSpans(contents, expectTag(wrapped[0], 0x30, 'SignedData'));
  let i = 0;
  integerBytes(part(signedData[i++] ?? fail('version'), 'version'), 'version');
  sequence(part(signedData[i++] ?? fail('digestAlgorithms'), 'digestAlgorithms'), 'digestAlgorithms', TAG.SET);
  const encap = sequence(part(signedData[i++] ?? fail('encapContentInfo'), 'encapContentInfo'), 'encapContentInfo');
  const contentType = oid(encap[0], 'eContentType');
  let content: Uint8Array | undefined;
  if (encapsulated) {
    // RFC 3161 §2.4.2: a token encapsulates its TSTInfo.
    if (contentType !== encapsulated || encap.length !== 2 || !isContext(encap[1], 0)) throw new MalformedFileError('the token does not encapsulate a TSTInfo');
    content = octets(children(encap[1], 'eContent')[0], 'eContent');
  } else {
    if (contentType !== OID.data) throw new MalformedFileError('the encapsulated content type is not id-data');
    if (encap.length > 1) throw new MalformedFileError('the content is not detached');
  }
  const certificates: Uint8Array[] = [];
  if (signedData[i]?.tag === 0xa0) {
    for (const cert of childSpans(contents, signedData[i++])) {
      if (cert.tag === 0x30) certificates.push(contents.subarray(cert.start, cert.end));
    }
  }
  if (signedData[i]?.tag === 0xa1) i++; // crls
  const signerInfos = childSpans(contents, expectTag(signedData[i++] ?? fail('signerInfos'), 0x31, 'signerInfos'));
  if (i !== signedData.length) throw new MalformedFileError('unexpected elements in SignedData');
  if (signerInfos.length !== 1) throw new MalformedFileError(`${signerInfos.length} SignerInfos instead of one`);
  const info = childSpans(contents, expectTag(signerInfos[0], 0x30, 'SignerInfo'));
  // The unsigned attributes carry whole time-stamp tokens, certificates and all, which their own
  // reader parses next: cut by spans here, so that no token is parsed twice (the verifier's main
  // cost once every signature carries one).
  const unsigned = info.at(-1)?.tag === 0xa1 ? info.pop()! : undefined;
  return {
    ...parseSignerInfo(info.map((span) => part(span, 'SignerInfo element'))),
    unsignedAttrs: unsigned ? unsignedAttributes(contents, unsigned, part) : new Map(),
    certificates, contentType, content,
  };
}

/** unsignedAttrs [1] IMPLICIT SET OF Attribute { attrType OID, attrValues SET OF ANY } (RFC 5652 §5.3), values kept raw. */
function unsignedAttributes(contents: Uint8Array, unsigned: Span, part: (span: Span, what: string) => Node): Map<string, Uint8Array[]> {
  const map = new Map<string, Uint8Array[]>();
  for (const attribute of childSpans(contents, unsigned)) {
    const [type, values, ...rest] = childSpans(contents, expectTag(attribute, 0x30, 'unsigned attribute'));
    if (!type || !values || rest.length > 0) throw new MalformedFileError('an unsigned attribute is not { type, values }');
    const id = oid(part(expectTag(type, 0x06, 'attribute type'), 'attribute type'), 'attribute type');
    if (map.has(id)) throw new MalformedFileError(`attribute ${id} appears twice`);
    map.set(id, childSpans(contents, expectTag(values, 0x31, 'attribute values')).map((value) => contents.subarray(value.start, value.end)));
  }
  return map;
}

let zeroes = new Uint8Array(16384);
/** Whether every byte is zero: one memcmp against zeroes rather than a loop over the placeholder's padding. */
function isZeroes(bytes: Uint8Array): boolean {
  if (zeroes.length < bytes.length) zeroes = new Uint8Array(bytes.length);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).equals(zeroes.subarray(0, bytes.length));
}

function expectTag(span: Span, tag: number, what: string): Span {
  if (span.tag !== tag) throw new MalformedFileError(`${what} has an unexpected tag`);
  return span;
}

function fail(what: string): never {
  throw new MalformedFileError(`SignedData without ${what}`);
}

function parseSignerInfo(info: Node[]): Omit<ParsedCms, 'certificates' | 'contentType' | 'content' | 'unsignedAttrs'> {
  let i = 1; // version
  const sidNode = info[i++];
  let sid: ParsedCms['sid'];
  if (sidNode && isUniversal(sidNode, TAG.SEQUENCE)) {
    const [issuer, serial] = sequence(sidNode, 'IssuerAndSerialNumber');
    sequence(issuer, 'issuer');
    sid = { issuer: toDer(issuer), serial: Buffer.from(integerBytes(serial, 'serial number')) };
  } else if (sidNode && isContext(sidNode, 0)) {
    sid = { keyId: Buffer.from(octets(sidNode, 'subjectKeyIdentifier', 0)) };
  } else throw new MalformedFileError('SignerInfo without a signer identifier');
  const digestAlgorithm = DIGEST_NAMES[oid(sequence(info[i++], 'digestAlgorithm')[0], 'digestAlgorithm')];
  if (!digestAlgorithm) throw new MalformedFileError('unsupported digest algorithm');
  if (!info[i] || !isContext(info[i], 0)) throw new MalformedFileError('no signed attributes');
  const signedAttrsEncoding = rawBytes(info[i]);
  const signedAttrs = children(info[i++], 'signedAttrs');
  const algorithm = sequence(info[i++], 'signatureAlgorithm');
  const signature = octets(info[i++], 'signature');
  if (i !== info.length) throw new MalformedFileError('unexpected elements in SignerInfo');
  return { digestAlgorithm, signedAttrs, signedAttrsEncoding, signatureAlgorithm: { oid: oid(algorithm[0], 'signatureAlgorithm'), params: algorithm[1] }, signature, sid };
}

export interface CmsVerification {
  digestMatches: boolean;
  digestDetail: string;
  signatureValid: boolean;
  signatureDetail: string;
  essValid: boolean;
  essDetail: string;
  signer?: CertInfo;
  /** Every readable certificate of the CMS, for chain building. */
  pool: CertInfo[];
}

/**
 * Checks a parsed CMS against the digest of the signed byte ranges: content-type, the message
 * digest, the signature over the DER re-encoded signed attributes (node:crypto), and ESS
 * signing-certificate-v2 against the signer certificate.
 */
export function verifyCms(cms: ParsedCms, rangeDigest: (hash: DigestName) => Buffer, trust: TrustList, options: { essV1?: boolean } = {}): CmsVerification {
  const pool: CertInfo[] = [];
  for (const der of cms.certificates.slice(0, 32)) {
    try {
      pool.push(trust.certificate(der));
    } catch {
      // An unreadable extra certificate only matters if it was needed: the chain will say so.
    }
  }
  const signer = pool.find((cert) => ('keyId' in cms.sid
    ? cert.subjectKeyId?.equals(cms.sid.keyId)
    : cert.serial.equals(cms.sid.serial) && cert.issuerDer.equals(cms.sid.issuer)));

  let attrs: Map<string, Node[]>;
  try {
    attrs = attributeMap(cms.signedAttrs);
  } catch (error) {
    const why = `Thuộc tính được ký trong chữ ký không hợp lệ (chi tiết kỹ thuật: ${(error as Error).message}).`;
    return { digestMatches: false, digestDetail: why, signatureValid: false, signatureDetail: why, essValid: false, essDetail: why, signer, pool };
  }
  const digest = digestCheck(attrs, rangeDigest(cms.digestAlgorithm), cms.contentType);
  const signature = signer
    ? signatureCheck(cms, signer)
    : { ok: false, detail: 'Chữ ký không kèm chứng thư số của người ký nên không kiểm tra được giá trị chữ ký.' };
  const ess = signer ? essCheck(attrs, signer, options.essV1 === true) : { ok: false, detail: 'Không tìm thấy chứng thư số của người ký trong chữ ký.' };
  return {
    digestMatches: digest.ok, digestDetail: digest.detail,
    signatureValid: signature.ok, signatureDetail: signature.detail,
    essValid: ess.ok, essDetail: ess.detail,
    signer, pool,
  };
}

function attributeMap(signedAttrs: Node[]): Map<string, Node[]> {
  const map = new Map<string, Node[]>();
  for (const attribute of signedAttrs) {
    const [type, values] = sequence(attribute, 'attribute');
    const id = oid(type, 'attribute type');
    if (map.has(id)) throw new MalformedFileError(`attribute ${id} appears twice`);
    map.set(id, sequence(values, 'attribute values', TAG.SET));
  }
  return map;
}

interface Outcome { ok: boolean; detail: string }

function digestCheck(attrs: Map<string, Node[]>, expected: Buffer, type: string): Outcome {
  const contentType = attrs.get(OID.contentType);
  if (contentType?.length !== 1 || safe(() => oid(contentType[0], 'content type')) !== type) {
    return { ok: false, detail: 'Thuộc tính loại nội dung (content-type) thiếu hoặc sai.' };
  }
  const digest = attrs.get(OID.messageDigest);
  const claimed = digest?.length === 1 ? safe(() => octets(digest[0], 'message digest')) : undefined;
  if (!claimed) return { ok: false, detail: 'Chữ ký không mang mã băm của nội dung (message-digest).' };
  if (!expected.equals(claimed)) {
    return { ok: false, detail: 'Mã băm của phần tệp được ký không khớp với mã băm trong chữ ký: nội dung đã bị thay đổi sau khi ký.' };
  }
  return { ok: true, detail: 'Mã băm của phần tệp được ký khớp với mã băm trong chữ ký: nội dung không bị thay đổi sau khi ký.' };
}

function signatureCheck(cms: ParsedCms, signer: CertInfo): Outcome {
  let params: { hash: DigestName; padding?: number; saltLength?: number; dsaEncoding?: 'der' };
  try {
    params = verifyParams(cms);
  } catch (error) {
    return { ok: false, detail: `Thuật toán chữ ký không được hỗ trợ (chi tiết kỹ thuật: ${(error as Error).message}).` };
  }
  const { hash, ...options } = params;
  const attempt = (signed: () => Uint8Array) => {
    try {
      return verify(hash, signed(), { key: signer.publicKey, ...options }, cms.signature);
    } catch {
      return false; // a key of the wrong type, or malformed attributes
    }
  };
  // RFC 5652 §5.4: the signature covers the DER SET OF the attributes. A conforming signer wrote
  // exactly that, so the encoding as found, tagged SET OF, is tried first and costs no
  // re-encoding; a BER encoding verifies through its DER form, and a signer that signed an
  // unsorted SET still signed these very attributes.
  if (attempt(() => retagged(cms.signedAttrsEncoding, 0x31)) || attempt(() => setOfDer(cms.signedAttrs, true)) || attempt(() => setOfDer(cms.signedAttrs, false))) {
    return { ok: true, detail: 'Giá trị chữ ký số hợp lệ với khóa công khai trong chứng thư của người ký.' };
  }
  return { ok: false, detail: 'Giá trị chữ ký số không hợp lệ: chữ ký không được tạo bởi khóa của chứng thư kèm theo, hoặc đã bị sửa.' };
}

function verifyParams(cms: ParsedCms): { hash: DigestName; padding?: number; saltLength?: number; dsaEncoding?: 'der' } {
  const { oid: algorithm, params } = cms.signatureAlgorithm;
  if (algorithm === OID.rsaEncryption) return { hash: cms.digestAlgorithm, padding: constants.RSA_PKCS1_PADDING };
  if (RSA_PKCS1[algorithm]) return { hash: RSA_PKCS1[algorithm], padding: constants.RSA_PKCS1_PADDING };
  if (ECDSA[algorithm]) return { hash: ECDSA[algorithm], dsaEncoding: 'der' };
  if (algorithm === OID.ecPublicKey) return { hash: cms.digestAlgorithm, dsaEncoding: 'der' };
  if (algorithm === OID.rsassaPss) {
    // RSASSA-PSS-params: the SHA-1 defaults are refused, so each part must be explicit.
    const fields = sequence(params, 'RSASSA-PSS parameters');
    const field = (tag: number) => fields.find((f) => isContext(f, tag));
    const hashField = field(0);
    const mgfField = field(1);
    const saltField = field(2);
    if (!hashField || !mgfField || !saltField) throw new MalformedFileError('PSS without explicit SHA-2 parameters');
    const hash = DIGEST_NAMES[oid(sequence(children(hashField, 'hash')[0], 'hash algorithm')[0], 'hash')];
    const mgf = sequence(children(mgfField, 'mgf')[0], 'mask generation');
    if (oid(mgf[0], 'mgf') !== OID.mgf1 || DIGEST_NAMES[oid(sequence(mgf[1], 'mgf hash')[0], 'mgf hash')] !== hash) {
      throw new MalformedFileError('PSS with a different MGF1 hash');
    }
    if (!hash) throw new MalformedFileError('PSS hash');
    return { hash, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: smallInteger(children(saltField, 'salt')[0], 'salt length') };
  }
  throw new MalformedFileError(`algorithm ${algorithm}`);
}

function essCheck(attrs: Map<string, Node[]>, signer: CertInfo, v1Allowed: boolean): Outcome {
  const v1 = v1Allowed && !attrs.has(OID.signingCertificateV2) ? attrs.get(OID.signingCertificate) : undefined;
  // RFC 3161 §2.4.1 names ESS signing-certificate (v1, SHA-1 certHash); RFC 5816 allows v2.
  if (v1) return essV1Check(v1, signer);
  const values = attrs.get(OID.signingCertificateV2);
  if (!values) return { ok: false, detail: 'Chữ ký thiếu thuộc tính signing-certificate-v2 gắn chữ ký với chứng thư số của người ký (bắt buộc với PAdES).' };
  try {
    if (values.length !== 1) throw new MalformedFileError('several values');
    const certs = sequence(sequence(values[0], 'SigningCertificateV2')[0], 'certs');
    const first = sequence(certs[0], 'ESSCertIDv2');
    let k = 0;
    let hash: DigestName = 'sha256';
    if (first[k] && isUniversal(first[k], TAG.SEQUENCE)) {
      const named = DIGEST_NAMES[oid(sequence(first[k++], 'hashAlgorithm')[0], 'hashAlgorithm')];
      if (!named) throw new MalformedFileError('unsupported certHash algorithm');
      hash = named;
    }
    const certHash = octets(first[k++], 'certHash');
    if (!createHash(hash).update(signer.der).digest().equals(certHash)) {
      return { ok: false, detail: 'Thuộc tính signing-certificate-v2 trỏ tới một chứng thư số khác với chứng thư kèm theo chữ ký.' };
    }
    if (first[k]) {
      const issuerSerial = sequence(first[k], 'IssuerSerial');
      if (!Buffer.from(integerBytes(issuerSerial[1], 'serial')).equals(signer.serial)) {
        return { ok: false, detail: 'Số hiệu chứng thư trong signing-certificate-v2 không khớp với chứng thư của người ký.' };
      }
    }
  } catch (error) {
    return { ok: false, detail: `Thuộc tính signing-certificate-v2 không hợp lệ (chi tiết kỹ thuật: ${(error as Error).message}).` };
  }
  return { ok: true, detail: 'Chữ ký gắn với đúng chứng thư số của người ký (signing-certificate-v2 khớp).' };
}

function essV1Check(values: Node[], signer: CertInfo): Outcome {
  try {
    if (values.length !== 1) throw new MalformedFileError('several values');
    const certs = sequence(sequence(values[0], 'SigningCertificate')[0], 'certs');
    const first = sequence(certs[0], 'ESSCertID');
    if (!createHash('sha1').update(signer.der).digest().equals(octets(first[0], 'certHash'))) {
      return { ok: false, detail: 'Thuộc tính signing-certificate trỏ tới một chứng thư số khác với chứng thư kèm theo.' };
    }
    if (first[1] && !Buffer.from(integerBytes(sequence(first[1], 'IssuerSerial')[1], 'serial')).equals(signer.serial)) {
      return { ok: false, detail: 'Số hiệu chứng thư trong signing-certificate không khớp với chứng thư kèm theo.' };
    }
  } catch (error) {
    return { ok: false, detail: `Thuộc tính signing-certificate không hợp lệ (chi tiết kỹ thuật: ${(error as Error).message}).` };
  }
  return { ok: true, detail: 'Dấu thời gian gắn với đúng chứng thư số của đơn vị cấp dấu thời gian (signing-certificate khớp).' };
}

function safe<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
