import { z } from 'zod';
import { requireActiveCallerDevice } from '../device/device-access';
import { createApiHandler } from '../http/api-handler';
import { deviceCaller } from '../http/caller';
import { parseInput } from '../http/request-parsing';
import type { FieldLabels } from '../http/validation-messages';
import { createLogger } from '../runtime/logger';
import { handOverCheckIn } from './check-in-handover';
import { createIngestDependencies } from './ingest-dependencies';

const logger = createLogger('hand-over-check-in');
const ingestDependencies = createIngestDependencies(logger);

/** Ids chosen by the kiosk (UUIDs); the pattern keeps them safe inside an S3 key. */
const clientId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, '英数字とハイフンで 64 文字以内です / must be at most 64 letters, digits and hyphens');
const handoverFieldLabels: FieldLabels = { checkInId: { ja: 'チェックイン ID', en: 'check-in ID' } };

/**
 * POST /check-ins/{checkInId}/handover: a re-paired kiosk finishes a check-in that a revoked
 * device of its facility sent before the revocation but could not mark `imagesUploaded`. The
 * kiosk first uploads the sealed images it kept through POST /check-ins/{checkInId}/image-uploads.
 * Returns `{ checkInId, outcome }` with outcome `ingested` or `already-ingested`.
 */
export const handler = createApiHandler(logger, async (event) => {
  const caller = deviceCaller(event);
  logger.appendKeys({ tenantId: caller.tenantId, facilityId: caller.facilityId });
  const { checkInId } = parseInput(z.object({ checkInId: clientId }), event.pathParameters ?? {}, handoverFieldLabels);
  logger.appendKeys({ checkInId });

  const device = await requireActiveCallerDevice(ingestDependencies.devices, caller);
  logger.appendKeys({ callerDeviceId: device.deviceId, facilityId: device.facilityId });

  const outcome = await handOverCheckIn(ingestDependencies, device, checkInId);
  logger.info(outcome === 'ingested' ? 'Check-in handed over and ingested' : 'Check-in handed over earlier');
  return { body: { checkInId, outcome } };
});
