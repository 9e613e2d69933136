import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { currentFileOf, type DocumentRecord } from '../../../shared/domain/document';
import { ServiceUnavailableError } from '../../../shared/domain/errors';
import { SigningError } from '../../../shared/signing';
import { readCmsParts } from '../../../shared/signing/cms-parts';
import { readSignatures } from '../../../shared/signing/long-term-validation';
import { certifyRequest } from '../../../shared/use-cases/certify-request';
import { renewLongTermValidation, type RenewalServices } from '../../../shared/use-cases/renew-long-term-validation';
import { official, submittedCertifyRequest, useInMemoryWorld, type InMemoryWorld } from '../support/in-memory-services';

const world = useInMemoryWorld();
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The renewal's ports over the in-memory world: the due copies read from its documents, as the DynamoDB pointer items would give them. */
function renewalServices(w: InMemoryWorld): RenewalServices & { recorded: DocumentRecord[] } {
  const recorded: DocumentRecord[] = [];
  return {
    ...w.services,
    objects: w.objects,
    recorded,
    documents: {
      dueForRenewal: async (before) => [...w.ledger.documents.values()].filter((d) => d.ltv && Date.parse(d.ltv.tsaCertNotAfter) <= before.getTime()),
      recordRenewal: async (previous, next) => {
        expect(w.ledger.documents.get(previous.id)).toEqual(previous);
        w.ledger.documents.set(next.id, next);
        recorded.push(next);
      },
    },
  };
}

describe('Issuance: PAdES B-LTA and the sealed prefix in the registry', () => {
  it('stores a B-LTA copy and records the sealed bytes: its first sealed.length bytes hash to sealed.sha256 and end with the seal', async () => {
    // Prepare
    const request = await submittedCertifyRequest(world());

    // Act
    const issued = await certifyRequest(world().services, official, request.id);

    // Assess
    const doc = world().ledger.documents.get(issued.documentId)!;
    const stored = world().objects.get('issued', doc.s3Key)!.bytes;
    expect(doc.sealed).toBeDefined();
    expect(sha256(stored)).toBe(doc.sha256);
    expect(doc.size).toBe(stored.length);
    const sealedBytes = Buffer.from(stored.subarray(0, doc.sealed!.length));
    expect(sha256(sealedBytes)).toBe(doc.sealed!.sha256);
    expect(sealedBytes.toString('latin1').match(/\/ByteRange/g)).toHaveLength(2);
    expect(sealedBytes.toString('latin1')).toMatch(/%%EOF$/);
    const after = Buffer.from(stored.subarray(doc.sealed!.length)).toString('latin1');
    expect(after).toContain('/Type /DSS');
    expect(after).toContain('/Type /DocTimeStamp');
    const stamp = readSignatures(stored).at(-1)!;
    expect(stamp.kind).toBe('timestamp');
    const tsaCert = readCmsParts(stamp.contents).chain[0];
    expect(tsaCert.extendedKeyUsage).toEqual(['1.3.6.1.5.5.7.3.8']);
    expect(doc.ltv).toEqual({ tsaCertNotAfter: new Date(tsaCert.notAfter).toISOString(), renewals: [] });
  });

  it('fails cleanly with a 503 when the time-stamp authority does not answer: nothing stored, the number given back', async () => {
    // Prepare
    const request = await submittedCertifyRequest(world());
    const working = world().services.timestamps;
    world().services.timestamps = { stamp: () => Promise.reject(new SigningError('timestamp-unavailable', 'TSA timed out')) };

    // Act
    const failure = await certifyRequest(world().services, official, request.id).catch((e: unknown) => e);

    // Assess
    expect(failure).toBeInstanceOf(ServiceUnavailableError);
    expect((failure as ServiceUnavailableError).status).toBe(503);
    expect(world().objects.keys('issued')).toEqual([]);
    expect(world().ledger.documents.size).toBe(0);
    expect(world().requests.get(request.id)?.status).toBe('submitted');
    world().services.timestamps = working;
    const retried = await certifyRequest(world().services, official, request.id);
    expect(retried.number).toBe(1);
  });

  it('fails cleanly with a 503 when the revocation data cannot be fetched', async () => {
    // Prepare
    const request = await submittedCertifyRequest(world());
    world().services.revocation = { ...world().services.revocation, collect: () => Promise.reject(new SigningError('revocation-unavailable', 'CRL timed out')) };

    // Act
    const failure = await certifyRequest(world().services, official, request.id).catch((e: unknown) => e);

    // Assess
    expect(failure).toBeInstanceOf(ServiceUnavailableError);
    expect(world().objects.keys('issued')).toEqual([]);
    expect(world().ledger.documents.size).toBe(0);
  });
});

