import { z } from 'zod';
import { documentClient } from '../aws/dynamodb';
import { createApiHandler } from '../http/api-handler';
import { ConflictError } from '../http/domain-errors';
import { parseInput } from '../http/request-parsing';
import { requireInOffices } from '../organisation/access-context';
import { createAdminAuditLog, createDirectoryServices } from '../organisation/directory-services';
import { requirePermission } from '../organisation/permissions';
import { readEnvironment } from '../runtime/environment';
import { createLogger } from '../runtime/logger';
import { deviceFieldLabels } from './device-field-labels';
import { PairingCodeRepository } from './pairing-codes';

const env = readEnvironment(['DIRECTORY_TABLE']);
const logger = createLogger('create-pairing-code');
const { access, facilities } = createDirectoryServices();
const pairingCodes = new PairingCodeRepository(documentClient, env.DIRECTORY_TABLE);
const audit = createAdminAuditLog();

const pathSchema = z.object({ facilityId: z.string().trim().min(1).max(64) });

/**
 * POST /facilities/{facilityId}/pairing-codes: a user who manages devices creates a kiosk pairing
 * code for an active facility of their offices.
 */
export const handler = createApiHandler(logger, async (event) => {
  const caller = await access.resolve(event);
  logger.appendKeys({ tenantId: caller.tenantId });
  requirePermission(caller, 'device:manage');
  const { facilityId } = parseInput(pathSchema, event.pathParameters ?? {}, deviceFieldLabels);
  logger.appendKeys({ facilityId });

  const facility = requireInOffices(caller, await facilities.getFacility(caller.tenantId, facilityId), {
    ja: '施設が見つかりません',
    en: 'facility not found',
    field: 'facilityId',
  });
  if (facility.status === 'archived') {
    throw new ConflictError('アーカイブされた施設には端末を登録できません / an archived facility cannot pair devices', 'facilityId');
  }
  const pairingCode = await pairingCodes.createPairingCode({ tenantId: caller.tenantId, facilityId, createdBy: caller.userId }, () => [
    audit.entry({
      tenantId: caller.tenantId,
      userId: caller.userId,
      action: 'device.pairing-code',
      targetType: 'facility',
      targetIds: [facilityId],
      changedFields: [],
      requestId: event.requestContext?.requestId,
    }),
  ]);
  logger.info('Pairing code created');

  return {
    statusCode: 201,
    body: { pairingCode: pairingCode.code, facilityId, expiresAt: pairingCode.expiresAt.toISOString() },
  };
});
