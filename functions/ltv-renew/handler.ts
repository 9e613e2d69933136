import { logger } from '../../shared/http/logger';
import { limits } from '../../shared/runtime/config';
import { getSigningServices } from '../../shared/runtime/signing-services';
import { renewLongTermValidation, type RenewalReport } from '../../shared/use-cases/renew-long-term-validation';

/**
 * Daily (EventBridge schedule, infra/workers.ts): renews the B-LTA copies whose newest time-stamp
 * certificate expires within LTV_RENEW_WINDOW_DAYS (docs/long-term-validation.md "Renewal"). A copy
 * that fails stays due and is tried again the next day; the failures are logged for the alarm.
 */
export const handler = async (): Promise<RenewalReport> => {
  const report = await renewLongTermValidation(getSigningServices(), { windowDays: limits().ltvRenewWindowDays });
  logger.info('long-term validation renewal', { renewed: report.renewed.length, failed: report.failed.length });
  for (const failure of report.failed) logger.error('long-term validation renewal failed', failure);
  return report;
};
