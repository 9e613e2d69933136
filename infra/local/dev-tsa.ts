import { createHash, createPrivateKey, randomBytes, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import * as asn1js from 'asn1js';
import {
  EncodedElement, OID, TAG, algorithmIdentifier, booleanValue, contextTagged, derSetOf, encode, integerBytes, isUniversal, octets, oid, parseSingle, pemToDerList,
  rawBytes, readCertificate, retagged, sequence, smallInteger,
} from '../../shared/asn1';
import type { DevIdentity } from '../../shared/signing/dev';

/**
 * DEV ONLY: a real RFC 3161 time-stamp authority for the local stack, so that copies are B-T
 * offline. It listens on its own free port on 127.0.0.1 (not under the gateway: the gateway is
 * the API's front door with auth, origin and rate-limit rules that a TSA does not share, and in
 * AWS the TSA is a separate service too — the signing functions only know its URL, TSA_URL).
 * Tokens are written with asn1js and signed with node:crypto and a key imported once (ECDSA
 * P-256: a stamp costs well under a millisecond; PKI.js took ~10 ms, a quarter of the certify
 * budget); the integration tests hold them to `openssl ts -verify`, an independent reader.
 */

/**
 * The policy of the dev TSA's tokens (TSTInfo.policy, RFC 3161 §2.4.2): under 2.999, the arc
 * ITU-T X.660 reserves for examples, so that no real validator can take it for a real policy.
 */
export const DEV_TSA_POLICY_OID = '2.999.3161.1';

export interface DevTsa {
  url: string;
  stop(): Promise<void>;
}

const MAX_REQUEST_BYTES = 4096;

/** Starts the TSA on `port` (0 = any free port) with the dev PKI's TSA identity; its key is imported once. */
export async function startDevTsa(identity: DevIdentity, port = 0): Promise<DevTsa> {
  const signer = await tsaSigner(identity);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      const reply = (status: number, type: string, body: Uint8Array | string) => {
        res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body as string) });
        res.end(body);
      };
      if (req.method !== 'POST') return reply(405, 'text/plain', 'POST an application/timestamp-query (RFC 3161 §3.4)\n');
      if (req.headers['content-type']?.split(';')[0].trim() !== 'application/timestamp-query') return reply(415, 'text/plain', 'application/timestamp-query expected\n');
      if (size > MAX_REQUEST_BYTES) return reply(413, 'text/plain', 'request too large\n');
      signer.respond(Buffer.concat(chunks))
        .then((der) => reply(200, 'application/timestamp-reply', der))
        .catch(() => reply(500, 'text/plain', 'time-stamping failed\n'));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return { url: `http://127.0.0.1:${actualPort}/tsa`, stop: () => close(server) };
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export interface TsaSigner {
  respond(request: Uint8Array): Promise<Uint8Array>;
}

export async function tsaSigner(identity: DevIdentity): Promise<TsaSigner> {
  const [certDer, ...issuers] = pemToDerList(identity.chainPem, 'CERTIFICATE');
  const key = createPrivateKey(identity.keyPem);
  const cert = readCertificate(certDer);
  const certificates = contextTagged(0, [certDer, ...issuers].map((der) => new EncodedElement(der))); // [0] IMPLICIT CertificateSet
  const signerId = new asn1js.Sequence({ value: [new EncodedElement(cert.issuerDer), new EncodedElement(cert.serialDer)] });
  // ESS signing-certificate-v2 (RFC 5035 §3): SHA-256 of the TSA certificate, hashAlgorithm left at its DEFAULT.
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: createHash('sha256').update(certDer).digest() })] });
  const signingCertificateV2 = new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
  const signingCertificateV2Attribute = new EncodedElement(encode(attribute(ENCODED.signingCertificateV2, signingCertificateV2)));

  return {
    async respond(requestDer) {
      let request: { imprint: asn1js.BaseBlock; imprintAlgorithm: string; imprintLength: number; policy?: string; nonce?: Uint8Array; certReq: boolean };
      try {
        request = readRequest(requestDer);
      } catch {
        return rejection(5, 'badDataFormat'); // PKIFailureInfo badDataFormat (RFC 3161 §2.4.2)
      }
      if (request.imprintAlgorithm !== OID.sha256 || request.imprintLength !== 32) return rejection(0, 'only SHA-256 imprints'); // badAlg
      if (request.policy && request.policy !== DEV_TSA_POLICY_OID) return rejection(15, `only policy ${DEV_TSA_POLICY_OID}`); // unacceptedPolicy
      const serial = randomBytes(16);
      serial[0] = (serial[0] & 0x7f) | 0x01;
      const tstInfo = encode(new asn1js.Sequence({
        value: [
          new asn1js.Integer({ value: 1 }),
          ENCODED.policy,
          request.imprint,
          new asn1js.Integer({ valueHex: serial }),
          // asn1js writes the Date's milliseconds into the GeneralizedTime; the accuracy says how far to trust them.
          new asn1js.GeneralizedTime({ valueDate: new Date() }),
          new asn1js.Sequence({ value: [new asn1js.Integer({ value: 1 })] }), // accuracy: 1 second
          ...(request.nonce ? [new asn1js.Integer({ valueHex: request.nonce })] : []),
        ],
      }));
      const signedAttributes = derSetOf([
        ENCODED.contentTypeAttribute,
        attribute(ENCODED.messageDigest, new asn1js.OctetString({ valueHex: createHash('sha256').update(tstInfo).digest() })),
        signingCertificateV2Attribute,
      ]);
      const signature = sign('sha256', signedAttributes, { key, dsaEncoding: 'der' });
      const signerInfo = new asn1js.Sequence({
        value: [
          new asn1js.Integer({ value: 1 }),
          signerId,
          ENCODED.sha256,
          new EncodedElement(retagged(signedAttributes, 0xa0)),
          ENCODED.ecdsaWithSha256,
          new asn1js.OctetString({ valueHex: signature }),
        ],
      });
      const signedData = new asn1js.Sequence({
        value: [
          new asn1js.Integer({ value: 3 }), // eContentType other than id-data (RFC 5652 §5.1)
          new asn1js.Set({ value: [ENCODED.sha256] }),
          new asn1js.Sequence({ value: [ENCODED.tstInfo, contextTagged(0, [new asn1js.OctetString({ valueHex: tstInfo })])] }),
          // certReq true: the TSA certificate and its issuer, so that a validator can build the chain from the token alone.
          ...(request.certReq ? [certificates] : []),
          new asn1js.Set({ value: [signerInfo] }),
        ],
      });
      const token = new asn1js.Sequence({ value: [ENCODED.signedData, contextTagged(0, [signedData])] });
      const granted = new asn1js.Sequence({ value: [new asn1js.Integer({ value: 0 })] });
      return encode(new asn1js.Sequence({ value: [granted, token] }));
    },
  };
}

