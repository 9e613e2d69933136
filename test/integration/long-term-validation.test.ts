import { beforeAll, describe, expect, it } from 'vitest';
import { api, baseUrl, login } from '../helpers/api';
import { certify, downloadPdf, submittedRequest } from '../helpers/flows';
import { nssDbTrusting, pdfsig, qpdfCheck, tempFile } from '../helpers/tools';

/**
 * B-LTA through the local stack (docs/long-term-validation.md): needs the stack's real TSA and
 * revocation source (issue 19 items 1 and 3) wired into the signing functions' services.
 */
let nssDir: string;

beforeAll(async () => {
  nssDir = nssDbTrusting(await (await fetch(`${baseUrl()}/api/trust-list`)).text());
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
