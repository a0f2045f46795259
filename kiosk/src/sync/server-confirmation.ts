/**
 * Server confirmation of local check-ins: id lists kept across reloads, and the drain step that
 * queries the server about the rest. The kiosk wipes a record only once it is confirmed here.
 */
import { DataStore } from 'aws-amplify/datastore';
import type { PairedDevice } from '../device/paired-device';
import { CheckInIdList } from './check-in-id-list';
import { handOverCheckIn } from './check-in-handover';
import type { CheckInModel, CheckInRecord } from './check-in-model';
import { createServerCheckIn, fetchCheckInDelivery, ServerAccessRejectedError } from './server-check-in';

// Ids of check-ins the server has not confirmed: those whose mutation DataStore reported as
// failed, and local records without a server `_version` found when the outbox is empty. A create
// whose response was cut after AppSync stored the record fails on its retry because the id
// exists, so a failure alone does not say whether the server has the record. The drain asks
// the server about each id (see `confirmWithServer`) before it may wipe the tablet. The same
// holds for a create that an earlier pairing's device sent before it was revoked.
export const unconfirmedCheckInIds = new CheckInIdList('open-sesame.kiosk.unconfirmed-check-in-ids');
// Ids of records the server does not hold as this kiosk sent them. They block the wipe, across
// reloads, until staff have dealt with them.
// NOTE: nothing re-sends a rejected record yet; it stays on the device and in the unsent count.
export const rejectedCheckInIds = new CheckInIdList('open-sesame.kiosk.rejected-check-in-ids');
// Ids of records whose create DataStore did not confirm but the server stores. Their local copy
// has no `_version`, and the drain may mark their images uploaded all the same.
export const serverConfirmedCheckInIds = new CheckInIdList('open-sesame.kiosk.server-confirmed-check-in-ids');
// Ids of records whose register entry exists, with every image. Their local `imagesUploaded` may
// still be false, and no mark is sent: the record may belong to an earlier pairing's device,
// whose records this device may not update.
export const registeredCheckInIds = new CheckInIdList('open-sesame.kiosk.registered-check-in-ids');

// Ids of local records from before the tablet synced as the current device. AppSync rejects an
// update of another device's record without naming it, so the drain marks only those it owns.
export const earlierDeviceCheckInIds = new CheckInIdList('open-sesame.kiosk.earlier-device-check-in-ids');
const syncDeviceIdKey = 'open-sesame.kiosk.sync-device-id';

/**
 * Adds every local record to `earlierDeviceCheckInIds` when the tablet syncs as another device
 * than last time, or for the first time with this list, and then stores the current device id.
 */
export async function noteEarlierDeviceRecords(CheckIn: CheckInModel, device: PairedDevice): Promise<void> {
  if (localStorage.getItem(syncDeviceIdKey) === device.deviceId) return;
  for (const record of await DataStore.query(CheckIn)) earlierDeviceCheckInIds.add(record.id);
  localStorage.setItem(syncDeviceIdKey, device.deviceId);
}

/** Outcome of one `confirmWithServer` pass, which sets when the drain runs next. */
export interface ServerConfirmation {
  /** A record was sent again: query the server about it soon. */
  resent: boolean;
  /** A record is in the register: its local images are no longer needed. */
  registered: boolean;
  /** The handover of an earlier device's record failed: query the server again after a while. */
  awaitingRegister: boolean;
}

/**
 * Settles every unconfirmed check-in by asking the server how far it has taken the record (see
 * `fetchCheckInDelivery`). A record the server stores exactly as this kiosk sealed it counts as
 * sent, and a later `imagesUploaded` update without a local `_version` is resolved by DataStore's
 * conflict handler with the server's one. A record in the register is complete, also when an
 * earlier pairing's device stored it. When such a device stored a record that ingest has not
 * taken, this kiosk hands it over with the images it kept (see `handOverCheckIn`), after which
 * it is in the register. When the handover fails, the record stays unconfirmed and a later
 * pass queries the server again. When the server has no such record, the kiosk sends it again
 * from the local copy and checks it on the next pass. A record the server stores with
 * different content is rejected. A record of another facility,
 * left from an earlier pairing, stays unconfirmed and on the tablet. Any other failed request
 * throws, and the drain retries it later, so a revoked device keeps every record.
 */
