import { formatVnDateTime } from '../domain/dates';
import { ConflictError, ServiceUnavailableError } from '../domain/errors';
import type { RevocationSource, Signer } from '../signing';

/** What the check needs: the current status of a certificate, as its issuer publishes it. */
export type RevocationChecker = Pick<RevocationSource, 'status'>;

/** A key about to sign, and whose it is, as the refusal names them. */
export interface SignerToCheck {
  signer: Signer;
  /** "ông/bà …" or the agency's name, as it reads in "Chứng thư số của …". */
  holder: string;
}

/**
 * Refuses to sign with a certificate that is revoked now (409), or whose status cannot be learnt
 * (503): every validator rejects a signature made after its certificate was revoked (RFC 5280
 * §6.3 path validation with the issuer's CRL; ETSI EN 319 102-1 §5.6.2.4), so such a copy would be
 * worthless to its holder. (The statutory wording — a digital signature counts only while its
 * certificate is valid — is in the e-transactions texts, Law 20/2023/QH15 and its decrees; the
 * article is to be confirmed, docs/long-term-validation.md.) Called before anything is reserved or
 * written, so a refusal leaves the request as it was.
 */
export async function assertSignersNotRevoked(services: { revocation: RevocationChecker }, signers: readonly SignerToCheck[]): Promise<void> {
  const statuses = await Promise.all(signers.map(async ({ signer, holder }) => {
    const [certificate, issuer] = signer.certificateChain;
    if (!certificate || !issuer) return { holder, status: { status: 'unknown' as const, why: 'the chain has no issuer certificate' } };
    return { holder, status: await services.revocation.status(certificate, issuer) };
  }));
  for (const { holder, status } of statuses) {
    if (status.status === 'revoked') {
      throw new ConflictError(`Chứng thư số của ${holder} đã bị thu hồi lúc ${formatVnDateTime(status.revokedAt)}; không thể ký.`, {
        extra: { revokedAt: status.revokedAt.toISOString(), ...(status.reason ? { revocationReason: status.reason } : {}) },
      });
    }
  }
  const unknown = statuses.find((s) => s.status.status === 'unknown');
  if (unknown) {
    throw new ServiceUnavailableError('revocation-unavailable', `Chưa kiểm tra được tình trạng thu hồi chứng thư số của ${unknown.holder}; chưa ký, vui lòng thử lại sau.`, {
      cause: new Error((unknown.status as { why: string }).why),
    });
  }
}
