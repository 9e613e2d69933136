import { X509Certificate, constants, createHash, randomBytes, verify, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import {
  Asn1Error, DIGEST_NAMES, EncodedElement, OID, PKI_STATUS, algorithmIdentifier, encode, integerBytes, isUniversal, octets, oid, readCertificate,
  readTimeStampResponse, readTimeStampToken, sequence, TAG, type Certificate, type DigestName, type Node, type TimeStampToken,
} from '../asn1';
import { SigningError, signingErrorFromAsn1 } from './errors';
import type { TimeStampAuthority } from './timestamp-authority';

export interface TsaClientOptions {
  /** The TSA's RFC 3161 HTTP endpoint (RFC 3161 §3.4). */
  url: string;
  /** Per attempt, connection and body included. */
  timeoutMs?: number;
  /** Attempts in all (1 = no retry); only unavailability is retried, never a wrong answer. */
  attempts?: number;
  /** First retry delay; doubled each time, with full jitter. */
  backoffMs?: number;
  /** When given, asked for as reqPolicy and required in the token's TSTInfo.policy. */
  policyOid?: string;
  /** Extra request headers (a commercial TSA's Authorization, for instance). */
  headers?: Record<string, string>;
  /** Injected in tests; the global fetch otherwise. */
  fetch?: typeof fetch;
  random?: (n: number) => Uint8Array;
}

/** Defaults sized for a Lambda that stamps two signatures within its 29 s: ≤ 2 × (3 s + 3 s + 0.2 s) worst case. */
export const TSA_DEFAULTS = { timeoutMs: 3_000, attempts: 2, backoffMs: 200 } as const;
/** A token with a chain of a few certificates is 2–8 KB; anything far larger is not an answer to us. */
const MAX_RESPONSE_BYTES = 256 * 1024;
/** RFC 3161 §3.4's media type, and the pre-RFC one some TSAs still send. */
const REPLY_TYPES = ['application/timestamp-reply', 'application/timestamp-response'];

/**
 * The RFC 3161 client behind the TimeStampAuthority port: one TimeStampReq per stamp (version 1,
 * SHA-256 imprint, a fresh 64-bit nonce, certReq true; §2.4.1) POSTed over HTTP (§3.4), and the
 * answer checked before anyone embeds it — status, imprint, nonce, policy, the token's signature
 * with the TSA certificate it carries, that certificate's sole critical id-kp-timeStamping usage
 * (§2.3) and its ESS binding to the signed attributes (§2.4.2). Trust in the TSA's chain is left
 * to the validators, which check every token against their own trust list.
 */
export class TsaClient implements TimeStampAuthority {
  private readonly options: Required<Omit<TsaClientOptions, 'policyOid' | 'headers' | 'fetch'>> & TsaClientOptions;

  constructor(options: TsaClientOptions) {
    if (!/^https?:\/\//.test(options.url)) throw new SigningError('invalid-options', `The TSA URL must be http(s), got "${options.url}".`);
    this.options = { ...TSA_DEFAULTS, random: (n) => randomBytes(n), ...options };
  }

  async stamp(sha256Digest: Uint8Array): Promise<Uint8Array> {
    if (sha256Digest.length !== 32) throw new SigningError('invalid-options', 'A SHA-256 digest is 32 bytes.');
    const nonce = positiveInteger(this.options.random(8));
    const request = timeStampRequest(sha256Digest, nonce, this.options.policyOid);
    const response = await this.post(request);
    return checkedToken(response, sha256Digest, nonce, this.options.policyOid);
  }

  /** POSTs the request, retrying what looks transient (network, timeout, 5xx, 429) with exponential backoff. */
  private async post(request: Uint8Array): Promise<Uint8Array> {
    const { attempts, backoffMs } = this.options;
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await new Promise((r) => setTimeout(r, Math.random() * backoffMs * 2 ** (attempt - 2) + backoffMs / 2));
      try {
        return await this.once(request);
      } catch (error) {
        if (!(error instanceof SigningError) || error.code !== 'timestamp-unavailable') throw error;
        lastError = error;
      }
    }
    throw new SigningError('timestamp-unavailable', `The TSA did not answer after ${attempts} attempt(s): ${(lastError as Error).message}`, { cause: lastError });
  }

  private async once(request: Uint8Array): Promise<Uint8Array> {
    const fetcher = this.options.fetch ?? fetch;
    const unavailable = (why: string, cause?: unknown) => new SigningError('timestamp-unavailable', why, { cause });
    // One signal for the whole exchange: a TSA that sends headers and then stalls is cut off too.
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    let response: Response;
    try {
      response = await fetcher(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply', ...this.options.headers },
        body: request as Uint8Array<ArrayBuffer>,
        signal,
        redirect: 'error',
      });
    } catch (error) {
      throw unavailable(`${this.options.url}: ${(error as Error).name === 'TimeoutError' ? `no answer within ${this.options.timeoutMs} ms` : (error as Error).message}`, error);
    }
    if (response.status >= 500 || response.status === 429) {
      await response.body?.cancel().catch(() => undefined);
      throw unavailable(`${this.options.url} answered HTTP ${response.status}`);
    }
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => undefined);
      throw new SigningError('timestamp-invalid', `${this.options.url} answered HTTP ${response.status}`);
    }
    const type = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (!REPLY_TYPES.includes(type)) {
      await response.body?.cancel().catch(() => undefined);
      throw new SigningError('timestamp-invalid', `${this.options.url} answered "${type || 'no content type'}", not application/timestamp-reply (RFC 3161 §3.4)`);
    }
    const length = Number(response.headers.get('content-length') ?? 0);
    if (length > MAX_RESPONSE_BYTES) {
      await response.body?.cancel().catch(() => undefined);
      throw new SigningError('timestamp-invalid', `${this.options.url} answered ${length} bytes`);
    }
    try {
      const body = new Uint8Array(await response.arrayBuffer());
      if (body.length > MAX_RESPONSE_BYTES) throw new SigningError('timestamp-invalid', `${this.options.url} answered ${body.length} bytes`);
      return body;
    } catch (error) {
      if (error instanceof SigningError) throw error;
      throw unavailable(`${this.options.url}: the answer was cut off (${(error as Error).message})`, error);
    }
  }
}

