import { correctionRequest, guestDraft, validateCorrection, type Draft } from '../../admin-web/src/features/guest-register/CorrectionForm';
import type { RegisterEntry } from '../../admin-web/src/features/guest-register/api';
import { periodIdOf, previousPeriodId } from '../../admin-web/src/features/dashboard/reporting-periods';

/** Invented guests: no real person. */
const entry: RegisterEntry = {
  entryId: 'entry-1',
  facilityId: 'facility-1',
  arrivalDate: '2026-06-20',
  departureDate: '2026-06-24',
  consent: { acceptedAt: '2026-06-20T08:00:00Z', language: 'ja' },
  disclosure: 'full',
  revision: 2,
  checkedOutAt: '2026-06-24T01:00:00.000Z',
  guests: [
    { guestId: 'g1', name: '架空 一郎', address: '架空県架空市1-1', occupation: '会社員', hasAddressInJapan: true },
    { guestId: 'g2', name: 'Fictus Alter', address: '1 Nowhere Road', occupation: 'Clerk', hasAddressInJapan: false, nationality: 'GB', passportNumber: 'FA1234567' },
  ],
};

const draftOf = (change: (draft: ReturnType<typeof baseDraft>) => void = () => {}) => {
  const draft = baseDraft();
  change(draft);
  return draft;
};

function baseDraft(): Draft {
  return { reason: '申告による訂正', checkedInAt: '', checkedOutAt: '2026-06-24T10:00', guests: entry.guests.map(guestDraft) };
}

describe('correction form validation', () => {
  test.each<[string, (draft: ReturnType<typeof baseDraft>) => void, Record<string, string>]>([
    ['unchanged draft is valid', () => {}, {}],
    ['missing reason', (draft) => (draft.reason = '  '), { reason: 'correction.errors.reasonRequired' }],
    ['empty name', (draft) => (draft.guests[0].name = ''), { 'guests.0.name': 'correction.errors.required' }],
    ['short passport number', (draft) => (draft.guests[1].passportNumber = '12'), { 'guests.1.passportNumber': 'correction.errors.passportNumber' }],
    ['lower-case nationality', (draft) => (draft.guests[1].nationality = 'gb'), { 'guests.1.nationality': 'correction.errors.nationality' }],
    [
      'visitor without passport fields',
      (draft) => Object.assign(draft.guests[1], { nationality: '', passportNumber: '' }),
      { 'guests.1.nationality': 'correction.errors.requiredWithoutAddress', 'guests.1.passportNumber': 'correction.errors.requiredWithoutAddress' },
    ],
    ['check-out before check-in', (draft) => (draft.checkedInAt = '2026-06-24T11:00'), { checkedOutAt: 'correction.errors.checkOutBeforeCheckIn' }],
    ['check-out before arrival', (draft) => (draft.checkedOutAt = '2026-06-19T10:00'), { checkedOutAt: 'correction.errors.beforeArrival' }],
    ['check-out a minute before arrival', (draft) => (draft.checkedOutAt = '2026-06-19T23:59'), { checkedOutAt: 'correction.errors.beforeArrival' }],
    ['check-in before arrival', (draft) => (draft.checkedInAt = '2026-06-19T23:59'), { checkedInAt: 'correction.errors.beforeArrival' }],
    ['check-in at arrival midnight', (draft) => (draft.checkedInAt = '2026-06-20T00:00'), {}],
  ])('%s', (_name, change, errors) => {
    expect(validateCorrection(draftOf(change), entry)).toEqual(errors);
  });
});

describe('correction request', () => {
  test('nothing changed gives no request', () => {
    expect(correctionRequest(entry, draftOf())).toBeUndefined();
  });

  test('only changed fields are sent, every guest by id', () => {
    const draft = draftOf((draft) => {
      draft.guests[1].passportNumber = 'fa7654321';
      draft.guests[0].hasAddressInJapan = false;
      draft.checkedInAt = '2026-06-20T16:30';
    });

    expect(correctionRequest(entry, draft)).toEqual({
      revision: 2,
      reason: '申告による訂正',
      checkedInAt: '2026-06-20T16:30:00+09:00',
      guests: [{ guestId: 'g1', hasAddressInJapan: false }, { guestId: 'g2', passportNumber: 'FA7654321' }],
    });
  });

  test('cleared recorded time is sent as null', () => {
    expect(correctionRequest(entry, draftOf((draft) => (draft.checkedOutAt = ''))!)?.checkedOutAt).toBeNull();
  });
});

describe('dashboard reporting periods', () => {
  test.each([
    ['2026-06-01', '2026-06'],
    ['2026-07-31', '2026-06'],
    ['2026-12-05', '2026-12'],
    ['2027-01-15', '2026-12'],
    ['2027-02-01', '2027-02'],
  ])('%s is in period %s', (day, periodId) => {
    expect(periodIdOf(day)).toBe(periodId);
  });

  test.each([
    ['2026-06', '2026-04'],
    ['2027-02', '2026-12'],
    ['2026-12', '2026-10'],
  ])('period before %s is %s', (periodId, previous) => {
    expect(previousPeriodId(periodId)).toBe(previous);
  });
});
