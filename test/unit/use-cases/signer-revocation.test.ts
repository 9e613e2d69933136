import { describe, expect, it } from 'vitest';
import { ConflictError, ServiceUnavailableError } from '../../../shared/domain/errors';
import { numberingYear } from '../../../shared/domain/numbering';
import { certifyRequest } from '../../../shared/use-cases/certify-request';
import { AGENCY, OFFICIAL, official, submittedCertifyRequest, useInMemoryWorld } from '../support/in-memory-services';

/**
 * Signing with a revoked certificate is refused before anything is reserved or written (issue 19
 * item 7): 409 when the issuer's CRL lists it, 503 when its status cannot be learnt.
 */
const world = useInMemoryWorld();
const book = () => ({ agencyId: AGENCY.id, bookCode: 'SCT/BS-ĐT', year: numberingYear(world().services.now()) });

/** Whether `certificate` is the one the signer provider gives for `kind`/`id` (compared by DER). */
async function certificateOf(kind: 'official' | 'agency', id: string): Promise<string> {
  const signer = kind === 'official' ? await world().services.signers.official(id) : await world().services.signers.agency(id);
  return Buffer.from(signer.certificateChain[0]).toString('hex');
}

describe('Function: certifyRequest with a revoked signer', () => {
  it('refuses with 409 naming the official and the time, reserving no number and writing nothing', async () => {
    // Prepare
    const request = await submittedCertifyRequest(world());
    const revokedCert = await certificateOf('official', OFFICIAL.id);
    world().setRevocationStatus((cert) => Buffer.from(cert).toString('hex') === revokedCert
      ? { status: 'revoked', revokedAt: new Date('2026-03-01T02:30:00Z'), reason: 'keyCompromise' }
      : { status: 'good' });

    // Act
    const error = await certifyRequest(world().services, official, request.id).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).status).toBe(409);
    expect((error as ConflictError).message).toBe(`Chứng thư số của ${OFFICIAL.fullName} đã bị thu hồi lúc 9 giờ 30, ngày 01 tháng 3 năm 2026; không thể ký.`);
    expect((error as ConflictError).extra).toEqual({ revokedAt: '2026-03-01T02:30:00.000Z', revocationReason: 'keyCompromise' });
    expect(world().requests.get(request.id)).toEqual(request);
    expect(await world().ledger.lastNumber(book())).toBe(0);
    expect(world().objects.keys('issued')).toEqual([]);
    expect(world().ledger.commits).toBe(0);
  });

  it('refuses with 409 when the agency seal is the revoked one', async () => {
    // Prepare
    const request = await submittedCertifyRequest(world());
    const seal = await certificateOf('agency', AGENCY.id);
    world().setRevocationStatus((cert) => Buffer.from(cert).toString('hex') === seal
      ? { status: 'revoked', revokedAt: new Date('2026-03-01T02:30:00Z') } : { status: 'good' });

    // Act
    const error = await certifyRequest(world().services, official, request.id).catch((e: unknown) => e);

    // Assess
    expect((error as ConflictError).message).toMatch(new RegExp(`^Chứng thư số của ${AGENCY.name} đã bị thu hồi`));
    expect(world().objects.keys('issued')).toEqual([]);
  });

  it('refuses with 503 when the status cannot be learnt, writing nothing', async () => {
    // Prepare
    const request = await submittedCertifyRequest(world());
    world().setRevocationStatus(() => ({ status: 'unknown', why: 'no answer within 3000 ms' }));

    // Act
    const error = await certifyRequest(world().services, official, request.id).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as ServiceUnavailableError).status).toBe(503);
    expect((error as ServiceUnavailableError).message).toMatch(/^Chưa kiểm tra được tình trạng thu hồi chứng thư số của .+; chưa ký, vui lòng thử lại sau\.$/);
    expect(world().requests.get(request.id)).toEqual(request);
    expect(await world().ledger.lastNumber(book())).toBe(0);
  });

  it('still certifies when every certificate is good', async () => {
    // Prepare
    const request = await submittedCertifyRequest(world());

    // Act
    const issued = await certifyRequest(world().services, official, request.id);

    // Assess
    expect(issued.number).toBe(1);
  });
});
