import { Logger } from '@aws-lambda-powertools/logger';
import type { LogItemExtraInput, LogItemMessage } from '@aws-lambda-powertools/logger/types';
import { sourceMappedStack } from './source-mapped-stack';

/**
 * Powertools' logger, with the stacks of logged errors mapped to the TypeScript sources
 * (source-mapped-stack.ts: the bundles run without --enable-source-maps).
 */
class SourceMappedLogger extends Logger {
  protected override processLogItem(logLevel: number, input: LogItemMessage, extraInput: LogItemExtraInput): void {
    for (const extra of extraInput) {
      if (extra instanceof Error) mapErrorStacks(extra);
      else if (extra && typeof extra === 'object') Object.values(extra).forEach(mapErrorStacks);
    }
    if (typeof input === 'object') Object.values(input).forEach(mapErrorStacks);
    super.processLogItem(logLevel, input, extraInput);
  }

  protected override createLogger(options?: ConstructorParameters<typeof Logger>[0]): Logger {
    return new SourceMappedLogger(options);
  }
}

/** Maps an error's stack and those of its causes, in place (mapping twice changes nothing). */
function mapErrorStacks(value: unknown, depth = 0): void {
  if (!(value instanceof Error) || depth > 5) return;
  if (typeof value.stack === 'string') value.stack = sourceMappedStack(value.stack);
  mapErrorStacks(value.cause, depth + 1);
}

/** The one logger of a function process (service name shared by all functions). */
export const logger: Logger = new SourceMappedLogger({ serviceName: 'ban-sao-dien-tu' });