/** TimeStampReq (RFC 3161 §2.4.1), read with the service's own ASN.1 layer. */
function readRequest(der: Uint8Array) {
  const fields = sequence(parseSingle(der, 'TimeStampReq'), 'TimeStampReq');
  if (smallInteger(fields[0], 'version') !== 1) throw new Error('version');
  const [algorithm, hashed] = sequence(fields[1], 'messageImprint');
  let i = 2;
  const policy = isUniversal(fields[i], TAG.OID) ? oid(fields[i++], 'reqPolicy') : undefined;
  const nonce = isUniversal(fields[i], TAG.INTEGER) ? integerBytes(fields[i++], 'nonce') : undefined;
  const certReq = isUniversal(fields[i], TAG.BOOLEAN) ? booleanValue(fields[i++], 'certReq') : false;
  return {
    imprint: new EncodedElement(rawBytes(fields[1])),
    imprintAlgorithm: oid(sequence(algorithm, 'hashAlgorithm')[0], 'hashAlgorithm'),
    imprintLength: octets(hashed, 'hashedMessage').length,
    policy,
    nonce,
    certReq,
  };
}

function rejection(failBit: number, text: string): Uint8Array {
  // PKIFailureInfo (RFC 3161 §2.4.2) as a BIT STRING of two whole octets.
  const bits = new Uint8Array(2);
  bits[failBit >> 3] |= 0x80 >> (failBit & 7);
  const statusInfo = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 2 }) /* rejection */,
      new asn1js.Sequence({ value: [new asn1js.Utf8String({ value: text })] }),
      new asn1js.BitString({ valueHex: bits, unusedBits: 0 }),
    ],
  });
  return new Uint8Array(new asn1js.Sequence({ value: [statusInfo] }).toBER());
}

/** Attribute ::= SEQUENCE { attrType, attrValues SET OF } with one value (RFC 5652 §5.3). */
function attribute(type: asn1js.BaseBlock, value: asn1js.BaseBlock): asn1js.Sequence {
  return new asn1js.Sequence({ value: [type, new asn1js.Set({ value: [value] })] });
}

/** asn1js spends most of a token's encoding time on OIDs: the constant parts are encoded once. */
const ENCODED = (() => {
  const oidOf = (value: string) => new EncodedElement(encode(new asn1js.ObjectIdentifier({ value })));
  return {
    policy: oidOf(DEV_TSA_POLICY_OID),
    tstInfo: oidOf(OID.tstInfo),
    signedData: oidOf(OID.signedData),
    messageDigest: oidOf(OID.messageDigest),
    signingCertificateV2: oidOf(OID.signingCertificateV2),
    contentTypeAttribute: new EncodedElement(encode(attribute(oidOf(OID.contentType), oidOf(OID.tstInfo)))),
    sha256: new EncodedElement(encode(algorithmIdentifier(OID.sha256))),
    ecdsaWithSha256: new EncodedElement(encode(algorithmIdentifier(OID.ecdsaWithSha256))),
  };
})();
