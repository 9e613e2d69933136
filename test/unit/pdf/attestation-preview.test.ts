import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { ATTESTATION_PREVIEW_NUMBER_LINE, ATTESTATION_PREVIEW_WATERMARK, attestationLines, attestationPreviewLines } from '../../../shared/domain/attestation';
import { composeAttestationPreview } from '../../../shared/pdf/attestation-preview';

const signer = { certifiedAt: new Date('2026-12-05T03:00:00Z'), official: { fullName: 'Trần Thị Bình', title: 'Phó Chủ tịch' }, agencyName: 'Ủy ban nhân dân phường Ba Đình' };

describe('The preview of the lời chứng before signing (issue #20 item 5)', () => {
  it('words the lời chứng as certify will, with the number line left blank', () => {
    // Act
    const preview = attestationPreviewLines(signer);
    const real = attestationLines({ ...signer, sequenceNo: 17, book: '01/2026-SCT/BS-ĐT' });

    // Assess
    expect(preview[1]).toBe(ATTESTATION_PREVIEW_NUMBER_LINE);
    expect(preview.filter((_, i) => i !== 1)).toEqual(real.filter((_, i) => i !== 1));
  });

  it('is one unsigned page titled with the watermark, with no form field to sign', async () => {
    // Act
    const bytes = await composeAttestationPreview({ lines: attestationPreviewLines(signer), title: 'Bằng tốt nghiệp THPT', pages: 2 });

    // Assess
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toBe(ATTESTATION_PREVIEW_WATERMARK);
    expect(doc.getForm().getFields()).toEqual([]);
    expect(Buffer.from(bytes).toString('latin1')).not.toContain('/ByteRange');
  });
});
