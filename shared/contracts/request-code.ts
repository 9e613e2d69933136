/** The request code as the page shows it (zod-free: the page imports it). The rule is in shared/domain/request-code.ts. */
export { displayRequestCode } from '../domain/request-code';