/**
 * TimeStampReq ::= SEQUENCE { version INTEGER { v1(1) }, messageImprint, reqPolicy OPTIONAL,
 * nonce INTEGER OPTIONAL, certReq BOOLEAN DEFAULT FALSE, extensions [0] OPTIONAL } (RFC 3161 §2.4.1).
 */
export function timeStampRequest(sha256Digest: Uint8Array, nonce: Uint8Array, policyOid?: string): Uint8Array {
  const value: asn1js.BaseBlock[] = [
    new asn1js.Integer({ value: 1 }),
    new asn1js.Sequence({ value: [SHA256_ALGORITHM, new asn1js.OctetString({ valueHex: sha256Digest })] }),
  ];
  if (policyOid) value.push(new asn1js.ObjectIdentifier({ value: policyOid }));
  value.push(new asn1js.Integer({ valueHex: nonce }));
  // certReq TRUE: the token then carries the TSA certificate, which the checks below and every validator need.
  value.push(new asn1js.Boolean({ value: true }));
  return encode(new asn1js.Sequence({ value }));
}

/** Encoded once: asn1js takes longer over an OID than over the rest of the request. */
const SHA256_ALGORITHM = new EncodedElement(encode(algorithmIdentifier(OID.sha256, new asn1js.Null())));

/** Random bytes as the content octets of a positive DER INTEGER: top bit clear, no leading zero octet. */
function positiveInteger(bytes: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[0] = (copy[0] & 0x7f) | 0x01;
  return copy;
}

