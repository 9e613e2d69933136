import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pemToDerList, readCertificate } from '../../../shared/asn1';
import { HttpRevocationSource } from '../../../shared/signing';
import {
  createDevCertificateAuthorities, issueDevSigningCertificate, signDevCrl, type DevRevocation, type IssuedCertificate,
} from '../../../shared/signing/dev/dev-certificates';

/**
 * HttpRevocationSource against a fake CA web server: what it answers is set per test (a CRL, a
 * CRL signed by another key, an old CRL, silence), so each check of RFC 5280 §6.3.3 is tried.
 */
const NOW = new Date('2026-06-01T00:00:00Z');
const HOUR = 3600 * 1000;
let server: Server;
let base = '';
/** What the fake server answers for each path; absent: 404. `hang`: never answers. */
const routes = new Map<string, Uint8Array | 'hang'>();
let hits = 0;
let root: IssuedCertificate;
let issuing: IssuedCertificate;
let otherIssuing: IssuedCertificate;
let signer: Uint8Array;
let issuerDer: Uint8Array;
const der = (pem: string) => pemToDerList(pem, 'CERTIFICATE')[0];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    const body = routes.get(req.url ?? '');
    if (body === 'hang') return; // never answers: the client's timeout must end it
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(Buffer.from(body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const cas = await createDevCertificateAuthorities(new Date('2026-01-01T00:00:00Z'), { crlUrl: `${base}/root.crl` });
  root = cas.root;
  issuing = cas.issuing;
  otherIssuing = (await createDevCertificateAuthorities(new Date('2026-01-01T00:00:00Z'))).issuing;
  const issued = await issueDevSigningCertificate({ ...issuing, publication: { crlUrl: `${base}/issuing.crl` } },
    { kind: 'personal', commonName: 'Trần Thị Bình', organization: 'UBND' }, new Date('2026-01-02T00:00:00Z'));
  signer = der(issued.certPem);
  issuerDer = der(issuing.certPem);
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const serialHex = () => readCertificate(signer).serial.toString('hex');
const crl = (ca: IssuedCertificate, revoked: DevRevocation[], thisUpdate = new Date(NOW.getTime() - HOUR), nextUpdate = new Date(NOW.getTime() + 23 * HOUR)) =>
  signDevCrl(ca, revoked, 1, thisUpdate, nextUpdate);
const source = (options: Partial<ConstructorParameters<typeof HttpRevocationSource>[0]> = {}) =>
  new HttpRevocationSource({ timeoutMs: 1_000, maxCacheMs: 60_000, now: () => NOW, ...options });

describe('Class: HttpRevocationSource', () => {
  it('says good when the issuer\'s current CRL does not list the certificate, revoked (when, why) when it does', async () => {
    // Prepare
    routes.set('/issuing.crl', await crl(issuing, []));
    const good = await source().status(signer, issuerDer);
    routes.set('/issuing.crl', await crl(issuing, [{ serial: serialHex(), revokedAt: '2026-05-31T10:00:00.000Z', reason: 'keyCompromise' }]));

    // Act
    const revoked = await source().status(signer, issuerDer);

    // Assess
    expect(good).toEqual({ status: 'good' });
    expect(revoked).toEqual({ status: 'revoked', revokedAt: new Date('2026-05-31T10:00:00.000Z'), reason: 'keyCompromise' });
  });

  it('says unknown for a CRL signed by another key, a stale one (past nextUpdate), a missing one and one that never comes', async () => {
    // Prepare + Act
    const answers: Record<string, unknown> = {};
    routes.set('/issuing.crl', await crl(otherIssuing, []));
    answers.forged = await source().status(signer, issuerDer);
    routes.set('/issuing.crl', await crl(issuing, [], new Date(NOW.getTime() - 48 * HOUR), new Date(NOW.getTime() - HOUR)));
    answers.stale = await source().status(signer, issuerDer);
    routes.delete('/issuing.crl');
    answers.missing = await source().status(signer, issuerDer);
    routes.set('/issuing.crl', 'hang');
    answers.silent = await source({ timeoutMs: 200 }).status(signer, issuerDer);

    // Assess
    expect(answers.forged).toMatchObject({ status: 'unknown', why: expect.stringMatching(/not from the certificate's issuer|signature/) });
    expect(answers.stale).toMatchObject({ status: 'unknown', why: expect.stringMatching(/not current/) });
    expect(answers.missing).toMatchObject({ status: 'unknown', why: expect.stringMatching(/HTTP 404/) });
    expect(answers.silent).toMatchObject({ status: 'unknown', why: expect.stringMatching(/no answer within 200 ms/) });
  });

  it('refuses a CRL whose signature was altered even though its issuer name matches', async () => {
    // Prepare: the right CRL with one bit of the signature flipped
    const bytes = Uint8Array.from(await crl(issuing, []));
    bytes[bytes.length - 5] ^= 0x01;
    routes.set('/issuing.crl', bytes);

    // Act
    const status = await source().status(signer, issuerDer);

    // Assess
    expect(status).toMatchObject({ status: 'unknown', why: expect.stringMatching(/signature does not verify/) });
  });

  it('keeps a fetched CRL no longer than maxCacheMs, and never past its nextUpdate', async () => {
    // Prepare
    routes.set('/issuing.crl', await crl(issuing, []));
    let now = NOW;
    const cached = source({ maxCacheMs: 60_000, now: () => now });
    const uncached = source({ maxCacheMs: 0, now: () => NOW });
    await cached.status(signer, issuerDer);
    routes.set('/issuing.crl', await crl(issuing, [{ serial: serialHex(), revokedAt: '2026-05-31T23:00:00.000Z', reason: 'keyCompromise' }]));

    // Act
    const fromCache = await cached.status(signer, issuerDer);
    const fresh = await uncached.status(signer, issuerDer);
    now = new Date(NOW.getTime() + 61_000);
    const afterExpiry = await cached.status(signer, issuerDer);

    // Assess
    expect(fromCache).toEqual({ status: 'good' });
    expect(fresh.status).toBe('revoked');
    expect(afterExpiry.status).toBe('revoked');
  });

  it('collects the chain and one checked CRL per non-root certificate', async () => {
    // Prepare
    routes.set('/issuing.crl', await crl(issuing, []));
    routes.set('/root.crl', await crl(root, []));
    const chain = [signer, issuerDer, der(root.certPem)];
    hits = 0;

    // Act
    const data = await source().collect(chain);

    // Assess
    expect(data.certificates).toEqual(chain);
    const hex = (bytes: unknown) => Buffer.from(bytes as Uint8Array).toString('hex');
    expect(data.crls.map(hex)).toEqual([hex(routes.get('/issuing.crl')), hex(routes.get('/root.crl'))]);
    expect(data.ocspResponses).toEqual([]);
    expect(hits).toBe(2);
  });

  it('fails collect when a CRL cannot be had, naming the certificate', async () => {
    // Prepare
    routes.set('/issuing.crl', await crl(issuing, []));
    routes.delete('/root.crl');

    // Act
    const error = await source().collect([signer, issuerDer, der(root.certPem)]).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ code: 'revocation-unavailable', message: expect.stringMatching(/Issuing CA.*HTTP 404/) });
  });
});
