import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { pemToDerList, readCertificate, readCrl } from '../../shared/asn1';
import { api, login } from '../helpers/api';
import { certify, submittedRequest } from '../helpers/flows';
import { tempFile } from '../helpers/tools';

/**
 * Revocation through the local stack (issue 19 items 3 and 7): the dev CA's certificates name
 * CRLs that the local gateway serves, and a signer revoked through the dev route can no longer
 * sign. Only `deputy` is revoked here: the other seeded signers serve the test files running
 * beside this one, and stay good.
 */
const pkiDir = () => join(inject('dataDir'), 'pki');
const certPem = (kind: 'officials' | 'agencies', id: string) => readFileSync(join(pkiDir(), kind, id, 'cert.pem'), 'utf8');
const issuingPem = () => readFileSync(join(pkiDir(), 'ca', 'issuing.cert.pem'), 'utf8');
const rootPem = () => readFileSync(join(pkiDir(), 'ca', 'root.cert.pem'), 'utf8');
const certOf = (pem: string) => readCertificate(pemToDerList(pem, 'CERTIFICATE')[0]);

async function fetchCrl(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  expect(res.status, url).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pkix-crl');
  return new Uint8Array(await res.arrayBuffer());
}

/** `openssl crl -verify`: the CRL's signature checked against the CA certificate. */
function expectOpensslVerifies(crl: Uint8Array, caPem: string): void {
  const run = spawnSync('openssl', ['crl', '-inform', 'DER', '-in', tempFile(crl, 'x.crl'), '-CAfile', tempFile(caPem, 'ca.pem'), '-noout', '-verify'], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  expect(`${run.stdout}${run.stderr}`).toMatch(/verify OK/);
}

describe('The dev CA publishes its CRLs on the local stack', () => {
  it('serves, at the URL each signer certificate names, a CRL signed by its issuer', async () => {
    // Prepare
    const official = certOf(certPem('officials', 'dev-official'));
    const seal = certOf(certPem('agencies', 'ubnd-phuong-ba-dinh'));
    const issuing = certOf(issuingPem());

    // Act
    const crl = await fetchCrl(official.crlDistributionPoints[0]);
    const rootCrl = await fetchCrl(issuing.crlDistributionPoints[0]);

    // Assess: both signers name the issuing CA's CRL on this stack; the issuing CA names the root's
    expect(official.crlDistributionPoints).toEqual([`${new URL(inject('baseUrl')).origin}/pki/issuing.crl`]);
    expect(seal.crlDistributionPoints).toEqual(official.crlDistributionPoints);
    expect(issuing.crlDistributionPoints).toEqual([`${new URL(inject('baseUrl')).origin}/pki/root.crl`]);
    expectOpensslVerifies(crl, issuingPem());
    const read = readCrl(crl);
    expect(Buffer.compare(read.issuerDer, issuing.subjectDer)).toBe(0);
    expect(read.nextUpdate).toBeGreaterThan(Date.now());
    expect(read.revoked.some((r) => r.serial.equals(official.serial))).toBe(false);
    expect(Buffer.compare(readCrl(rootCrl).issuerDer, certOf(rootPem()).subjectDer)).toBe(0);
    expectOpensslVerifies(rootCrl, rootPem());
  });
});

describe('POST /api/dev/signers/{identityKind}/{identityId}/revoke-certificate', () => {
  it('refuses another agency\'s signer and other roles, revoking nothing', async () => {
    // Prepare
    const before = readCrl(await fetchCrl(certOf(certPem('officials', 'dev-official-2')).crlDistributionPoints[0]));

    // Act
    const foreign = await api('POST', '/api/dev/signers/official/dev-official-2/revoke-certificate', { token: await login('admin'), json: { reason: 'keyCompromise' } });
    const byOfficial = await api('POST', '/api/dev/signers/official/dev-deputy/revoke-certificate', { token: await login('official'), json: {} });
    const badReason = await api('POST', '/api/dev/signers/official/dev-deputy/revoke-certificate', { token: await login('admin'), json: { reason: 'whatever' } });

    // Assess
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(byOfficial.status).toBe(403);
    expect(badReason.status).toBe(422);
    const after = readCrl(await fetchCrl(certOf(certPem('officials', 'dev-official-2')).crlDistributionPoints[0]));
    const serials = (crl: typeof after) => crl.revoked.map((r) => r.serial.toString('hex'));
    for (const id of ['dev-official-2', 'dev-deputy']) expect(serials(after)).not.toContain(certOf(certPem('officials', id)).serial.toString('hex'));
    expect(after.revoked.length).toBeGreaterThanOrEqual(before.revoked.length);
  });

  it('revokes the signer at once: certify by them is refused with nothing written, the other officials still certify', async () => {
    // Prepare: a request the deputy (a competent signer of the ward) has checked
    const { id } = await submittedRequest({ official: 'deputy' });
    const deputy = certOf(certPem('officials', 'dev-deputy'));
    const before = await api('GET', `/api/requests/${id}`, { token: await login('deputy') });

    // Act
    const revoked = await api('POST', '/api/dev/signers/official/dev-deputy/revoke-certificate', { token: await login('admin'), json: { reason: 'keyCompromise' } });
    const refused = await api('POST', `/api/requests/${id}/certify`, { token: await login('deputy') });
    const other = await certify((await submittedRequest()).id, 'official');

    // Assess: the CRL served now lists the certificate, signed by the issuing CA
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ identityKind: 'official', identityId: 'dev-deputy', serialNumber: deputy.serial.toString('hex'), reason: 'keyCompromise' });
    const crl = await fetchCrl(deputy.crlDistributionPoints[0]);
    expectOpensslVerifies(crl, issuingPem());
    const entry = readCrl(crl).revoked.find((r) => r.serial.equals(deputy.serial));
    expect(entry).toMatchObject({ reason: 'keyCompromise' });
    expect(new Date(entry!.revokedAt).toISOString()).toBe(revoked.body.revokedAt);
    // …and signing with it is refused before anything is reserved or written
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(refused.body.detail).toMatch(/^Chứng thư số của Bùi Văn Hùng đã bị thu hồi lúc .+; không thể ký\.$/);
    expect(refused.body.revokedAt).toBe(revoked.body.revokedAt);
    const after = await api('GET', `/api/requests/${id}`, { token: await login('deputy') });
    expect(after.body.status).toBe('submitted');
    expect(after.body.documentId).toBeUndefined();
    expect(after.body).toEqual(before.body);
    // The other officials' certificates are untouched
    expect(other.number).toBeGreaterThan(0);
  });
});