/** Reads the TimeStampResp and checks its token against our request; returns the token's bytes as the TSA encoded them. */
export function checkedToken(response: Uint8Array, sha256Digest: Uint8Array, nonce: Uint8Array, policyOid?: string): Uint8Array {
  const invalid = (why: string) => new SigningError('timestamp-invalid', `The TSA's answer is unusable: ${why}.`);
  let token: Uint8Array;
  let parsed: TimeStampToken;
  try {
    const resp = readTimeStampResponse(response);
    // §2.4.2: only granted and grantedWithMods carry a token.
    if (resp.status !== PKI_STATUS.granted && resp.status !== PKI_STATUS.grantedWithMods) {
      throw invalid(`status ${resp.status}${resp.statusText.length ? ` (${resp.statusText.join('; ')})` : ''}${resp.failInfo.length ? `, failInfo bits ${resp.failInfo.join(',')}` : ''}`);
    }
    if (!resp.token) throw invalid('status granted without a token');
    token = resp.token;
    parsed = readTimeStampToken(token);
  } catch (error) {
    if (error instanceof Asn1Error) throw signingErrorFromAsn1(error, 'timestamp', 'The TSA\'s answer is unusable');
    throw error;
  }
  const { tstInfo, signerInfo } = parsed;
  if (tstInfo.version !== 1) throw invalid(`TSTInfo version ${tstInfo.version}`);
  if (tstInfo.messageImprint.hashAlgorithm !== OID.sha256 || !Buffer.from(tstInfo.messageImprint.hashedMessage).equals(sha256Digest)) {
    throw invalid('the message imprint is not our digest (RFC 3161 §2.4.2)');
  }
  if (!tstInfo.nonce || !Buffer.from(tstInfo.nonce).equals(nonce)) throw invalid('the nonce is not ours (RFC 3161 §2.4.2)');
  if (policyOid && tstInfo.policy !== policyOid) throw invalid(`policy ${tstInfo.policy}, not the ${policyOid} asked for`);

  const tsaCert = signerCertificate(parsed, invalid);
  // §2.3: the TSA certificate has exactly one extended key usage, id-kp-timeStamping, marked critical.
  const eku = tsaCert.extensions.find((e) => e.id === OID.extKeyUsage);
  if (!eku || !eku.critical) throw invalid('the TSA certificate has no critical extended key usage (RFC 3161 §2.3)');
  if (tsaCert.extendedKeyUsage?.length !== 1 || tsaCert.extendedKeyUsage[0] !== OID.timeStamping) {
    throw invalid(`the TSA certificate's extended key usage is ${tsaCert.extendedKeyUsage?.join(', ')}, not id-kp-timeStamping alone (RFC 3161 §2.3)`);
  }
  if (tstInfo.genTime < tsaCert.notBefore || tstInfo.genTime > tsaCert.notAfter) throw invalid('genTime is outside the TSA certificate\'s validity');

  const digestName = DIGEST_NAMES[signerInfo.digestAlgorithm];
  if (!digestName) throw invalid(`unsupported digest ${signerInfo.digestAlgorithm}`);
  const attrs = signerInfo.signedAttributes;
  try {
    if (oidValue(attrs.get(OID.contentType), 'content-type') !== OID.tstInfo) throw invalid('the content-type attribute is not id-ct-TSTInfo');
    const digest = attrs.get(OID.messageDigest);
    if (digest?.length !== 1 || !createHash(digestName).update(parsed.tstInfoDer).digest().equals(octets(digest[0], 'message-digest'))) {
      throw invalid('the message-digest attribute is not the hash of the TSTInfo');
    }
    essCheck(attrs, tsaCert, invalid);
  } catch (error) {
    if (error instanceof Asn1Error) throw signingErrorFromAsn1(error, 'timestamp', 'The TSA\'s answer is unusable');
    throw error;
  }
  if (!signatureVerifies(parsed, tsaCert, digestName)) throw invalid('the token\'s signature does not verify with the TSA certificate');
  return token;
}

/**
 * Certificates read, by SHA-256 of their DER: a TSA sends the same one or two in every token, and
 * reading a certificate costs more than the rest of the checks; bounded, as a TSA may rotate keys.
 */
const knownCertificates = new Map<string, Certificate>();
const MAX_KNOWN_CERTIFICATES = 16;

function certificateOf(der: Uint8Array): Certificate {
  const key = createHash('sha256').update(der).digest('hex');
  let cert = knownCertificates.get(key);
  if (!cert) {
    cert = readCertificate(Uint8Array.from(der)); // a copy: the cached view must not pin the whole response
    if (knownCertificates.size >= MAX_KNOWN_CERTIFICATES) knownCertificates.delete(knownCertificates.keys().next().value!);
    knownCertificates.set(key, cert);
  }
  return cert;
}

/** Public keys by certificate, for the same reason. */
const publicKeys = new WeakMap<Certificate, KeyObject>();

