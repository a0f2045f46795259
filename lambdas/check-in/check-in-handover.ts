import { CopyObjectCommand, DeleteObjectsCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import type { Device } from '../device/device-repository';
import { DecryptionFailedError } from '../guest-pii/aes-gcm';
import { ConflictError, NotFoundError } from '../http/domain-errors';
import { checkInTtlAttribute } from './check-in-expiry';
import { CheckInRejectedError, ingestCheckIn, type IngestDependencies, type IngestOutcome } from './check-in-ingestion';
import { InvalidCheckInPayloadError } from './check-in-payload';
import { InvalidCheckInRecordError, ownerUsername, parseCheckInItem, type CheckInRecord } from './check-in-record';
import { incomingImageKey } from './image-keys';
import { isIngestibleFor } from './record-device';

/**
 * Ingests a check-in that a revoked device sent but whose images it never marked uploaded. The
 * calling device, a re-paired kiosk of the same facility, has uploaded the sealed images it kept.
 * They are copied from the caller's `incoming/` prefix to the owner's, where ingest reads them,
 * and the caller's copies are deleted once the register entry exists. Ingest opens each image
 * with the check-in's key and AAD, so an image of another check-in is rejected.
 *
 * A record of another facility or tenant gets the same 404 as a missing one. A repeated call
 * after success returns `already-ingested`.
 */
export async function handOverCheckIn(deps: IngestDependencies, caller: Device, checkInId: string): Promise<IngestOutcome> {
  const item = await deps.checkInTable.getItem(checkInId);
  const owner = item ? await ownerDeviceOf(deps, item) : undefined;
  if (!item || !owner || item.facilityId !== caller.facilityId || owner.tenantId !== caller.tenantId || owner.facilityId !== caller.facilityId) {
    throw new NotFoundError(`チェックイン ${checkInId} が見つかりません / check-in ${checkInId} not found`, 'checkInId');
  }
  deps.logger.appendKeys({ ownerDeviceId: owner.deviceId });

  const record = requireHandoverRecord(item, owner, caller, checkInId);
  if (await deps.register.isCheckInIngested(caller.tenantId, checkInId)) {
    // Sets the TTL too, in case an earlier call stopped between the entry and the TTL.
    return await ingestForHandover(deps, caller, record);
  }
  if (item[checkInTtlAttribute] !== undefined) {
    throw new ConflictError(
      `チェックイン ${checkInId} は有効期限が設定されていますが、名簿にありません / check-in ${checkInId} has a TTL but no register entry`,
      'checkInId',
    );
  }

  await placeImagesForIngest(deps, caller, owner, record);
  return await ingestForHandover(deps, caller, record);
}

async function ownerDeviceOf(deps: IngestDependencies, item: Record<string, unknown>): Promise<Device | undefined> {
  if (typeof item.owner !== 'string' || item.owner === '') return undefined;
  return deps.devices.findByCognitoUsername(ownerUsername(item.owner));
}

/** Returns the parsed record when its owner may hand it over, and raises a 409 naming the reason otherwise. */
function requireHandoverRecord(item: Record<string, unknown>, owner: Device, caller: Device, checkInId: string): CheckInRecord {
  const conflict = (ja: string, en: string) => new ConflictError(`チェックイン ${checkInId} は${ja} / check-in ${checkInId} ${en}`, 'checkInId');
  if (owner.deviceId === caller.deviceId) {
    throw conflict('この端末の送信です。画像をアップロードして送信済みにしてください', 'was sent by this device: upload its images and mark them uploaded');
  }
  if (item._deleted === true) throw conflict('削除されています', 'was deleted');
  if (owner.status === 'active') {
    throw conflict('送信した端末がまだ有効です。その端末が画像を送信します', 'belongs to a device that is still active and sends its own images');
  }

  let record: CheckInRecord;
  try {
    record = parseCheckInItem(item);
  } catch (error) {
    if (!(error instanceof InvalidCheckInRecordError)) throw error;
    throw conflict(`不正な形式です（${error.problems.join('; ')}）`, `is invalid: ${error.problems.join('; ')}`);
  }
  if (!isIngestibleFor(owner, record)) {
    throw conflict('送信した端末の登録解除後に変更されています', 'was changed after its device was revoked');
  }
  return record;
}

/**
 * Makes every image of the record readable under the owner's prefix. An image the owner uploaded
 * stays as it is, so a caller cannot overwrite it, and the caller's copy fills only a gap. Raises
 * a 409 naming the image ids found under neither prefix.
 */
async function placeImagesForIngest(deps: IngestDependencies, caller: Device, owner: Device, record: CheckInRecord): Promise<void> {
  const missing: string[] = [];
  for (const imageId of record.imageIds) {
    const callerKey = incomingImageKey(caller.deviceId, record.id, imageId);
    const ownerKey = incomingImageKey(owner.deviceId, record.id, imageId);
    if (await objectExists(deps, ownerKey)) continue;
    if (await objectExists(deps, callerKey)) {
      await deps.s3.send(new CopyObjectCommand({ Bucket: deps.imagesBucket, Key: ownerKey, CopySource: `${deps.imagesBucket}/${callerKey}` }));
    } else {
      missing.push(imageId);
    }
  }
  if (missing.length > 0) {
    throw new ConflictError(
      `チェックイン ${record.id} の画像がアップロードされていません: ${missing.join(', ')} / images of check-in ${record.id} are not uploaded: ${missing.join(', ')}`,
      'imageIds',
    );
  }
}

async function objectExists(deps: IngestDependencies, key: string): Promise<boolean> {
  try {
    await deps.s3.send(new HeadObjectCommand({ Bucket: deps.imagesBucket, Key: key }));
    return true;
  } catch (error) {
    if ((error as Error).name === 'NotFound' || (error as Error).name === 'NoSuchKey') return false;
    throw error;
  }
}

/**
 * Runs ingest and then deletes the caller's copies of the images. Ingest errors that no retry
 * can fix (a seal or image that does not open, an invalid payload) become a 409 whose message
 * names ids and fields only.
 */
async function ingestForHandover(deps: IngestDependencies, caller: Device, record: CheckInRecord): Promise<IngestOutcome> {
  let outcome: IngestOutcome;
  try {
    outcome = await ingestCheckIn(deps, record);
  } catch (error) {
    if (error instanceof CheckInRejectedError || error instanceof DecryptionFailedError || error instanceof InvalidCheckInPayloadError) {
      throw new ConflictError(`チェックイン ${record.id} を名簿に登録できません（${error.message}） / check-in ${record.id} cannot be ingested: ${error.message}`, 'checkInId');
    }
    throw error;
  }
  if (record.imageIds.length > 0) {
    const keys = record.imageIds.map((imageId) => ({ Key: incomingImageKey(caller.deviceId, record.id, imageId) }));
    await deps.s3.send(new DeleteObjectsCommand({ Bucket: deps.imagesBucket, Delete: { Objects: keys, Quiet: true } }));
  }
  return outcome;
}
