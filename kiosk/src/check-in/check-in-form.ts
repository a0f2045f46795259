/** In-memory form state of one check-in. It is never persisted and is dropped on finish. */
export interface StayForm {
  /** YYYY-MM-DD in the device's time zone. */
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

/** Formats a date as YYYY-MM-DD in the device's local time zone. */
export function toLocalIsoDate(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

/** Creates a stay form that starts today, for one night and one guest. */
export function createStayForm(today: Date): StayForm {
  const tomorrow = new Date(today);
  tomorrow.setDate(today.getDate() + 1);
  return {
    arrivalDate: toLocalIsoDate(today),
    departureDate: toLocalIsoDate(tomorrow),
    guestCount: '1',
  };
}
