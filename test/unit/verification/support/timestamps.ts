import { createHash, randomBytes, webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { derToPem, pemToDerList, readTimeStampResponse } from '../../../../shared/asn1';
import type { Timestamper } from '../../../../shared/signing/cms-timestamp';
import { devPkiPaths, type DevIdentity } from '../../../../shared/signing/dev';
import * as x509 from '../../../../shared/signing/dev/peculiar-x509';
import { checkedToken, timeStampRequest } from '../../../../shared/signing/tsa-client';
import { tsaSigner } from '../../../../infra/local/dev-tsa';

/** A Timestamper that asks the local TSA's signer directly (no HTTP): what B-T signing embeds. */
export async function localTimestamper(identity: DevIdentity, options: { unchecked?: boolean } = {}): Promise<Timestamper> {
  const tsa = await tsaSigner(identity);
  return async (signatureValue) => {
    const digest = createHash('sha256').update(signatureValue).digest();
    const nonce = randomBytes(8);
    const response = await tsa.respond(timeStampRequest(digest, nonce));
    // Unchecked: the token as a careless signer would embed it, for the verifier to judge.
    return options.unchecked ? readTimeStampResponse(response).token! : checkedToken(response, digest, nonce);
  };
}

/** A TSA identity under the test PKI's issuing CA with the given extended key usage. */
export async function tsaIdentity(pkiDir: string, eku: { purposes: string[]; critical: boolean }): Promise<DevIdentity> {
  const crypto = webcrypto as unknown as Crypto;
  const paths = devPkiPaths(pkiDir);
  const issuingPem = readFileSync(paths.issuingCert, 'utf8');
  const issuingKey = await crypto.subtle.importKey('pkcs8', pemToDerList(readFileSync(paths.issuingKey, 'utf8'), 'PRIVATE KEY')[0] as Uint8Array<ArrayBuffer>,
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']) as CryptoKeyPair;
  const issuer = new x509.X509Certificate(issuingPem);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomBytes(8).toString('hex').replace(/^./, '1'),
    subject: 'CN=Test TSA',
    issuer: issuer.subjectName,
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 86_400_000),
    publicKey: keys.publicKey,
    signingKey: issuingKey,
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5' },
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
      new x509.ExtendedKeyUsageExtension(eku.purposes, eku.critical),
    ],
  }, crypto);
  const certPem = cert.toString('pem') + '\n';
  const keyPem = derToPem(new Uint8Array(await crypto.subtle.exportKey('pkcs8', keys.privateKey)), 'PRIVATE KEY');
  return { id: 'test-tsa', keyPem, certPem, chainPem: certPem + issuingPem };
}
