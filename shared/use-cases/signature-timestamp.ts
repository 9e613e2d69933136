import { createHash } from 'node:crypto';
import { ServiceUnavailableError } from '../domain/errors';
import { SigningError, type TimeStampAuthority, type Timestamper } from '../signing';

/**
 * The signature time-stamp of PAdES B-T (ETSI EN 319 142-1 §5.3; RFC 3161 Appendix A): the TSA
 * stamps the SHA-256 of the SignerInfo's signature value. A TSA that cannot be reached, or whose
 * answer fails a check, stops the issuance before anything is stored: a 503 the official may
 * retry, never a copy without a trusted time and never a 500.
 */
export function signatureTimestamper(tsa: TimeStampAuthority): Timestamper {
  return async (signatureValue) => {
    try {
      return await tsa.stamp(createHash('sha256').update(signatureValue).digest());
    } catch (error) {
      if (error instanceof SigningError && (error.code === 'timestamp-unavailable' || error.code === 'timestamp-invalid')) {
        throw new ServiceUnavailableError(
          error.code,
          'Không lấy được dấu thời gian từ tổ chức cung cấp dịch vụ cấp dấu thời gian nên chưa thể ký bản sao; chưa có gì được ghi lại. Vui lòng thử lại sau ít phút.',
          { cause: error },
        );
      }
      throw error;
    }
  };
}
