import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPageRef, PdfObjectEditor, type PdfRef } from '../../../shared/pdf-syntax';
import { createDevSigner, ensureDevPki, type DevIdentity } from '../../../shared/signing/dev/dev-pki';
import { signPdf } from '../../../shared/signing/sign-pdf';
import { pemToDerList } from '../../../shared/asn1';
import { verifyPdf, type RegistryRecord } from '../../../shared/verification';
import {
  appendDssRevision, appendUnsignedRevision, latin1, offsetInImage, overwrite, signRevision, signatureSpots, withByteRange,
} from './support/forge';
import { AGENCY, MemoryRegistry, OFFICIAL, createTestPki, issueCopy, type IssuedCopy, type TestPki } from './support/issued-copy';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Defence in depth (issue 19): once copies gain revisions after issuance (validation data,
 * document time-stamps), the whole-file SHA-256 no longer pins the file; the signature checks
 * must refuse every forgery on their own. Each variant is verified with a registry that holds the
 * forged file's own hash — the hash check taken away — and must never be authentic.
 */
describe('Function: verifyPdf without the whole-file hash check', () => {
  let env: TestPki;
  let copy: IssuedCopy;
  let otherAgency: DevIdentity;
  const OTHER = { id: 'ubnd-xa-khac', name: 'UBND xã Khác' };
  /** The genuine record, except that it holds the hash of the very bytes being verified. */
  const blind = (bytes: Uint8Array, record: RegistryRecord = copy.record) =>
    verifyPdf(bytes, { trust: env.trust, registry: new MemoryRegistry().add({ ...record, sha256: sha256(bytes) }), now: new Date() });

  beforeAll(async () => {
    env = await createTestPki();
    copy = await issueCopy(env.pki);
    // Another agency of the same trusted CA: its seal is trusted, but it did not issue this copy.
    otherAgency = (await ensureDevPki(env.pkiDir, { officials: [], agencies: [OTHER] })).agencies[OTHER.id];
  });
  afterAll(() => env.cleanup());

  const officialSigner = () => createDevSigner(env.pki.officials[OFFICIAL.id]);
  const agencySigner = () => createDevSigner(env.pki.agencies[AGENCY.id]);
  const signField = (pdf: Uint8Array, field: IssuedCopy['fields']['agency'], signer: ReturnType<typeof createDevSigner>) =>
    signPdf(pdf, { signer, signingTime: copy.signingTime, field, signerName: 'x', reason: 'x' });
  const rewritePage = (pdf: Uint8Array) => appendUnsignedRevision(pdf, (reader, size) => {
    const catalog = reader.dict(reader.xref.trailer.entries.get('Root') as never, 'catalog');
    const pageRef = findPageRef(reader, catalog, 0);
    const page = reader.dict(pageRef, 'page');
    const editor = new PdfObjectEditor(reader.object(pageRef));
    editor.replace(page.entries.get('Contents')!, `[${size} 0 R]`);
    const content = 'BT /F1 48 Tf 100 400 Td (GIA MAO) Tj ET';
    return [
      { num: pageRef.num, gen: 0, body: editor.body() },
      { num: size, gen: 0, body: Buffer.from(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`) },
    ];
  });

  const VARIANTS: [string, () => Promise<Uint8Array> | Uint8Array][] = [
    ['a byte flipped in the scan', () => {
      const at = offsetInImage(copy.pdf);
      return overwrite(copy.pdf, at, String.fromCharCode(copy.pdf[at] ^ 0x01));
    }],
    ['an unsigned revision replacing the page content', () => rewritePage(copy.pdf)],
    ['an unsigned revision adding an annotation', () => appendUnsignedRevision(copy.pdf, (reader, size) => {
      const catalog = reader.dict(reader.xref.trailer.entries.get('Root') as never, 'catalog');
      const pageRef = findPageRef(reader, catalog, 0);
      const editor = new PdfObjectEditor(reader.object(pageRef));
      const page = reader.dict(pageRef, 'page');
      const annots = page.entries.get('Annots');
      if (annots?.kind === 'array') editor.appendToArray(annots, `${size} 0 R`);
      else editor.addEntry(page, 'Annots', `[${size} 0 R]`);
      return [
        { num: pageRef.num, gen: 0, body: editor.body() },
        { num: size, gen: 0, body: Buffer.from('<< /Type /Annot /Subtype /FreeText /Rect [50 50 400 120] /Contents (DA HUY) /DA (/Helv 24 Tf 1 0 0 rg) >>') },
      ];
    })],
    ['the seal /Contents zeroed', () => {
      const agency = signatureSpots(copy.pdf)[1];
      return overwrite(copy.pdf, agency.contentsStart + 1, '0'.repeat(agency.contentsEnd - agency.contentsStart - 2));
    }],
    ['the seal /Contents emptied', () => {
      const agency = signatureSpots(copy.pdf)[1];
      return overwrite(copy.pdf, agency.contentsStart, '<>'.padEnd(agency.contentsEnd - agency.contentsStart, ' '));
    }],
    ['a wrapping /ByteRange', () => {
      const agency = signatureSpots(copy.pdf)[1];
      const [, a, b, c] = agency.byteRange;
      return withByteRange(copy.pdf, agency, [0, a - 40, b, c]);
    }],
    ['a moved second range', () => {
      const official = signatureSpots(copy.pdf)[0];
      const [, a, b, c] = official.byteRange;
      return withByteRange(copy.pdf, official, [0, a, b + 8, c - 8]);
    }],
    ['a second range stopping short of its revision', () => {
      const official = signatureSpots(copy.pdf)[0];
      const [, a, b, c] = official.byteRange;
      return withByteRange(copy.pdf, official, [0, a, b, c - 30]);
    }],
    ['the last 100 bytes cut', () => copy.pdf.subarray(0, copy.pdf.length - 100)],
    ['the final %%EOF cut', () => copy.pdf.subarray(0, copy.pdf.length - 3)],
    ['everything after the official signature cut (the seal removed)', () => copy.once],
    ['another verify code in a later /Info', () => appendUnsignedRevision(copy.pdf, (_reader, size) => [
      { num: size, gen: 0, body: Buffer.from('<< /VerifyCode (0000-0000-0000-0000-0000-0000) >>') },
    ], (size) => ({ Info: `${size} 0 R` }))],
    ['the official signature dictionary redefined later (spoofing)', () => {
      const match = /(\d+) 0 obj\n(<< \/Type \/Sig[\s\S]*?>>)\nendobj/.exec(latin1(copy.pdf))!;
      return appendUnsignedRevision(copy.pdf, () => [{ num: Number(match[1]), gen: 0, body: Buffer.from(match[2], 'latin1') }]);
    }],
    ['a hidden signature dictionary', () => appendUnsignedRevision(copy.pdf, (_reader, size) => [{
      num: size, gen: 0,
      body: Buffer.from(`<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 10 20 30] /Contents <${'00'.repeat(64)}> >>`),
    }])],
    ['the seal without /ByteRange (universal forgery)', () => overwrite(copy.pdf, latin1(copy.pdf).lastIndexOf('/ByteRange'), '/ByteRangX')],
    ['a third approval signature by the agency seal itself', () =>
      signRevision(copy.pdf, { name: 'them', pageIndex: 0, rect: [10, 10, 60, 40] }, agencySigner(), new Date())],
    ['a third approval signature by the official', () =>
      signRevision(copy.pdf, { name: 'them', pageIndex: 0, rect: [10, 10, 60, 40] }, officialSigner(), new Date())],
    ['the seal of another trusted agency instead of the issuer', () => signField(copy.once, copy.fields.agency, createDevSigner(otherAgency))],
    ['the seal alone, without the official', () => signField(copy.composed, copy.fields.agency, agencySigner())],
    ['the seal first, then the official (order swapped)', async () =>
      signField(await signField(copy.composed, copy.fields.official, agencySigner()), copy.fields.agency, officialSigner())],
    ['the official signing both places', async () =>
      signField(await signField(copy.composed, copy.fields.official, officialSigner()), copy.fields.agency, officialSigner())],
    ['the seal in both places', async () =>
      signField(await signField(copy.composed, copy.fields.official, agencySigner()), copy.fields.agency, agencySigner())],
    ['a validation-data revision that also rewrites the page', () => appendDssRevision(copy.pdf, issuerDer(), (reader) => {
      const catalog = reader.dict(reader.xref.trailer.entries.get('Root') as never, 'catalog');
      const pageRef = findPageRef(reader, catalog, 0);
      const editor = new PdfObjectEditor(reader.object(pageRef));
      editor.addEntry(reader.dict(pageRef, 'page'), 'UserUnit', '4');
      return [{ num: pageRef.num, gen: 0, body: editor.body() }];
    })],
    ['a validation-data revision, then one that sets an /OpenAction', () => withOpenAction(appendDssRevision(copy.pdf, issuerDer()))],
    ['a signature approving a copy whose page was rewritten after the seal', async () =>
      signRevision(rewritePage(copy.pdf), { name: 'them', pageIndex: 0, rect: [10, 10, 60, 40] }, agencySigner(), new Date())],
  ];

  const issuerDer = () => pemToDerList(env.pki.issuingCertPem, 'CERTIFICATE')[0];
  /** A revision after `pdf` that rewrites the catalog with an /OpenAction and nothing else. */
  const withOpenAction = (pdf: Uint8Array) => appendUnsignedRevision(pdf, (reader, size) => {
    const rootRef = reader.xref.trailer.entries.get('Root') as PdfRef;
    const editor = new PdfObjectEditor(reader.object(rootRef));
    editor.addEntry(reader.dict(rootRef, 'catalog'), 'OpenAction', `${size} 0 R`);
    return [
      { num: rootRef.num, gen: 0, body: editor.body() },
      { num: size, gen: 0, body: Buffer.from('<< /S /URI /URI (https://example.com/) >>') },
    ];
  });

  it.each(VARIANTS)('never calls %s authentic', async (_label, forge) => {
    // Prepare
    const forged = await forge();

    // Act
    const report = await blind(forged);

    // Assess
    expect(report.checks.find((c) => c.id === 'file-hash')?.passed).toBe(true);
    expect(report.verdict, JSON.stringify(report.checks.filter((c) => !c.passed))).not.toBe('authentic');
    expect(['tampered', 'untrusted']).toContain(report.verdict);
  });

  it('still calls the genuine copy authentic under the same registry (the control)', async () => {
    // Act
    const report = await blind(copy.pdf);

    // Assess
    expect(report.verdict, JSON.stringify(report.checks.filter((c) => !c.passed))).toBe('authentic');
  });

  it('keeps the genuine copy authentic after a revision that only adds validation data (B-LT)', async () => {
    // Prepare
    const withDss = appendDssRevision(copy.pdf, issuerDer());

    // Act
    const report = await blind(withDss);

    // Assess
    expect(report.verdict, JSON.stringify(report.checks.filter((c) => !c.passed))).toBe('authentic');
    expect(report.checks.find((c) => c.id === 'whole-file-coverage')!.detail).toMatch(/dữ liệu kiểm tra/);
  });

  it('keeps a register copy sealed by its issuer authentic, and refuses one sealed by another agency', async () => {
    // Prepare
    const record: RegistryRecord = { ...copy.record, kind: 'register-copy' };
    const sealed = await signField(copy.composed, copy.fields.agency, agencySigner());
    const foreign = await signField(copy.composed, copy.fields.agency, createDevSigner(otherAgency));

    // Act
    const genuine = await blind(sealed, record);
    const forged = await blind(foreign, record);

    // Assess
    expect(genuine.verdict, JSON.stringify(genuine.checks.filter((c) => !c.passed))).toBe('authentic');
    expect(forged).toMatchObject({ verdict: 'tampered', subIndication: 'FORMAT_FAILURE' });
    expect(forged.checks.find((c) => c.id === 'signature-roles')).toMatchObject({ passed: false, detail: expect.stringContaining(AGENCY.name) });
  });
});

describe('Function: verifyPdf with the sealed prefix of a renewed copy (RegistryRecord.sealed)', () => {
  let env: TestPki;
  let copy: IssuedCopy;
  let issuerDer: Uint8Array;
  const verify = (bytes: Uint8Array, record: RegistryRecord) =>
    verifyPdf(bytes, { trust: env.trust, registry: new MemoryRegistry().add(record), now: new Date() });
  /** The record of a copy issued as B-LT: the whole first version, and its sealed prefix. */
  const sealedRecord = (): RegistryRecord => ({ ...copy.record, sealed: { length: copy.pdf.length, sha256: sha256(copy.pdf) } });

  beforeAll(async () => {
    env = await createTestPki();
    copy = await issueCopy(env.pki);
    issuerDer = pemToDerList(env.pki.issuingCertPem, 'CERTIFICATE')[0];
  });
  afterAll(() => env.cleanup());

  it('accepts a later version that only adds validation data after the sealed bytes', async () => {
    // Prepare
    const renewed = appendDssRevision(appendDssRevision(copy.pdf, issuerDer), issuerDer);

    // Act
    const report = await verify(renewed, sealedRecord());

    // Assess
    expect(report.verdict, JSON.stringify(report.checks.filter((c) => !c.passed))).toBe('authentic');
    expect(report.checks.find((c) => c.id === 'file-hash')!.detail).toMatch(/niêm phong khi cấp/);
  });

  it('refuses a later version whose sealed bytes changed, or whose update changes the page', async () => {
    // Prepare
    const at = offsetInImage(copy.pdf);
    const flipped = appendDssRevision(overwrite(copy.pdf, at, String.fromCharCode(copy.pdf[at] ^ 0x01)), issuerDer);
    const rewritten = appendDssRevision(copy.pdf, issuerDer, (reader) => {
      const catalog = reader.dict(reader.xref.trailer.entries.get('Root') as never, 'catalog');
      const pageRef = findPageRef(reader, catalog, 0);
      const editor = new PdfObjectEditor(reader.object(pageRef));
      editor.addEntry(reader.dict(pageRef, 'page'), 'UserUnit', '4');
      return [{ num: pageRef.num, gen: 0, body: editor.body() }];
    });

    // Act
    const reports = [await verify(flipped, sealedRecord()), await verify(rewritten, sealedRecord())];

    // Assess
    for (const report of reports) {
      expect(report.verdict).toBe('tampered');
      expect(report.checks.find((c) => c.id === 'file-hash')!.passed).toBe(false);
    }
  });

  it('keeps an old record (no sealed prefix) to the whole-file hash', async () => {
    // Act
    const report = await verify(appendDssRevision(copy.pdf, issuerDer), copy.record);

    // Assess
    expect(report).toMatchObject({ verdict: 'tampered', subIndication: 'HASH_FAILURE' });
  });
});
