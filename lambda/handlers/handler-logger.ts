// The Powertools logger every function logs with: one service name and the same persistent keys, so logs query alike.
import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Structured JSON logger for one function of one stage.
 *
 * @example
 * const logger = createHandlerLogger('serve', config.stage);
 * logger.info('bucket unreadable', { path }) // {"level":"INFO","service":"nashra","function":"serve","stage":"dev",…}
 */
export function createHandlerLogger(functionName: string, stage: string): Logger {
  return new Logger({ serviceName: 'nashra', persistentKeys: { function: functionName, stage } });
}
