import { describe, expect, it } from 'vitest';
import { REFUSAL_REASON_LABELS, RefusalReasonCodeSchema } from '../../shared/domain/refusal-reasons';
import { REFUSAL_CODES } from '../../web/src/core/types';
import { vi } from '../../web/src/i18n/vi';

/**
 * The page keeps its own copy of the refusal reasons (the web bundle does not pull zod and the
 * domain in); the legal wording must not drift from shared/domain, which is the source.
 */
describe('Web page: legal wording', () => {
  it('offers exactly the refusal codes of the domain, in the same order', () => {
    expect([...REFUSAL_CODES]).toEqual(RefusalReasonCodeSchema.options);
  });

  it('labels each refusal reason with the wording of Decree 23/2015 Art. 22 used by the domain', () => {
    for (const code of REFUSAL_CODES) expect(vi[`reason.${code}`], code).toBe(REFUSAL_REASON_LABELS[code]);
  });
});
