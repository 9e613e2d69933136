import { Logger } from '@aws-lambda-powertools/logger';

/** The one Powertools logger of a function process (service name shared by all functions). */
export const logger = new Logger({ serviceName: 'ban-sao-dien-tu' });
