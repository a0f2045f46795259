import { GetObjectCommand } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { s3Client } from '../aws/s3';
import { registerImageKey } from '../check-in/image-keys';
import { createApiHandler } from '../http/api-handler';
import { NotFoundError } from '../http/domain-errors';
import { parseInput } from '../http/request-parsing';
import { fieldMessage } from '../http/validation-messages';
import { readEnvironment } from '../runtime/environment';
import { requireInOffices } from '../organisation/access-context';
import { createDirectoryServices } from '../organisation/directory-services';
import { requirePermission } from '../organisation/permissions';
import { createLogger } from '../runtime/logger';
import { auditLog, registerRepository, tenantDataKeys } from './register-access';
import { registerPathLabels } from './register-field-labels';

const env = readEnvironment(['IMAGES_BUCKET']);
const logger = createLogger('get-guest-image');
const { access, facilities } = createDirectoryServices();
const pathSchema = z.object({
  entryId: z.string().trim().min(1).max(64),
  imageId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, '英数字とハイフンで 64 文字以内です / must be at most 64 letters, digits and hyphens'),
});

/**
 * GET /register/{entryId}/images/{imageId}: a decrypted passport or face image as base64 JSON. An
 * image cannot be masked, so it needs the `register:read-pii` permission.
 */
export const handler = createApiHandler(logger, async (event) => {
  const caller = await access.resolve(event);
  logger.appendKeys({ tenantId: caller.tenantId });
  requirePermission(caller, 'register:read-pii');
  const { entryId, imageId } = parseInput(pathSchema, event.pathParameters ?? {}, registerPathLabels);
  logger.appendKeys({ entryId });

  const entry = await registerRepository.getEntry(caller.tenantId, entryId);
  const belongsToEntry =
    entry?.guests.some((guest) => guest.passportImageId === imageId || guest.faceImageId === imageId) ?? false;
  if (!entry || !belongsToEntry) {
    throw new NotFoundError(fieldMessage(registerPathLabels.imageId, { ja: '画像が見つかりません', en: 'image not found' }), 'imageId');
  }
  // An image of a facility outside the caller's offices is answered like a missing one.
  requireInOffices(caller, await facilities.getFacility(caller.tenantId, entry.facilityId), {
    ja: '画像が見つかりません',
    en: 'image not found',
    field: 'imageId',
  });
  await auditLog.record({
    tenantId: caller.tenantId,
    userId: caller.userId,
    action: 'view',
    disclosure: 'full',
    resource: 'guest-image',
    entryIds: [entryId],
    requestId: event.requestContext?.requestId,
  });
  const object = await s3Client.send(
    new GetObjectCommand({ Bucket: env.IMAGES_BUCKET, Key: registerImageKey(caller.tenantId, entryId, imageId) }),
  );
  const sealed = Buffer.from(await object.Body!.transformToByteArray());
  const envelope = await tenantDataKeys.envelopeForRead(caller.tenantId, entry.keyPeriod);

  return {
    body: { contentType: 'image/jpeg', dataBase64: envelope.decryptImage(entryId, imageId, sealed).toString('base64') },
  };
});