/** The certificate the SignerInfo names (§2.4.1: certReq true obliges the TSA to include it). */
function signerCertificate(token: TimeStampToken, invalid: (why: string) => SigningError): Certificate {
  const { sid } = token.signerInfo;
  for (const der of token.certificates) {
    let cert: Certificate;
    try {
      cert = certificateOf(der);
    } catch {
      continue;
    }
    const match = 'keyId' in sid
      ? cert.subjectKeyId?.equals(sid.keyId)
      : cert.issuerDer.equals(sid.issuer) && cert.serial.equals(sid.serial);
    if (match) return cert;
  }
  throw invalid('the token does not carry the TSA certificate although certReq was true');
}

/**
 * ESS signing-certificate-v2 (RFC 5035) or signing-certificate (RFC 2634, SHA-1), which RFC 3161
 * §2.4.2 requires: the first ESSCertID must be the hash of the TSA certificate that signed.
 */
function essCheck(attrs: Map<string, Node[]>, cert: Certificate, invalid: (why: string) => SigningError): void {
  const v2 = attrs.get(OID.signingCertificateV2);
  const v1 = attrs.get(OID.signingCertificate);
  const values = v2 ?? v1;
  if (values?.length !== 1) throw invalid('no ESS signing-certificate attribute binds the TSA certificate (RFC 3161 §2.4.2)');
  const first = sequence(sequence(sequence(values[0], 'SigningCertificate')[0], 'certs')[0], 'ESSCertID');
  let hash: string = v2 ? 'sha256' : 'sha1';
  let k = 0;
  if (v2 && isUniversal(first[0], TAG.SEQUENCE)) {
    const named: DigestName | undefined = DIGEST_NAMES[oid(sequence(first[k++], 'hashAlgorithm')[0], 'hashAlgorithm')];
    if (!named) throw invalid('unsupported ESS certHash algorithm');
    hash = named;
  }
  if (!createHash(hash).update(cert.der).digest().equals(octets(first[k++], 'certHash'))) {
    throw invalid('the ESS signing-certificate attribute names another certificate than the one that signed');
  }
  if (first[k]) {
    const issuerSerial = sequence(first[k], 'IssuerSerial');
    if (!Buffer.from(integerBytes(issuerSerial[1], 'serial')).equals(cert.serial)) throw invalid('the ESS IssuerSerial names another certificate');
  }
}

function oidValue(values: Node[] | undefined, what: string): string | undefined {
  return values?.length === 1 ? oid(values[0], what) : undefined;
}

const RSA_PKCS1: Record<string, DigestName> = { [OID.sha256WithRsa]: 'sha256', [OID.sha384WithRsa]: 'sha384', [OID.sha512WithRsa]: 'sha512' };
const ECDSA: Record<string, DigestName> = { [OID.ecdsaWithSha256]: 'sha256', [OID.ecdsaWithSha384]: 'sha384', [OID.ecdsaWithSha512]: 'sha512' };

/** The token's signature over its DER signed attributes, with RSA PKCS#1 v1.5 or ECDSA (what TSAs use; PSS is refused). */
function signatureVerifies(token: TimeStampToken, cert: Certificate, digestName: DigestName): boolean {
  const algorithm = token.signerInfo.signatureAlgorithm.oid;
  let params: { hash: string; padding?: number; dsaEncoding?: 'der' };
  if (algorithm === OID.rsaEncryption) params = { hash: digestName, padding: constants.RSA_PKCS1_PADDING };
  else if (RSA_PKCS1[algorithm]) params = { hash: RSA_PKCS1[algorithm], padding: constants.RSA_PKCS1_PADDING };
  else if (ECDSA[algorithm] || algorithm === OID.ecPublicKey) params = { hash: ECDSA[algorithm] ?? digestName, dsaEncoding: 'der' };
  else return false;
  const { hash, ...options } = params;
  try {
    let key = publicKeys.get(cert);
    if (!key) {
      key = new X509Certificate(cert.der).publicKey;
      publicKeys.set(cert, key);
    }
    return verify(hash, token.signerInfo.signedAttributesDer, { key, ...options }, token.signerInfo.signature);
  } catch {
    return false;
  }
}
