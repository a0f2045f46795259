import type { PairedDevice } from '../device/paired-device';
import type { GuestLanguage } from '../i18n/locales';
import { sealCheckIn } from '../sealing/seal-check-in';
import type { submitCheckIn } from '../sync';
import type { GuestForm, StayForm } from './check-in-form';
import { appVersion } from '../device/app-version';
import { buildCheckInPayload } from './check-in-payload';
import { registerFieldsFor } from './register-fields';
import { measureLocalSave } from './save-timing';

export interface CompletedCheckIn {
  stay: StayForm;
  guests: GuestForm[];
  language: GuestLanguage;
  acceptedAt: Date;
}

/**
 * Seals a completed check-in under the facility's key and hands it to the sync module.
 * Plaintext exists only in memory here; what the sync module stores is sealed.
 */
export async function saveCheckIn(
  submit: typeof submitCheckIn,
  device: PairedDevice,
  checkIn: CompletedCheckIn,
): Promise<string> {
  const imageIds = checkIn.guests.flatMap((guest) =>
    guest.hasAddressInJapan === false
      ? [guest.passportPhoto?.imageId, guest.facePhoto?.imageId].filter((id): id is string => id !== undefined)
      : [],
  );
  const checkInId = await submit(
    {
      facilityId: device.facility.id,
      arrivalDate: checkIn.stay.arrivalDate,
      departureDate: checkIn.stay.departureDate,
      guestCount: checkIn.guests.length,
      imageIds,
      appVersion,
    },
    (checkInId) => {
      const { payload, images } = buildCheckInPayload({
        checkInId,
        facilityId: device.facility.id,
        stay: checkIn.stay,
        guests: checkIn.guests,
        language: checkIn.language,
        fields: registerFieldsFor(device.facility.licenceType),
        acceptedAt: checkIn.acceptedAt,
      });
      return sealCheckIn(
        checkInId,
        payload,
        images.map((image) => ({ imageId: image.imageId, bytes: image.jpeg })),
        device.sealingKey,
      );
    },
  );
  measureLocalSave();
  return checkInId;
}
