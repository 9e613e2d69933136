import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevSigner } from '../../../shared/signing/dev/dev-pki';
import { appendValidationData } from '../../../shared/signing/dss-revision';
import { extendToLta } from '../../../shared/signing/long-term-validation';
import { signPdf } from '../../../shared/signing/sign-pdf';
import { buildPdf } from './support/pdf-fixtures';
import { AGENCY, OFFICIAL, createTestPki, type TestPki } from './support/test-pki';
import { createTestRevocation, createTestTsa, devIssuingCa, type TestRevocation, type TestTsa } from './support/test-tsa';
import { createNssDb, pdfsig, qpdfCheck, runTool } from './support/tools';

const NOW = () => new Date('2026-12-05T10:00:00Z');

/** The file's objects as qpdf reads them (independently of our parser), streams inline in base64. */
function qpdfObjects(file: string): Record<string, { value?: unknown; stream?: { dict: Record<string, unknown>; data?: string } }> {
  const result = runTool('qpdf', ['--json=2', '--json-key=qpdf', '--json-stream-data=inline', '--decode-level=none', file]);
  if (result.status !== 0 && result.status !== 3) throw new Error(`qpdf --json failed: ${result.stderr}`);
  const objects = JSON.parse(result.stdout).qpdf[1] as Record<string, { value?: unknown; stream?: { dict: Record<string, unknown>; data?: string } }>;
  return objects;
}

type Obj = Record<string, unknown>;
/** The catalog's /DSS as qpdf sees it, references followed. */
function dssOf(file: string) {
  const objects = qpdfObjects(file);
  const deref = (value: unknown): unknown => (typeof value === 'string' && / R$/.test(value) ? objects[`obj:${value}`]?.value ?? objects[`obj:${value}`] : value);
  const trailer = objects.trailer.value as Obj;
  const catalog = deref(trailer['/Root']) as Obj;
  const dss = deref(catalog['/DSS']) as Obj;
  const streamData = (ref: string) => Buffer.from(objects[`obj:${ref}`].stream!.data!, 'base64');
  const list = (key: string) => ((dss[key] as string[] | undefined) ?? []);
  const vri = (deref(dss['/VRI']) ?? {}) as Record<string, Obj>;
  return { dss, list, streamData, vri };
}

/** Every signature's /ByteRange and /Contents (hex decoded), read from the file's bytes. */
function signaturesIn(pdf: Uint8Array) {
  const text = Buffer.from(pdf).toString('latin1');
  return [...text.matchAll(/\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/g)].map((match) => {
    const [a, b, c, d] = match.slice(1).map(Number);
    const contents = Buffer.from(text.slice(b + 1, c - 1), 'hex');
    return { range: [a, b, c, d], contents, covered: Buffer.concat([Buffer.from(pdf.subarray(a, a + b)), Buffer.from(pdf.subarray(c, c + d))]) };
  });
}

/** The DER element at the start of a zero-padded /Contents. */
function derPrefix(bytes: Buffer): Buffer {
  const first = bytes[1];
  if (first < 0x80) return bytes.subarray(0, 2 + first);
  const count = first & 0x7f;
  return bytes.subarray(0, 2 + count + bytes.subarray(2, 2 + count).readUIntBE(0, count));
}

