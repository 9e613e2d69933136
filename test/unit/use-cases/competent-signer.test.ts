import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError } from '../../../shared/domain/errors';
import type { Principal } from '../../../shared/domain/roles';
import { certifyRequest } from '../../../shared/use-cases/certify-request';
import { issueRegisterCopy } from '../../../shared/use-cases/issue-register-copy';
import { pdfToText } from '../pdf/support/tools';
import { AGENCY, OFFICIAL_SIGNER_TITLE, official, officialSignerRecord, submittedCertifyRequest, submittedRequest, useInMemoryWorld } from '../support/in-memory-services';

/**
 * Issue #17 items 1 and 2: certify needs the recorded check of the paper original (Decree 45/2020
 * Art. 10(3)) and a signer record of the agency valid at the signing time (Decree 23 Art. 5 as
 * amended by Decree 280/2025), whose title is the one printed.
 */
const world = useInMemoryWorld((w) => {
  w.registers.set('reg', {
    register: { id: 'reg', agencyId: AGENCY.id, type: 'birth', title: 'Sổ đăng ký khai sinh', copyTitle: 'TRÍCH LỤC KHAI SINH', bookCode: 'TLKS/BS', feePerCopy: 8000, fields: [{ name: 'hoTen', label: 'Họ, chữ đệm, tên', type: 'string', required: true }] },
    entries: [{ registerId: 'reg', entryNo: '125', data: { hoTen: 'Nguyễn Văn An' } }],
  });
});

const copyText = (documentId: string) => {
  const doc = world().ledger.documents.get(documentId)!;
  return pdfToText(world().objects.get('issued', doc.s3Key)!.bytes).normalize('NFC');
};

describe('Function: certifyRequest — the original check and the signer', () => {
  it('refuses with a ConflictError until the check of the paper original is recorded, numbering nothing', async () => {
    // Prepare
    const request = await submittedCertifyRequest(world(), { checked: false });

    // Act
    const error = await certifyRequest(world().services, official, request.id).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).detail).toMatch(/kiểm tra bản chính/);
    expect(world().ledger.commits).toBe(0);
    expect(world().requests.get(request.id)?.status).toBe('submitted');
  });

  it('prints the title of the signer record, not the profile’s', async () => {
    // Prepare
    const request = await submittedCertifyRequest(world());

    // Act
    const issued = await certifyRequest(world().services, official, request.id);

    // Assess
    const text = copyText(issued.documentId);
    expect(text).toContain(OFFICIAL_SIGNER_TITLE);
    expect(text).not.toContain('Công chức Tư pháp - Hộ tịch');
  });

  it.each([
    ['has no signer record', () => world().agencySigners.splice(0)],
    ['has a record that ended before the signing time', () => world().agencySigners.splice(0, 1, officialSignerRecord({ validTo: '2026-01-01T00:00:00.000Z' }))],
    ['has a record that begins after the signing time', () => world().agencySigners.splice(0, 1, officialSignerRecord({ validFrom: '2026-06-01T00:00:00.000Z' }))],
    ['is a signer of another agency only', () => world().agencySigners.splice(0, 1, officialSignerRecord({ agencyId: 'ubnd-xa-khac' }))],
  ])('refuses with a ForbiddenError an official who %s, numbering nothing', async (_name, arrange) => {
    // Prepare
    const request = await submittedCertifyRequest(world());
    arrange();

    // Act
    const error = await certifyRequest(world().services, official, request.id).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(world().ledger.commits).toBe(0);
  });

  it('signs under the record valid at the signing time when the signer’s title changed', async () => {
    // Prepare: vice-chairman until 1 March 2026, chairman from then on (the clock reads 2 March)
    world().agencySigners.splice(0, 1, officialSignerRecord({ validTo: '2026-03-01T00:00:00.000Z' }), officialSignerRecord({ signerId: 'later', title: 'Chủ tịch Ủy ban nhân dân', validFrom: '2026-03-01T00:00:00.000Z' }));
    const request = await submittedCertifyRequest(world());

    // Act
    const issued = await certifyRequest(world().services, official, request.id);

    // Assess
    expect(copyText(issued.documentId)).toContain('Chủ tịch Ủy ban nhân dân');
    expect(copyText(issued.documentId)).not.toContain(OFFICIAL_SIGNER_TITLE);
  });
});

describe('Function: issueRegisterCopy — the signer', () => {
  it('refuses with a ForbiddenError an official of the agency who is not a signer', async () => {
    // Prepare
    const clerk: Principal = { ...official, sub: 'clerk-sub' };
    const request = submittedRequest(world(), { kind: 'register-copy', registerId: 'reg', entryNo: '125', title: 'Trích lục khai sinh', entitlement: { ground: 'self', status: 'verified' } });

    // Act
    const error = await issueRegisterCopy(world().services, clerk, request.id).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(world().ledger.commits).toBe(0);
  });

  it('prints the signer’s title from the record', async () => {
    // Prepare
    const request = submittedRequest(world(), { kind: 'register-copy', registerId: 'reg', entryNo: '125', title: 'Trích lục khai sinh', entitlement: { ground: 'self', status: 'verified' } });

    // Act
    const issued = await issueRegisterCopy(world().services, official, request.id);

    // Assess
    expect(copyText(issued.documentId)).toContain(OFFICIAL_SIGNER_TITLE);
  });
});
