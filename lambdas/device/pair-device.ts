import { GetPublicKeyCommand } from '@aws-sdk/client-kms';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { cognitoClient } from '../aws/cognito';
import { documentClient } from '../aws/dynamodb';
import { kmsClient } from '../aws/kms';
import { FacilityRepository } from '../facility/facility-repository';
import { createApiHandler } from '../http/api-handler';
import { ConflictError, ForbiddenError, NotFoundError } from '../http/domain-errors';
import { parseInput, parseJsonBody } from '../http/request-parsing';
import { readEnvironment } from '../runtime/environment';
import { createLogger } from '../runtime/logger';
import { deviceFieldLabels } from './device-field-labels';
import { createDeviceAccount, deleteDeviceAccount } from './device-accounts';
import { DeviceRepository } from './device-repository';
import { PairingCodeRepository } from './pairing-codes';

const env = readEnvironment(['DIRECTORY_TABLE', 'KIOSK_SEALING_KEY_ID', 'USER_POOL_ID']);
const logger = createLogger('pair-device');
const pairingCodes = new PairingCodeRepository(documentClient, env.DIRECTORY_TABLE);
const facilities = new FacilityRepository(documentClient, env.DIRECTORY_TABLE);
const devices = new DeviceRepository(documentClient, env.DIRECTORY_TABLE);

function facilityArchivedError(): ConflictError {
  return new ConflictError('アーカイブされた施設には端末を登録できません / an archived facility cannot pair devices', 'facilityId');
}

const requestSchema = z.object({ pairingCode: z.string().trim().min(4).max(32) });

/**
 * POST /devices/pair. The one-time pairing code in the body is the only credential. It is
 * consumed before anything else, so a failure later (Cognito, KMS) needs a fresh code.
 */
export const handler = createApiHandler(logger, async (event) => {
  const { pairingCode } = parseInput(requestSchema, parseJsonBody(event.body, event.isBase64Encoded), deviceFieldLabels);

  const consumed = await pairingCodes.consumePairingCode(pairingCode);
  if (!consumed) {
    throw new ForbiddenError(
      'ペアリングコードが無効か期限切れです。管理画面で新しいコードを発行してください / pairing code is invalid, used or expired: create a new one in the admin app',
      'pairingCode',
    );
  }
  const { tenantId, facilityId } = consumed;
  logger.appendKeys({ tenantId, facilityId });

  const facility = await facilities.getFacility(tenantId, facilityId);
  if (!facility) {
    throw new NotFoundError('施設が見つかりません / facility not found', 'facilityId');
  }
  // A code created before the facility was archived stays valid until it expires (`pairingCodeLifetimeMs`).
  if (facility.status === 'archived') throw facilityArchivedError();

  const deviceId = randomUUID();
  const account = await createDeviceAccount(cognitoClient, env.USER_POOL_ID, { deviceId, tenantId, facilityId });
  // The facility check makes an archive stored after the read above reject this pairing, since
  // the archive route revokes only the devices stored before its archive.
  const stored = await devices.createDevice(
    {
      tenantId,
      facilityId,
      deviceId,
      cognitoUsername: account.cognitoUsername,
      signInName: account.signInName,
      status: 'active',
      pairedAt: new Date().toISOString(),
    },
    [facilities.notArchivedCheck(tenantId, facilityId)],
  );
  if (!stored) {
    await deleteDeviceAccount(cognitoClient, env.USER_POOL_ID, account.signInName);
    logger.info('Pairing rejected: the facility was archived during it', { deviceId });
    throw facilityArchivedError();
  }
  const sealingKey = await kmsClient.send(new GetPublicKeyCommand({ KeyId: env.KIOSK_SEALING_KEY_ID }));
  logger.info('Device paired', { deviceId });

  return {
    statusCode: 201,
    body: {
      deviceId,
      username: account.signInName,
      password: account.password,
      tenantId,
      facility: { id: facility.facilityId, name: facility.name, licenceType: facility.licenceType },
      sealingKey: {
        keyId: sealingKey.KeyId,
        publicKeySpkiBase64: Buffer.from(sealingKey.PublicKey!).toString('base64'),
      },
    },
  };
});