export async function confirmWithServer(CheckIn: CheckInModel, device: PairedDevice, apiUrl: string): Promise<ServerConfirmation> {
  const confirmation: ServerConfirmation = { resent: false, registered: false, awaitingRegister: false };
  for (const checkInId of unconfirmedCheckInIds.read()) {
    const local = await DataStore.query(CheckIn, checkInId);
    if (!local) {
      unconfirmedCheckInIds.remove(checkInId);
      continue;
    }
    if (local.facilityId !== device.facility.id) {
      console.warn('CheckIn kept: it belongs to the facility of an earlier pairing', { checkInId });
      continue;
    }
    const delivery = await fetchCheckInDelivery(local);
    switch (delivery) {
      case 'NOT_STORED':
        // Called only for records whose create is no longer in DataStore's outbox (see
        // `unconfirmedCheckInIds`), so DataStore does not send it a second time.
        await createServerCheckIn(local);
        console.info('CheckIn sent again from its local record', { checkInId });
        confirmation.resent = true;
        continue;
      case 'STORED_BY_OTHER_DEVICE':
        // Owner auth keeps this device from marking the images uploaded, so the API ingests the
        // record with the images kept here. A local `imagesUploaded` may come from a rejected update.
        try {
          await handOverCheckIn(apiUrl, local);
        } catch (error) {
          if (error instanceof ServerAccessRejectedError) throw error;
          // The other records and the image uploads of this pass still go ahead.
          console.warn('CheckIn handover failed; retrying later', { checkInId, error });
          confirmation.awaitingRegister = true;
          continue;
        }
        console.info('CheckIn of an earlier device handed over to the register', { checkInId });
        registeredCheckInIds.add(checkInId);
        serverConfirmedCheckInIds.add(checkInId);
        confirmation.registered = true;
        break;
      case 'IN_REGISTER':
        registeredCheckInIds.add(checkInId);
        serverConfirmedCheckInIds.add(checkInId);
        confirmation.registered = true;
        break;
      case 'STORED':
        serverConfirmedCheckInIds.add(checkInId);
        earlierDeviceCheckInIds.remove(checkInId);
        break;
      case 'MISMATCH':
        rejectedCheckInIds.add(checkInId);
        console.error('CheckIn not held by the server as sent', { checkInId });
        break;
    }
    unconfirmedCheckInIds.remove(checkInId);
  }
  return confirmation;
}

/** True when the server reported the record's register entry. */
export function isInRegister(checkInId: string): boolean {
  return registeredCheckInIds.read().includes(checkInId);
}

/** True when the record's images are marked uploaded or its register entry exists. */
export function hasImagesUploaded(checkIn: CheckInRecord): boolean {
  return checkIn.imagesUploaded || isInRegister(checkIn.id);
}

/** Forgets every confirmation, once the tablet is wiped. */
export function clearServerConfirmations(): void {
  serverConfirmedCheckInIds.clear();
  registeredCheckInIds.clear();
  earlierDeviceCheckInIds.clear();
}

/** True when the server has confirmed the record, through DataStore or through `confirmWithServer`. */
export function isKnownToServer(checkIn: CheckInRecord): boolean {
  return isConfirmedByServer(checkIn) || serverConfirmedCheckInIds.read().includes(checkIn.id);
}

/** DataStore stores the server's `_version` on the local copy once AppSync accepted the create. */
function isConfirmedByServer(checkIn: object): boolean {
  return typeof (checkIn as { _version?: unknown })._version === 'number';
}
