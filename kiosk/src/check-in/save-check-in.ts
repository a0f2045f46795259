import type { PairedDevice } from '../device/paired-device';
import type { GuestLanguage } from '../i18n/locales';
import { sealCheckIn } from '../sealing/seal-check-in';
import type { submitCheckIn } from '../sync';
import type { GuestForm, StayForm } from './check-in-form';
import { buildCheckInPayload } from './check-in-payload';

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
    guest.hasAddressInJapan === false && guest.passportPhoto ? [guest.passportPhoto.imageId] : [],
  );
  return submit(
    {
      facilityId: device.facility.id,
      arrivalDate: checkIn.stay.arrivalDate,
      departureDate: checkIn.stay.departureDate,
      guestCount: checkIn.guests.length,
      imageIds,
      appVersion: import.meta.env.VITE_APP_VERSION ?? 'dev',
    },
    (checkInId) => {
      const { payload, images } = buildCheckInPayload({
        checkInId,
        facilityId: device.facility.id,
        stay: checkIn.stay,
        guests: checkIn.guests,
        language: checkIn.language,
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
}
