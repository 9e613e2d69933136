import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../../shared/domain/errors';
import { numberingYear } from '../../../shared/domain/numbering';
import type { RequestRecord } from '../../../shared/domain/request';
import { issueRegisterCopy } from '../../../shared/use-cases/issue-register-copy';
import { AGENCY, official, submittedCertifyRequest, submittedRequest, useInMemoryWorld } from '../support/in-memory-services';

const REGISTER_ID = 'khai-sinh-ba-dinh';
const BOOK_CODE = 'TLKS/BS';
const book = () => ({ agencyId: AGENCY.id, bookCode: BOOK_CODE, year: numberingYear(world().services.now()) });

/** A submitted request for a copy of entry `entryNo` of the birth register, by its subject (recognised at request time). */
function registerCopyRequest(entryNo = '125', entitlement: RequestRecord['entitlement'] | null = { ground: 'self', status: 'verified' }): RequestRecord {
  return submittedRequest(world(), { kind: 'register-copy', title: 'Trích lục khai sinh', registerId: REGISTER_ID, entryNo, ...(entitlement ? { entitlement } : {}) });
}

const world = useInMemoryWorld((w) => {
  w.registers.set(REGISTER_ID, {
    register: {
      id: REGISTER_ID, agencyId: AGENCY.id, type: 'birth', title: 'Sổ đăng ký khai sinh', copyTitle: 'TRÍCH LỤC KHAI SINH', bookCode: BOOK_CODE, feePerCopy: 8000,
      fields: [
        { name: 'hoTen', label: 'Họ, chữ đệm, tên', type: 'string', required: true },
        { name: 'ngaySinh', label: 'Ngày, tháng, năm sinh', type: 'date', required: true },
      ],
    },
    entries: [{ registerId: REGISTER_ID, entryNo: '125', data: { hoTen: 'Nguyễn Văn An', ngaySinh: '1990-03-15' } }],
  });
});

describe('Function: issueRegisterCopy', () => {
  it("numbers the copy in the register's own book and records it like a certified copy, sealed by the agency alone", async () => {
    // Prepare
    const request = registerCopyRequest();

    // Act
    const issued = await issueRegisterCopy(world().services, official, request.id);

    // Assess
    expect(issued).toMatchObject({ number: 1, book: `01/${book().year}-${BOOK_CODE}` });
    expect(world().ledger.lines(book())).toEqual([{ seq: 1, documentId: issued.documentId, requestId: request.id, verifyCode: issued.verifyCode }]);
    expect(world().ledger.documents.get(issued.documentId)).toMatchObject({ kind: 'register-copy', seq: 1, status: 'valid' });
    expect(world().ledger.verifyCodes.get(issued.verifyCode)).toBe(issued.documentId);
    expect(world().requests.get(request.id)).toMatchObject({ status: 'issued', documentId: issued.documentId });
    expect(world().ledger.trail(`REQ#${request.id}`).map((e) => e.action)).toEqual(['issue']);
    expect(world().ledger.outbox).toHaveLength(1);
    const doc = world().ledger.documents.get(issued.documentId)!;
    const pdf = world().objects.get('issued', doc.s3Key)!;
    expect(Buffer.from(pdf.bytes.subarray(0, doc.sealed!.length)).toString('latin1').match(/\/ByteRange/g)).toHaveLength(1); // the seal alone
    expect(Buffer.from(pdf.bytes).toString('latin1').match(/\/ByteRange/g)).toHaveLength(2); // then the document time-stamp (B-LTA)
  });

  it('numbers register copies apart from certified copies', async () => {
    // Prepare: the book of certified copies has a number already.
    world().ledger.takeNumberElsewhere({ ...book(), bookCode: 'SCT/BS-ĐT' });

    // Act
    const issued = await issueRegisterCopy(world().services, official, registerCopyRequest().id);

    // Assess
    expect(issued).toMatchObject({ number: 1, book: `01/${book().year}-${BOOK_CODE}` });
  });

  it('refuses a certify-copy request with a ConflictError', async () => {
    // Prepare
    const request = await submittedCertifyRequest(world());

    // Act
    const error = await issueRegisterCopy(world().services, official, request.id).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ConflictError);
    expect(world().ledger.commits).toBe(0);
  });

  it('refuses an entry that is no longer in the register with a ConflictError', async () => {
    // Prepare
    const request = registerCopyRequest('999');

    // Act
    const error = await issueRegisterCopy(world().services, official, request.id).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).detail).toMatch(/999/);
    expect(await world().ledger.lastNumber(book())).toBe(0);
  });

  it.each([
    ['pending', { ground: 'authorised-representative', status: 'pending' }],
    ['refused', { ground: 'heir-of-deceased', status: 'refused' }],
    ['never established', null],
  ] as const)('refuses to issue while the requester’s right is %s (Decree 23/2015 Art. 16(2)) with a ConflictError, taking no number', async (_label, entitlement) => {
    // Prepare
    const request = registerCopyRequest('125', entitlement);

    // Act
    const error = await issueRegisterCopy(world().services, official, request.id).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ConflictError);
    expect(world().ledger.commits).toBe(0);
    expect(world().requests.get(request.id)?.status).toBe('submitted');
  });

  it('issues once an official accepted the evidence', async () => {
    // Act
    const issued = await issueRegisterCopy(world().services, official, registerCopyRequest('125', { ground: 'legal-representative', status: 'accepted' }).id);

    // Assess
    expect(issued.number).toBe(1);
    expect(issued.book).toBe(`01/${book().year}-${BOOK_CODE}`);
  });
});
