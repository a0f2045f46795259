import type { GuestForm, StayForm } from './check-in-form';
import type { RegisterFields } from './register-fields';
import { hasErrors, validateGuest } from './validation';

/**
 * True when the stay has as many guests as it declared and every one of them passes
 * validation. The finish screen shows the door code only for a complete stay.
 */
export function isStayComplete(stay: StayForm, guests: readonly GuestForm[], fields: RegisterFields): boolean {
  const declared = Number(stay.guestCount);
  if (!Number.isInteger(declared) || declared < 1 || guests.length !== declared) return false;
  return guests.every((guest) => !hasErrors(validateGuest(guest, fields)));
}