describe('Function: renewLongTermValidation', () => {
  it('renews only the copies whose newest time-stamp certificate expires within the window, as a new version starting with the sealed bytes', async () => {
    // Prepare
    const [first, second] = [await submittedCertifyRequest(world()), await submittedCertifyRequest(world())];
    const a = await certifyRequest(world().services, official, first.id);
    const b = await certifyRequest(world().services, official, second.id);
    const docA = world().ledger.documents.get(a.documentId)!;
    // Copy B's newest time-stamp came from a TSA certificate valid ten more years.
    const later = new Date(Date.parse(docA.ltv!.tsaCertNotAfter) + 10 * 365 * 86_400_000).toISOString();
    world().ledger.documents.set(b.documentId, { ...world().ledger.documents.get(b.documentId)!, ltv: { tsaCertNotAfter: later, renewals: [] } });
    world().setNow(new Date(Date.parse(docA.ltv!.tsaCertNotAfter) - 30 * 86_400_000));
    const services = renewalServices(world());
    const issuedBytes = world().objects.get('issued', docA.s3Key)!.bytes;

    // Act
    const report = await renewLongTermValidation(services, { windowDays: 90 });

    // Assess
    expect(report.failed).toEqual([]);
    expect(report.renewed).toEqual([{ documentId: a.documentId, s3Key: `documents/${a.documentId}.v2.pdf` }]);
    const renewed = world().ledger.documents.get(a.documentId)!;
    expect(renewed.sha256).toBe(docA.sha256);
    expect(renewed.s3Key).toBe(docA.s3Key);
    expect(renewed.sealed).toEqual(docA.sealed);
    expect(renewed.ltv!.renewals).toEqual([{ s3Key: `documents/${a.documentId}.v2.pdf`, sha256: expect.any(String), size: expect.any(Number), at: world().services.now().toISOString() }]);
    const newest = world().objects.get('issued', currentFileOf(renewed).s3Key)!.bytes;
    expect(sha256(newest)).toBe(renewed.ltv!.renewals[0].sha256);
    expect(sha256(newest.subarray(0, renewed.sealed!.length))).toBe(renewed.sealed!.sha256);
    expect(Buffer.from(newest.subarray(0, issuedBytes.length)).equals(Buffer.from(issuedBytes))).toBe(true);
    expect(Buffer.from(newest.subarray(issuedBytes.length)).toString('latin1')).toContain('/Type /DocTimeStamp');
    expect(world().objects.get('issued', docA.s3Key)!.bytes).toEqual(issuedBytes);
    expect(world().ledger.documents.get(b.documentId)!.ltv!.renewals).toEqual([]);
  });

  it('refuses to extend a stored file that is not the version the registry recorded, and reports it', async () => {
    // Prepare
    const issued = await certifyRequest(world().services, official, (await submittedCertifyRequest(world())).id);
    const doc = world().ledger.documents.get(issued.documentId)!;
    await world().objects.put('issued', doc.s3Key, Buffer.concat([world().objects.get('issued', doc.s3Key)!.bytes, Buffer.from('\n% extra\n')]), 'application/pdf');
    world().setNow(new Date(Date.parse(doc.ltv!.tsaCertNotAfter) - 86_400_000));
    const services = renewalServices(world());

    // Act
    const report = await renewLongTermValidation(services, { windowDays: 30 });

    // Assess
    expect(report.renewed).toEqual([]);
    expect(report.failed).toEqual([{ documentId: doc.id, reason: expect.stringContaining('not the version the registry recorded') }]);
    expect(services.recorded).toEqual([]);
    expect(world().objects.keys('issued')).toEqual([doc.s3Key]);
  });
});
