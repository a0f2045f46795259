/**
 * Server confirmation of local check-ins: id lists kept across reloads, and the drain step that
 * queries the server about the rest. The kiosk wipes a record only once it is confirmed here.
 */
import { DataStore } from 'aws-amplify/datastore';
import type { PairedDevice } from '../device/paired-device';
import { CheckInIdList } from './check-in-id-list';
import type { CheckInModel, CheckInRecord } from './check-in-model';
import { createServerCheckIn, fetchServerCheckIn } from './server-check-in';

// Ids of check-ins the server has not confirmed: those whose mutation DataStore reported as
// failed, and local records without a server `_version` found when the outbox is empty. A create
// whose response was cut after AppSync stored the record fails on its retry because the id
// exists, so a failure alone does not say whether the server has the record. The drain asks
// the server about each id (see `confirmWithServer`) before it may wipe the tablet.
export const unconfirmedCheckInIds = new CheckInIdList('open-sesame.kiosk.unconfirmed-check-in-ids');
// Ids of records the server does not hold as this kiosk sent them. They block the wipe, across
// reloads, until staff have dealt with them.
// NOTE: nothing re-sends a rejected record yet; it stays on the device and in the unsent count.
export const rejectedCheckInIds = new CheckInIdList('open-sesame.kiosk.rejected-check-in-ids');
// Ids of records whose create DataStore did not confirm but the server stores. Their local copy
// has no `_version`, and the drain may mark their images uploaded all the same.
export const serverConfirmedCheckInIds = new CheckInIdList('open-sesame.kiosk.server-confirmed-check-in-ids');

/**
 * Settles every unconfirmed check-in: when the server stores the record exactly as this kiosk
 * sealed it, the record counts as sent, and a later `imagesUploaded` update without a local
 * `_version` is resolved by DataStore's conflict handler with the server's one. When the server
 * has no such record, the kiosk sends it again from the local copy and checks it on the next pass.
 * A record the server stores with different content is rejected. A record of another facility, left from
 * an earlier pairing, stays unconfirmed and on the tablet. A failed request throws, and the
 * drain retries it later, so a revoked device keeps every record. Returns true when it sent a
 * record again, so that the caller asks about it soon.
 */
export async function confirmWithServer(CheckIn: CheckInModel, device: PairedDevice): Promise<boolean> {
  let resent = false;
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
    // NOTE: a record the server stored for an earlier pairing's device, whose response never
    // reached the kiosk, is owned by that device. Owner auth should then fail the re-paired
    // device's lookup or create, so the record stays and blocks the wipe. No test covers it.
    const server = await fetchServerCheckIn(checkInId);
    if (!server) {
      // Called only for records whose create is no longer in DataStore's outbox (see
      // `unconfirmedCheckInIds`), so DataStore does not send it a second time.
      await createServerCheckIn(local);
      console.info('CheckIn sent again from its local record', { checkInId });
      resent = true;
      continue;
    }
    if (server._deleted !== true && server.sealed === local.sealed) {
      serverConfirmedCheckInIds.add(checkInId);
    } else {
      rejectedCheckInIds.add(checkInId);
      console.error('CheckIn not held by the server as sent', { checkInId, deleted: server._deleted === true });
    }
    unconfirmedCheckInIds.remove(checkInId);
  }
  return resent;
}

/** True when the server has confirmed the record, through DataStore or through `confirmWithServer`. */
export function isKnownToServer(checkIn: CheckInRecord): boolean {
  return isConfirmedByServer(checkIn) || serverConfirmedCheckInIds.read().includes(checkIn.id);
}

/** DataStore stores the server's `_version` on the local copy once AppSync accepted the create. */
function isConfirmedByServer(checkIn: object): boolean {
  return typeof (checkIn as { _version?: unknown })._version === 'number';
}
