import { Logger } from '@aws-lambda-powertools/logger';
import { RedactingLogFormatter } from './log-redaction';

/**
 * Creates the handler's Powertools logger. Callers append ids only (tenantId, facilityId,
 * checkInId, entryId, deviceId, requestId); guest PII must never be passed to it. The
 * redacting formatter still removes PII-named attributes and PII patterns from every line.
 */
export function createLogger(handlerName: string): Logger {
  return new Logger({
    serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'open-sesame',
    persistentKeys: { handler: handlerName },
    logFormatter: new RedactingLogFormatter(),
  });
}
