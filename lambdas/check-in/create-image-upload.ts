import { PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { z } from 'zod';
import { documentClient } from '../aws/dynamodb';
import { s3Client } from '../aws/s3';
import { requireActiveCallerDevice } from '../device/device-access';
import { DeviceRepository } from '../device/device-repository';
import { createApiHandler } from '../http/api-handler';
import { deviceCaller } from '../http/caller';
import { parseInput, parseJsonBody } from '../http/request-parsing';
import { requestBodyLabel, type FieldLabels } from '../http/validation-messages';
import { readEnvironment } from '../runtime/environment';
import { createLogger } from '../runtime/logger';
import { incomingImageKey } from './image-keys';

const env = readEnvironment(['DIRECTORY_TABLE', 'IMAGES_BUCKET']);
const logger = createLogger('create-image-upload');
const devices = new DeviceRepository(documentClient, env.DIRECTORY_TABLE);

export const uploadUrlLifetimeSeconds = 15 * 60;

/** Ids chosen by the kiosk (UUIDs); the pattern keeps them safe inside an S3 key. */
const clientId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, '英数字とハイフンで 64 文字以内です / must be at most 64 letters, digits and hyphens');
const uploadFieldLabels: FieldLabels = {
  body: requestBodyLabel,
  checkInId: { ja: 'チェックイン ID', en: 'check-in ID' },
  imageId: { ja: '画像 ID', en: 'image ID' },
};

/**
 * POST /check-ins/{checkInId}/image-uploads: a presigned S3 PUT for one sealed image. Only a
 * paired, active device may ask, and the key is under its own `incoming/<deviceId>/` prefix.
 */
export const handler = createApiHandler(logger, async (event) => {
  const caller = deviceCaller(event);
  logger.appendKeys({ tenantId: caller.tenantId, facilityId: caller.facilityId });
  const { checkInId } = parseInput(z.object({ checkInId: clientId }), event.pathParameters ?? {}, uploadFieldLabels);
  const { imageId } = parseInput(z.object({ imageId: clientId }), parseJsonBody(event.body, event.isBase64Encoded), uploadFieldLabels);
  logger.appendKeys({ checkInId });

  const device = await requireActiveCallerDevice(devices, caller);

  const key = incomingImageKey(device.deviceId, checkInId, imageId);
  const url = await getSignedUrl(s3Client, new PutObjectCommand({ Bucket: env.IMAGES_BUCKET, Key: key }), {
    expiresIn: uploadUrlLifetimeSeconds,
  });
  logger.info('Image upload URL created', { deviceId: device.deviceId });

  return {
    body: { url, method: 'PUT', key, expiresAt: new Date(Date.now() + uploadUrlLifetimeSeconds * 1000).toISOString() },
  };
});
