import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Creates the handler's Powertools logger. Callers append ids only (tenantId, facilityId,
 * checkInId, entryId, deviceId, requestId); guest PII must never be passed to it.
 */
export function createLogger(handlerName: string): Logger {
  return new Logger({
    serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'open-sesame',
    persistentKeys: { handler: handlerName },
  });
}
