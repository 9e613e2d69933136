import { expect } from 'vitest';
import { Asn1Error, type Asn1ErrorCode } from '../../../../shared/asn1';

/** What `read` throws, or undefined when it returns. */
export function thrown(read: () => unknown): unknown {
  try {
    read();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** The code of the Asn1Error that `read` throws (failing the test on any other error), or undefined. */
export function asn1ErrorCode(read: () => unknown): Asn1ErrorCode | undefined {
  const error = thrown(read);
  if (error === undefined) return undefined;
  expect(error).toBeInstanceOf(Asn1Error);
  return (error as Asn1Error).code;
}
