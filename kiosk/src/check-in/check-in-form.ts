import { japanDateOf } from './stay-dates';

/** In-memory form state of one check-in. It is never persisted and is dropped on finish. */
export interface StayForm {
  /** YYYY-MM-DD, a date in Japan. */
  arrivalDate: string;
  departureDate: string;
  /** As typed, so that an empty field can be reported. */
  guestCount: string;
}

/** A passport or face photo after on-device downscaling: JPEG bytes, still plaintext in memory. */
export interface CapturedPhoto {
  imageId: string;
  jpeg: Uint8Array;
}

/** One guest's register fields (宿泊者名簿) as typed on the kiosk. */
export interface GuestForm {
  guestId: string;
  name: string;
  address: string;
  /** Asked only where the licence type requires it (see register-fields.ts). */
  occupation: string;
  /** Telephone number or email address; asked only where the licence type requires it. */
  contact: string;
  /** Undefined until the guest chooses; residents of Japan are never asked for a passport. */
  hasAddressInJapan: boolean | undefined;
  /** ISO 3166-1 alpha-2. */
  nationality: string;
  passportNumber: string;
  passportPhoto: CapturedPhoto | undefined;
  /** The guest's face from the front camera, taken with the passport for the identity check. */
  facePhoto: CapturedPhoto | undefined;
}

export function createGuestForm(guestId: string): GuestForm {
  return {
    guestId,
    name: '',
    address: '',
    occupation: '',
    contact: '',
    hasAddressInJapan: undefined,
    nationality: '',
    passportNumber: '',
    passportPhoto: undefined,
    facePhoto: undefined,
  };
}

/** Creates a stay form that starts today in Japan, for one night and one guest. */
export function createStayForm(now: Date): StayForm {
  return {
    arrivalDate: japanDateOf(now),
    // Japan has no daylight saving time, so every day there is 24 hours long.
    departureDate: japanDateOf(new Date(now.getTime() + 24 * 60 * 60 * 1000)),
    guestCount: '1',
  };
}
