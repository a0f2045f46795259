import { z } from 'zod';
import { arrivalDateProblem, dayNumberOf, japanDateOf, maxNights } from '../../kiosk/src/check-in/stay-dates';
import { guestTextSchema } from './guest-text-schema';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((value) => dayNumberOf(value) !== undefined, 'a real calendar date');

const guestSchema = z
  .object({
    guestId: z.string().min(1).max(64),
    // These maxima are above the kiosk form's limits.
    name: guestTextSchema(200),
    address: guestTextSchema(500),
    // 職業 (住宅宿泊事業法) or 連絡先 (旅館業法 since 2023-12-13): the kiosk sends what the
    // facility's licence type requires.
    occupation: guestTextSchema(200).optional(),
    contact: guestTextSchema(200).optional(),
    hasAddressInJapan: z.boolean(),
    nationality: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2').optional(),
    passportNumber: z.string().trim().regex(/^[A-Z0-9]{6,9}$/i, '6 to 9 letters or digits').optional(),
    passportImageId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/).optional(),
    /** The guest's face, taken with the passport as the identity check's image. */
    faceImageId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/).optional(),
  })
  .superRefine((guest, context) => {
    if (guest.occupation === undefined && guest.contact === undefined) {
      context.addIssue({ code: z.ZodIssueCode.custom, path: ['occupation'], message: 'occupation or contact is required' });
    }
    // 住宅宿泊事業法 施行規則 第7条: guests without an address in Japan add nationality and
    // passport number, and the operator keeps a copy of the passport.
    if (guest.hasAddressInJapan) return;
    for (const field of ['nationality', 'passportNumber', 'passportImageId'] as const) {
      if (guest[field] === undefined) {
        context.addIssue({
          code: z.ZodIssueCode.custom,
          path: [field],
          message: 'required for a guest without an address in Japan',
        });
      }
    }
  });

/** The plaintext inside `CheckIn.sealed`; docs/architecture.md "Sealed formats" is the contract. */
export const checkInPayloadSchema = z
  .object({
    version: z.literal(1),
    checkInId: z.string().min(1).max(64),
    facilityId: z.string().min(1).max(64),
    arrivalDate: isoDate,
    departureDate: isoDate,
    language: z.enum(['ja', 'en', 'zh-Hans', 'zh-Hant', 'ko']),
    consent: z.object({ acceptedAt: z.string().datetime({ offset: true }), language: z.string().min(2).max(16) }),
    guests: z.array(guestSchema).min(1).max(50),
  })
  .superRefine(checkStayDates);

const arrivalDateMessages = {
  arrivalInFuture: 'not after the date in Japan of consent.acceptedAt',
  arrivalTooEarly: 'not before the day before the date in Japan of consent.acceptedAt',
} as const;

/**
 * Applies the kiosk form's stay-date rules. Arrival is judged against the consent time, not the
 * ingest time, because a kiosk may sync a check-in days after the guest made it offline.
 */
function checkStayDates(
  payload: { arrivalDate: string; departureDate: string; consent: { acceptedAt: string } },
  context: z.RefinementCtx,
): void {
  const arrival = dayNumberOf(payload.arrivalDate);
  const departure = dayNumberOf(payload.departureDate);
  const consentTime = Date.parse(payload.consent.acceptedAt);
  // zod still runs this check when a field failed its own rule, which has reported it already.
  if (arrival === undefined || departure === undefined || Number.isNaN(consentTime)) return;
  const consentDay = dayNumberOf(japanDateOf(new Date(consentTime)))!;

  const arrivalProblem = arrivalDateProblem(arrival, consentDay);
  if (arrivalProblem) {
    context.addIssue({ code: z.ZodIssueCode.custom, path: ['arrivalDate'], message: arrivalDateMessages[arrivalProblem] });
  }
  if (departure <= arrival) {
    context.addIssue({ code: z.ZodIssueCode.custom, path: ['departureDate'], message: 'after arrivalDate' });
  } else if (departure - arrival > maxNights) {
    context.addIssue({ code: z.ZodIssueCode.custom, path: ['departureDate'], message: `at most ${maxNights} nights after arrivalDate` });
  }
}

export type CheckInPayload = z.infer<typeof checkInPayloadSchema>;
export type CheckInGuest = CheckInPayload['guests'][number];

/** Raised for an invalid payload; it names field paths and rules only, never the values. */
export class InvalidCheckInPayloadError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid check-in payload: ${problems.join('; ')}`);
    this.name = 'InvalidCheckInPayloadError';
  }
}

/** Validates a decrypted payload. zod issues for enums and literals echo the received value, so only paths and messages are kept. */
export function parseCheckInPayload(payloadText: string): CheckInPayload {
  let json: unknown;
  try {
    json = JSON.parse(payloadText);
  } catch {
    throw new InvalidCheckInPayloadError(['payload: not valid JSON']);
  }
  const result = checkInPayloadSchema.safeParse(json);
  if (result.success) return result.data;
  throw new InvalidCheckInPayloadError(
    result.error.issues.map((issue) => `${issue.path.join('.') || 'payload'}: ${issue.code === 'invalid_enum_value' || issue.code === 'invalid_literal' ? 'unexpected value' : issue.message}`),
  );
}
