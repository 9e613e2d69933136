import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePDFRawStream, PDFArray, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { composeCertifiedCopy, type CertifiedCopyInput } from '../../../shared/pdf/compose-certified-copy';
import { composeRegisterCopy } from '../../../shared/pdf/compose-register-copy';
import type { ComposedCopy } from '../../../shared/pdf/types';
import { createDevSigner } from '../../../shared/signing/dev/dev-pki';
import { signPdf } from '../../../shared/signing/sign-pdf';
import { AGENCY, OFFICIAL, createTestPki, type TestPki } from '../signing/support/test-pki';
import { createNssDb, pdfsig } from '../signing/support/tools';
import { makePdf, makePng } from './support/originals';
import { countPixels, pdfToText, renderArea } from './support/tools';

/**
 * The copy as printed (issue #17 item 8): no text under 9 pt, and signatures that show who signed,
 * the title and the time, the agency's as its red seal (Decree 30/2020/NĐ-CP Annex I), inside the
 * signed bytes, so that pdfsig still finds both signatures valid and trusted.
 */
const CODE = 'ABCD2345EFGH6789JKMNPQRS';
const SIGNED_AT = new Date('2026-11-27T03:00:00Z');
const SIGNED_AT_TEXT = '2026-11-27T10:00:00+07:00';
const NAME = 'Nguyễn Thị Ánh Tuyết';
const TITLE = 'Phó Chủ tịch';

function certifiedInput(originals: CertifiedCopyInput['originals']): CertifiedCopyInput {
  return {
    originals,
    verifyCode: CODE,
    verifyUrl: `https://bansao.example.gov.vn/verify/${CODE}`,
    certificationNo: '123/01-2026-SCT/BS',
    attestationLines: ['Chứng thực bản sao đúng với bản chính.', 'Số chứng thực: 123. Quyển số: 01-2026-SCT/BS', 'Ngày 27 tháng 11 năm 2026'],
    official: { fullName: NAME, title: TITLE },
    agency: { name: 'Ủy ban nhân dân phường Ba Đình' },
    createdAt: SIGNED_AT,
    signedAt: SIGNED_AT,
  };
}

function registerInput() {
  return {
    agency: { name: 'Ủy ban nhân dân phường Ba Đình', parentName: 'Ủy ban nhân dân thành phố Hà Nội' },
    copyTitle: 'Trích lục khai sinh',
    fields: [{ label: 'Họ, chữ đệm, tên', value: 'Trần Văn An' }],
    entryNo: '125/2020',
    registerTitle: 'Sổ đăng ký khai sinh năm 2020',
    verifyCode: CODE,
    verifyUrl: `https://bansao.example.gov.vn/verify/${CODE}`,
    certificationNo: '5/01-2026-SG/BS',
    issuedAtText: 'Ngày 27 tháng 11 năm 2026',
    issuerStatement: ['Bản sao được cấp từ sổ gốc: Sổ đăng ký khai sinh năm 2020, số 125/2020.'],
    createdAt: SIGNED_AT,
    signedAt: SIGNED_AT,
  };
}

/** Every font size set by a Tf operator in the pages' content and in every Form XObject. */
async function fontSizes(pdf: Uint8Array): Promise<number[]> {
  const doc = await PDFDocument.load(pdf);
  const streams: PDFRawStream[] = [];
  for (const page of doc.getPages()) {
    const contents = page.node.Contents();
    const list = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
    for (const s of list) if (s instanceof PDFRawStream) streams.push(s);
  }
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (object instanceof PDFRawStream && object.dict.get(PDFName.of('Subtype')) === PDFName.of('Form')) streams.push(object);
  }
  const text = streams.map((s) => Buffer.from(decodePDFRawStream(s).decode()).toString('latin1')).join('\n');
  return [...text.matchAll(/\/[^\s/<>[\]()]+\s+(-?\d*\.?\d+)\s+Tf\b/g)].map((m) => Number(m[1]));
}

const flat = (text: string) => text.replace(/\s+/g, ' ');
const dark = (r: number, g: number, b: number) => r + g + b < 600;
const red = (r: number, g: number, b: number) => r > 150 && g < 110 && b < 110;
const blue = (r: number, g: number, b: number) => b > 120 && r < 110 && b > r + 40;

describe('Printed copy: text sizes', () => {
  it('prints no text under 9 pt on a certified copy (QR band, footer, lời chứng, signatures)', async () => {
    // Act
    const copy = await composeCertifiedCopy(certifiedInput([{ bytes: makePng(40, 30), contentType: 'image/png', fileName: 'scan.png' }]));

    // Assess
    const sizes = await fontSizes(copy.pdf);
    expect(sizes.length).toBeGreaterThan(5);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(9);
  });

  it('prints no text under 9 pt on a register copy, and keeps a narrow page\'s footer at 9 pt by stacking it', async () => {
    // Prepare: a page too narrow for the footer on one line.
    const narrow = await makePdf([{ size: [220, 320], text: 'HEP' }]);

    // Act
    const register = await composeRegisterCopy(registerInput());
    const certified = await composeCertifiedCopy(certifiedInput([{ bytes: narrow, contentType: 'application/pdf', fileName: 'hep.pdf' }]));

    // Assess
    expect(Math.min(...(await fontSizes(register.pdf)))).toBeGreaterThanOrEqual(9);
    const sizes = await fontSizes(certified.pdf);
    expect(Math.min(...sizes.filter((s) => s !== 18))).toBeGreaterThanOrEqual(9); // 18 pt is the original's own text
    const firstPage = pdfToText(certified.pdf).split('\f')[0];
    expect(flat(firstPage)).toContain(`Mã kiểm tra: ${CODE}`);
    expect(firstPage).toContain('Trang 1/2');
  });
});