describe('Function: extendToLta (PAdES B-LT, B-LTA and renewal)', () => {
  let env: TestPki;
  let nssDb: string;
  let tsa: TestTsa;
  let revocation: TestRevocation;
  const signedCopy = async (useObjectStreams: boolean) => {
    const timestamper = async (signature: Uint8Array) => tsa.stamp(createHash('sha256').update(signature).digest());
    const unsigned = await buildPdf({ pages: 2, useObjectStreams });
    const once = await signPdf(unsigned, {
      signer: createDevSigner(env.pki.officials[OFFICIAL.id]), signingTime: NOW(), field: { name: 'official', pageIndex: 1, rect: [60, 120, 280, 200] },
      signerName: OFFICIAL.fullName, reason: 'Chứng thực', timestamper,
    });
    return signPdf(once, {
      signer: createDevSigner(env.pki.agencies[AGENCY.id]), signingTime: NOW(), field: { name: 'agency', pageIndex: 1, rect: [320, 120, 540, 200] },
      signerName: AGENCY.name, reason: 'Đóng dấu', timestamper,
    });
  };
  const write = (name: string, pdf: Uint8Array) => {
    const file = join(env.dir, name);
    writeFileSync(file, pdf);
    return file;
  };

  beforeAll(async () => {
    env = await createTestPki();
    mkdirSync(join(env.dir, 'nss'));
    nssDb = createNssDb(join(env.dir, 'nss'), env.pki.rootCertPem);
    tsa = await createTestTsa();
    revocation = await createTestRevocation([await devIssuingCa(env.pkiDir), tsa.root]);
    writeFileSync(join(env.dir, 'tsa-root.pem'), tsa.rootPem);
    writeFileSync(join(env.dir, 'tsa.pem'), tsa.certPem);
  }, 60_000);
  afterAll(() => env.cleanup());

  for (const [label, useObjectStreams] of [['an xref-table file', false], ['an xref-stream file', true]] as const) {
    describe(`on ${label} signed by the official and the agency (B-T)`, () => {
      let sealed: Uint8Array;
      let lta: Uint8Array;
      let digests: { input: string; pdf: string };
      let file: string;

      beforeAll(async () => {
        sealed = await signedCopy(useObjectStreams);
        revocation.asked.length = 0;
        ({ pdf: lta, sha256: digests } = await extendToLta(sealed, { tsa, revocation, now: NOW }));
        file = write(`lta-${useObjectStreams}.pdf`, lta);
        write(`sealed-${useObjectStreams}.pdf`, sealed);
      }, 60_000);

      it('keeps the sealed bytes as the prefix and passes qpdf --check', () => {
        // Assess
        expect(Buffer.from(lta.subarray(0, sealed.length)).equals(Buffer.from(sealed))).toBe(true);
        const check = qpdfCheck(file);
        expect(check.status, check.stdout + check.stderr).toBe(0);
      });

      it('returns the SHA-256 of the sealed input and of the result, as the registry records them', () => {
        // Assess
        expect(digests.input).toBe(createHash('sha256').update(sealed).digest('hex'));
        expect(digests.pdf).toBe(createHash('sha256').update(lta).digest('hex'));
      });

      it('leaves both approval signatures valid and trusted for pdfsig, which lists the document time-stamp after them', () => {
        // Act
        const signatures = pdfsig(file, nssDb);

        // Assess
        expect(signatures.map((s) => s.fieldName)).toEqual(['official', 'agency', 'timestamp-1']);
        for (const signature of signatures.slice(0, 2)) {
          expect(signature.valid && signature.trusted, signature.text).toBe(true);
        }
        // poppler 22 names no RFC 3161 sub-filter ("unknown"); later versions print ETSI.RFC3161.
        expect(['ETSI.RFC3161', 'unknown']).toContain(signatures[2].signatureType);
      });

      it('writes a document time-stamp whose byte ranges cover the whole file but its /Contents, which openssl ts -verify accepts', () => {
        // Prepare
        const stamp = signaturesIn(lta).at(-1)!;
        const [start, firstLength, secondStart, secondLength] = stamp.range;
        writeFileSync(join(env.dir, 'covered.bin'), stamp.covered);
        writeFileSync(join(env.dir, 'token.der'), derPrefix(stamp.contents));

        // Act
        const verify = runTool('openssl', ['ts', '-verify', '-data', join(env.dir, 'covered.bin'), '-in', join(env.dir, 'token.der'), '-token_in',
          '-CAfile', join(env.dir, 'tsa-root.pem'), '-untrusted', join(env.dir, 'tsa.pem')]);

        // Assess
        expect(start).toBe(0);
        expect(secondStart + secondLength).toBe(lta.length);
        expect(lta[firstLength]).toBe(0x3c); // '<'
        expect(lta[secondStart - 1]).toBe(0x3e); // '>'
        expect(verify.status, verify.stdout + verify.stderr).toBe(0);
        expect(verify.stdout).toContain('Verification: OK');
        const added = Buffer.from(lta.subarray(sealed.length, firstLength)).toString('latin1');
        expect(/\/Type \/DocTimeStamp \/Filter \/Adobe\.PPKLite \/SubFilter \/ETSI\.RFC3161\n\/ByteRange \[[^\]]*\] *\n\/Contents $/.test(added)).toBe(true);
        expect(Buffer.from(lta.subarray(sealed.length)).toString('latin1')).not.toMatch(/\/M \(D:/);
      });

      it('adds a DSS with every chain certificate, a CRL openssl reads for each issued certificate, and VRI keyed by the SHA-1 of each /Contents', () => {
        // Act
        const { list, streamData, vri } = dssOf(file);

        // Assess
        const certificates = list('/Certs').map(streamData);
        const subjects = certificates.map((der) => {
          writeFileSync(join(env.dir, 'c.der'), der);
          return runTool('openssl', ['x509', '-inform', 'DER', '-in', join(env.dir, 'c.der'), '-noout', '-subject', '-nameopt', 'utf8']).stdout;
        });
        expect(subjects.join('')).toContain(OFFICIAL.fullName);
        expect(subjects.join('')).toContain('Test TSA');
        // The official, the agency and the dev issuing CA (the signatures carry no root), the TSA and its root: each once.
        expect(new Set(certificates.map((c) => c.toString('hex'))).size).toBe(certificates.length);
        expect(certificates).toHaveLength(5);
        const crls = list('/CRLs').map(streamData);
        expect(crls.length).toBeGreaterThanOrEqual(2);
        for (const crl of crls) {
          writeFileSync(join(env.dir, 'crl.der'), crl);
          const read = runTool('openssl', ['crl', '-inform', 'DER', '-in', join(env.dir, 'crl.der'), '-noout', '-issuer']);
          expect(read.status, read.stderr).toBe(0);
        }
        const approvals = signaturesIn(lta).slice(0, 2);
        const keys = approvals.map((s) => `/${createHash('sha1').update(s.contents).digest('hex').toUpperCase()}`);
        expect(Object.keys(vri).sort()).toEqual([...keys].sort());
        for (const key of keys) {
          expect((vri[key]['/Cert'] as string[]).every((ref) => list('/Certs').includes(ref))).toBe(true);
          expect((vri[key]['/CRL'] as string[]).every((ref) => list('/CRLs').includes(ref))).toBe(true);
          expect(vri[key]['/TU']).toBe('u:D:20261205100000Z');
        }
      });

      it('asks the revocation source about the chain of each signer and of each signature time-stamp', () => {
        // Assess
        const leaves = revocation.asked.map((chain) => createHash('sha256').update(chain[0]).digest('hex'));
        expect(revocation.asked).toHaveLength(4);
        expect(leaves.filter((leaf) => leaf === createHash('sha256').update(tsa.certDer).digest('hex'))).toHaveLength(2);
      });

      it('leaves the text of the copy unchanged (pdftotext)', () => {
        // Act
        const before = runTool('pdftotext', [join(env.dir, `sealed-${useObjectStreams}.pdf`), '-']).stdout;
        const after = runTool('pdftotext', [file, '-']).stdout;

        // Assess
        expect(after).toBe(before);
        expect(after).toContain('Page 1 / 2');
      });

      it('renews: fresh data for the newest document time-stamp, a second time-stamp, the earlier DSS kept and nothing duplicated', async () => {
        // Prepare
        const first = dssOf(file);
        revocation.asked.length = 0;

        // Act
        const renewed = await extendToLta(lta, { tsa, revocation, now: () => new Date('2027-01-01T00:00:00Z') });
        const renewedFile = write(`renewed-${useObjectStreams}.pdf`, renewed.pdf);

        // Assess
        expect(renewed.step).toBe('renewal');
        expect(renewed.sha256).toEqual({ input: createHash('sha256').update(lta).digest('hex'), pdf: createHash('sha256').update(renewed.pdf).digest('hex') });
        expect(Buffer.from(renewed.pdf.subarray(0, lta.length)).equals(Buffer.from(lta))).toBe(true);
        expect(qpdfCheck(renewedFile).status).toBe(0);
        const signatures = pdfsig(renewedFile, nssDb);
        expect(signatures.map((s) => s.fieldName)).toEqual(['official', 'agency', 'timestamp-1', 'timestamp-2']);
        expect(signatures[0].valid && signatures[1].valid).toBe(true);
        expect(revocation.asked).toHaveLength(1);
        expect(Buffer.from(revocation.asked[0][0]).equals(Buffer.from(tsa.certDer))).toBe(true);
        const second = dssOf(renewedFile);
        expect(second.list('/Certs')).toEqual(first.list('/Certs'));
        expect(second.list('/CRLs').slice(0, first.list('/CRLs').length)).toEqual(first.list('/CRLs'));
        const stamp = signaturesIn(lta).at(-1)!;
        const stampKey = `/${createHash('sha1').update(stamp.contents).digest('hex').toUpperCase()}`;
        expect(Object.keys(second.vri).sort()).toEqual([...Object.keys(first.vri), stampKey].sort());
      });
    });
  }

  it('refers to an object already in the DSS instead of writing it again', async () => {
    // Prepare
    const sealed = await signedCopy(false);
    const data = { certificates: [tsa.certDer], crls: [], ocspResponses: [] };
    const once = appendValidationData(sealed, data);

    // Act
    const twice = appendValidationData(once, data);

    // Assess
    const added = Buffer.from(twice.subarray(once.length)).toString('latin1');
    expect(added).not.toContain('stream');
    expect(dssOf(write('dedupe.pdf', twice)).list('/Certs')).toEqual(dssOf(write('dedupe-once.pdf', once)).list('/Certs'));
    expect(qpdfCheck(join(env.dir, 'dedupe.pdf')).status).toBe(0);
  }, 60_000);
});
