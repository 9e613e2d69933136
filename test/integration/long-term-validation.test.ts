import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, baseUrl, login } from '../helpers/api';
import { certify, downloadPdf, submittedRequest } from '../helpers/flows';
import { nssDbTrusting, pdfsig, qpdfCheck, tempFile } from '../helpers/tools';

/**
 * B-LTA through the local stack (docs/long-term-validation.md): needs the stack's real TSA and
 * revocation source (issue 19 items 1 and 3) wired into the signing functions' services.
 */
let nssDir: string;
let rootsPem: string;

/** The last document time-stamp of a PDF: the bytes it covers and its token (the DER at the start of its zero-padded /Contents). */
function lastDocumentTimestamp(pdf: Uint8Array): { covered: Buffer; token: Buffer } {
  const text = Buffer.from(pdf).toString('latin1');
  const stamp = [...text.matchAll(/\/Type \/DocTimeStamp[^]*?\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/g)].at(-1)!;
  const [a, b, c, d] = stamp.slice(1).map(Number);
  const contents = Buffer.from(text.slice(b + 1, c - 1), 'hex');
  const lengthBytes = contents[1] & 0x7f;
  const length = contents[1] < 0x80 ? 2 + contents[1] : 2 + lengthBytes + contents.subarray(2, 2 + lengthBytes).readUIntBE(0, lengthBytes);
  return { covered: Buffer.concat([Buffer.from(pdf.subarray(a, a + b)), Buffer.from(pdf.subarray(c, c + d))]), token: contents.subarray(0, length) };
}

/** openssl ts -verify of a document time-stamp over its byte ranges, against the service's trust list. */
function opensslVerifiesDocumentTimestamp(pdf: Uint8Array): string {
  const { covered, token } = lastDocumentTimestamp(pdf);
  const tokenFile = tempFile(token, 'token.der');
  const chain = spawnSync('openssl', ['pkcs7', '-inform', 'DER', '-in', tokenFile, '-print_certs'], { encoding: 'utf8' }).stdout;
  const r = spawnSync('openssl', ['ts', '-verify', '-data', tempFile(covered, 'covered.bin'), '-in', tokenFile, '-token_in',
    '-CAfile', tempFile(rootsPem, 'roots.pem'), '-untrusted', tempFile(chain, 'tsa-chain.pem')], { encoding: 'utf8' });
  return r.stdout + r.stderr;
}

beforeAll(async () => {
  rootsPem = await (await fetch(`${baseUrl()}/api/trust-list`)).text();
  nssDir = nssDbTrusting(rootsPem);
});

describe('Long-term validation through the local stack', () => {
  it('issues a B-LTA copy and, after a renewal run, serves a new version that extends it and still verifies', async () => {
    // Prepare
    const issued = await certify((await submittedRequest()).id);
    const first = await downloadPdf(issued.documentId);
    const firstText = Buffer.from(first).toString('latin1');

    // Act: the admin runs the daily renewal now, with a window that reaches any TSA certificate's expiry
    const run = await api('POST', '/api/dev/ltv-renew', { token: await login('admin'), json: { windowDays: 3650 } });
    const renewed = await downloadPdf(issued.documentId);

    // Assess
    expect(firstText).toContain('/Type /DSS');
    expect(firstText.match(/\/Type \/DocTimeStamp/g)).toHaveLength(1);
    expect(run.status).toBe(200);
    expect(run.body.renewed).toContainEqual({ documentId: issued.documentId, s3Key: `documents/${issued.documentId}.v2.pdf` });
    expect(Buffer.from(renewed.subarray(0, first.length)).equals(Buffer.from(first))).toBe(true);
    expect(Buffer.from(renewed).toString('latin1').match(/\/Type \/DocTimeStamp/g)).toHaveLength(2);
    const file = tempFile(renewed);
    expect(qpdfCheck(file).status).toBe(0);
    const report = pdfsig(file, nssDir);
    expect(report.match(/Signature is Valid\./g)).toHaveLength(2);
    for (const pdf of [first, renewed]) {
      const verified = await api('POST', '/api/verify', { body: pdf, contentType: 'application/pdf' });
      expect(verified.body.verdict).toBe('authentic');
      // B-LTA, and the time proven by the seal's signature time-stamp rather than the claimed /M.
      expect(verified.body.level).toBe('B-LTA');
      expect(Date.parse(verified.body.bestSignatureTime)).not.toBeNaN();
      expect(verified.body.signatures.filter((s: { docTimeStamp?: boolean }) => !s.docTimeStamp).every((s: { bestSignatureTime?: string }) => s.bestSignatureTime)).toBe(true);
      // An independent validator accepts the newest document time-stamp over the whole file, DSS included.
      expect(opensslVerifiesDocumentTimestamp(pdf)).toMatch(/Verification: OK/);
    }
  });

  it('answers 403 to the renewal route for anyone but an admin', async () => {
    // Act
    const res = await api('POST', '/api/dev/ltv-renew', { token: await login('official'), json: {} });

    // Assess
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