describe('Printed copy: visible signatures, signed', () => {
  let env: TestPki;
  let nssDb: string;
  let composed: ComposedCopy;
  let signed: Uint8Array;
  let registerComposed: ComposedCopy;
  let registerSigned: Uint8Array;

  beforeAll(async () => {
    env = await createTestPki();
    mkdirSync(join(env.dir, 'nss'));
    nssDb = createNssDb(join(env.dir, 'nss'), env.pki.rootCertPem);
    const original = await makePdf([{ text: 'TRANG MOT' }, { size: [841.89, 595.28], text: 'TRANG HAI' }]);
    composed = await composeCertifiedCopy(certifiedInput([{ bytes: original, contentType: 'application/pdf', fileName: 'a.pdf' }]));
    const official = createDevSigner(env.pki.officials[OFFICIAL.id]);
    const agency = createDevSigner(env.pki.agencies[AGENCY.id]);
    const once = await signPdf(composed.pdf, { signer: official, signingTime: SIGNED_AT, field: composed.fields.official!, signerName: NAME });
    signed = await signPdf(once, { signer: agency, signingTime: SIGNED_AT, field: composed.fields.agency, signerName: AGENCY.name });
    registerComposed = await composeRegisterCopy(registerInput());
    registerSigned = await signPdf(registerComposed.pdf, { signer: agency, signingTime: SIGNED_AT, field: registerComposed.fields.agency });
    writeFileSync(join(env.dir, 'signed.pdf'), signed);
    writeFileSync(join(env.dir, 'register.pdf'), registerSigned);
  }, 60_000); // a dev PKI, two compositions and three signatures: slow on a loaded machine
  afterAll(() => env.cleanup());

  it('keeps both signatures valid and trusted for pdfsig, the agency\'s covering the whole file', () => {
    // Act
    const report = pdfsig(join(env.dir, 'signed.pdf'), nssDb);
    const registerReport = pdfsig(join(env.dir, 'register.pdf'), nssDb);

    // Assess
    expect(report.map((s) => s.fieldName)).toEqual(['sig-official', 'sig-agency']);
    for (const s of [...report, ...registerReport]) {
      expect(s.valid, s.text).toBe(true);
      expect(s.trusted, s.text).toBe(true);
    }
    expect(report[1].totalDocumentSigned).toBe(true);
    expect(registerReport[0].totalDocumentSigned).toBe(true);
  });

  it('shows the signatures in the widgets themselves: marks there with annotations, none without, none before signing', () => {
    // Prepare
    const page = composed.fields.official!.pageIndex + 1;
    const height = 841.89;

    // Act
    const official = renderArea(signed, page, height, composed.fields.official!.rect);
    const withoutWidgets = renderArea(signed, page, height, composed.fields.official!.rect, true);
    const beforeSigning = renderArea(composed.pdf, page, height, composed.fields.agency.rect);
    const seal = renderArea(signed, page, height, composed.fields.agency.rect);

    // Assess: blue text in the official's box, a red seal in the agency's, nothing on the page beneath.
    expect(countPixels(official, blue)).toBeGreaterThan(200);
    expect(countPixels(seal, red)).toBeGreaterThan(800);
    expect(countPixels(withoutWidgets, dark)).toBe(0);
    expect(countPixels(beforeSigning, dark)).toBe(0);
  });

  it('shows who signed, the title and the signing time (ISO 8601, Vietnam time) in the signatures', () => {
    // Act
    const lastPage = flat(pdfToText(signed).split('\f')[composed.fields.official!.pageIndex]);
    const unsigned = flat(pdfToText(composed.pdf));

    // Assess: the time appears only through the widgets, once in each signature.
    expect(lastPage).toContain(`Người ký: ${NAME}`);
    expect(lastPage).toContain(`Chức danh: ${TITLE}`);
    expect(lastPage).toContain(`Thời gian ký: ${SIGNED_AT_TEXT}`);
    expect(lastPage.split(SIGNED_AT_TEXT)).toHaveLength(3);
    expect(unsigned).not.toContain(SIGNED_AT_TEXT);
  });

  it('shows the agency\'s red seal and signing time on a register copy', () => {
    // Prepare
    const { rect, pageIndex } = registerComposed.fields.agency;

    // Act
    const seal = renderArea(registerSigned, pageIndex + 1, 841.89, rect);
    const text = flat(pdfToText(registerSigned));

    // Assess
    expect(countPixels(seal, red)).toBeGreaterThan(800);
    expect(text).toContain(SIGNED_AT_TEXT);
  });
});
