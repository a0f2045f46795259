import type { GuestLanguage } from '../i18n/locales';
import type { CapturedPhoto, GuestForm, StayForm } from './check-in-form';
import type { RegisterFields } from './register-fields';
import { normalizeGuestText } from './guest-text';
import { normalizePassportNumber } from './validation';

/**
 * The plaintext inside `CheckIn.sealed`, as docs/architecture.md ("Sealed formats") defines
 * it; the ingest Lambda validates the same shape after opening it.
 */
export interface CheckInPayload {
  version: 1;
  checkInId: string;
  facilityId: string;
  arrivalDate: string;
  departureDate: string;
  language: GuestLanguage;
  consent: { acceptedAt: string; language: string };
  guests: GuestPayload[];
}

export interface GuestPayload {
  guestId: string;
  name: string;
  address: string;
  /** Present where the licence type requires 職業. */
  occupation?: string;
  /** Present where the licence type requires 連絡先. */
  contact?: string;
  hasAddressInJapan: boolean;
  nationality?: string;
  passportNumber?: string;
  passportImageId?: string;
  faceImageId?: string;
}

export interface CheckInPayloadInput {
  checkInId: string;
  facilityId: string;
  stay: StayForm;
  guests: GuestForm[];
  language: GuestLanguage;
  fields: RegisterFields;
  /** When the guest ticked the consent box. */
  acceptedAt: Date;
}

/**
 * Builds the payload and the list of images it refers to from validated form state. Residents
 * of Japan carry no nationality, passport number or photos, even if they were typed first, and
 * a field the licence type does not ask for is left out.
 */
export function buildCheckInPayload(input: CheckInPayloadInput): {
  payload: CheckInPayload;
  images: CapturedPhoto[];
} {
  const images: CapturedPhoto[] = [];
  const guests = input.guests.map((guest): GuestPayload => {
    const base = {
      guestId: guest.guestId,
      name: normalizeGuestText(guest.name),
      address: normalizeGuestText(guest.address),
      ...(input.fields.occupation ? { occupation: normalizeGuestText(guest.occupation) } : {}),
      ...(input.fields.contact ? { contact: normalizeGuestText(guest.contact.normalize('NFKC')) } : {}),
    };
    if (guest.hasAddressInJapan !== false) return { ...base, hasAddressInJapan: true };

    if (!guest.passportPhoto || !guest.facePhoto) {
      throw new Error(`Guest ${guest.guestId} lacks a passport or face photo; validate before building.`);
    }
    images.push(guest.passportPhoto, guest.facePhoto);
    return {
      ...base,
      hasAddressInJapan: false,
      nationality: guest.nationality,
      passportNumber: normalizePassportNumber(guest.passportNumber),
      passportImageId: guest.passportPhoto.imageId,
      faceImageId: guest.facePhoto.imageId,
    };
  });

  const payload: CheckInPayload = {
    version: 1,
    checkInId: input.checkInId,
    facilityId: input.facilityId,
    arrivalDate: input.stay.arrivalDate,
    departureDate: input.stay.departureDate,
    language: input.language,
    consent: { acceptedAt: input.acceptedAt.toISOString(), language: input.language },
    guests,
  };
  return { payload, images };
}
