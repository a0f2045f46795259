import type { OpenedGuest } from '../../lambdas/guest-register/guest-decryption';
import { registerCsvHeaders, registerCsvRows } from '../../lambdas/guest-register/register-csv';
import type { RegisterEntry } from '../../lambdas/guest-register/register-entry';

/** An invented guest: no real person has this name or address. */
const resident: OpenedGuest = {
  guestId: 'g1',
  name: '架空 名簿子',
  address: '架空県架空市名簿町1-2-3',
  occupation: '会社員',
  hasAddressInJapan: true,
};

const stay: RegisterEntry = {
  tenantId: 'tenant-csv',
  entryId: 'entry-csv',
  facilityId: 'facility-csv',
  checkInId: 'check-in-csv',
  deviceId: 'device-csv',
  arrivalDate: '2026-12-05',
  departureDate: '2026-12-06',
  language: 'ja',
  consent: { acceptedAt: '2026-12-05T16:00:00+09:00', language: 'ja' },
  guestCount: 1,
  keyPeriod: '2026-12',
  guests: [],
  createdAt: '2026-12-05T07:00:00.000Z',
  expiresAt: 0,
};

function checkOutCell(entry: RegisterEntry): string {
  const [row] = registerCsvRows(entry, [resident]);
  return row[registerCsvHeaders.indexOf('チェックアウト日時（日本時間）')];
}

describe('register CSV check-out column', () => {
  test('marks an assumed check-out as planned', () => {
    expect(checkOutCell(stay)).toBe('2026-12-06 10:00（予定）');
  });

  test('prints a recorded check-out as is', () => {
    expect(checkOutCell({ ...stay, checkedOutAt: '2026-12-06T11:30:00+09:00' })).toBe('2026-12-06 11:30');
  });

  test('leaves the check-in column unmarked', () => {
    const [row] = registerCsvRows(stay, [resident]);

    expect(row[registerCsvHeaders.indexOf('チェックイン日時（日本時間）')]).toBe('2026-12-05 16:00');
  });
});
