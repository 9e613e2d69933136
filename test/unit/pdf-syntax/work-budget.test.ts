import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, PdfSyntaxError, WorkBudget } from '../../../shared/pdf-syntax';

describe('Class: WorkBudget', () => {
  it('counts each kind of work apart and stops with a limit error just past its limit', () => {
    // Prepare
    const budget = new WorkBudget({ objectsParsed: 3 });

    // Act
    for (let i = 0; i < 3; i++) budget.spend('objectsParsed');
    budget.spend('inflatedBytes', 1000);
    const error = (() => {
      try {
        budget.spend('objectsParsed');
      } catch (e) {
        return e;
      }
      return undefined;
    })();

    // Assess
    expect(error).toBeInstanceOf(PdfSyntaxError);
    expect((error as PdfSyntaxError).code).toBe('limit');
    expect(budget.used()).toEqual({ revisions: 0, objectsParsed: 4, xrefEntries: 0, inflatedBytes: 1000 });
    expect(budget.remaining('inflatedBytes')).toBe(DEFAULT_LIMITS.inflatedBytes - 1000);
    expect(budget.remaining('objectsParsed')).toBe(0);
  });
});
