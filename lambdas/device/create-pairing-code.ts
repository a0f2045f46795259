import { z } from 'zod';
import { documentClient } from '../aws/dynamodb';
import { FacilityRepository } from '../facility/facility-repository';
import { createApiHandler } from '../http/api-handler';
import { operatorCaller, requireRole } from '../http/caller';
import { NotFoundError } from '../http/domain-errors';
import { parseInput } from '../http/request-parsing';
import { readEnvironment } from '../runtime/environment';
import { createLogger } from '../runtime/logger';
import { PairingCodeRepository } from './pairing-codes';

const env = readEnvironment(['DIRECTORY_TABLE']);
const logger = createLogger('create-pairing-code');
const facilities = new FacilityRepository(documentClient, env.DIRECTORY_TABLE);
const pairingCodes = new PairingCodeRepository(documentClient, env.DIRECTORY_TABLE);

const pathSchema = z.object({ facilityId: z.string().trim().min(1).max(64) });

/** POST /facilities/{facilityId}/pairing-codes: owners and managers create a kiosk pairing code. */
export const handler = createApiHandler(logger, async (event) => {
  const caller = operatorCaller(event);
  logger.appendKeys({ tenantId: caller.tenantId });
  requireRole(caller, ['owner', 'manager']);
  const { facilityId } = parseInput(pathSchema, event.pathParameters ?? {});
  logger.appendKeys({ facilityId });

  const facility = await facilities.getFacility(caller.tenantId, facilityId);
  if (!facility) {
    throw new NotFoundError('施設が見つかりません / facility not found', 'facilityId');
  }
  const pairingCode = await pairingCodes.createPairingCode({
    tenantId: caller.tenantId,
    facilityId,
    createdBy: caller.userId,
  });
  logger.info('Pairing code created');

  return {
    statusCode: 201,
    body: { pairingCode: pairingCode.code, facilityId, expiresAt: pairingCode.expiresAt.toISOString() },
  };
});
