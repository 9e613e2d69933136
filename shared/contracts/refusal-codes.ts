/**
 * The stable codes of the refusal grounds (Decree 23/2015 Art. 22, plus `other`), in the order
 * shown. Plain values, no zod: the web page imports them at run time without pulling zod in.
 */
export const REFUSAL_CODES = ['altered', 'damaged', 'secret-or-no-copy', 'unlawful-content', 'foreign-not-legalised', 'self-made-unconfirmed', 'other'] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];
