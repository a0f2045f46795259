import { InvalidCheckInPayloadError, parseCheckInPayload } from '../../lambdas/check-in/check-in-payload';

const forbiddenMessage =
  '制御文字または文字の向きを変える文字を含んでいます / contains a control or bidirectional formatting character';
const familyEmoji = '👨\u200D👩\u200D👧\u200D👦';

const resident = {
  guestId: 'guest-1',
  name: '検証 花子',
  address: '架空県架空市試験町1-2-3',
  occupation: '会社員',
  hasAddressInJapan: true,
};

function payloadText(guest: Record<string, unknown>): string {
  return JSON.stringify({
    version: 1,
    checkInId: 'check-in-1',
    facilityId: 'facility-1',
    arrivalDate: '2026-05-10',
    departureDate: '2026-05-12',
    language: 'ja',
    consent: { acceptedAt: '2026-05-10T15:00:00+09:00', language: 'ja' },
    guests: [guest],
  });
}

/** Returns the problems parseCheckInPayload raises for the guest, or [] when it passes. */
function problemsOf(guest: Record<string, unknown>): readonly string[] {
  try {
    parseCheckInPayload(payloadText(guest));
    return [];
  } catch (error) {
    if (error instanceof InvalidCheckInPayloadError) return error.problems;
    throw error;
  }
}

describe('check-in payload guest text', () => {
  test.each([
    ['name', 'NUL', 'Testa\u0000Nominata'],
    ['address', 'right-to-left override', '架空県\u202E架空市'],
    ['address', 'newline', '架空県\n架空市'],
    ['occupation', 'first strong isolate', '\u2068会社員'],
    ['contact', 'pop directional isolate', '03-1234-5678\u2069'],
  ])('rejects %s with %s', (field, _case, value) => {
    const problems = problemsOf({ ...resident, [field]: value });
    expect(problems).toEqual([`guests.0.${field}: ${forbiddenMessage}`]);
  });

  test('names the field without its value', () => {
    const address = '秘密の住所\u202E';
    const error = (() => {
      try {
        parseCheckInPayload(payloadText({ ...resident, address }));
      } catch (caught) {
        return caught as Error;
      }
      throw new Error('expected the payload to be rejected');
    })();
    expect(error.message).toContain('guests.0.address');
    expect(error.message).not.toContain('秘密の住所');
  });

  test('stores normalized text', () => {
    const payload = parseCheckInPayload(payloadText({ ...resident, name: ` Jose\u0301\u200B ${familyEmoji} `, occupation: 'Engi\u2060neer' }));
    expect(payload.guests[0].name).toBe(`José ${familyEmoji}`);
    expect(payload.guests[0].occupation).toBe('Engineer');
  });

  test('rejects text of zero-width spaces only', () => {
    expect(problemsOf({ ...resident, name: '\u200B \u200B' })).toEqual(['guests.0.name: 空にはできません / must not be empty']);
  });

  test('counts the name maximum in graphemes', () => {
    expect(problemsOf({ ...resident, name: `𠮷${familyEmoji}`.repeat(100) })).toEqual([]);
    expect(problemsOf({ ...resident, name: '𠮷'.repeat(201) })).toEqual(['guests.0.name: 200 文字以内で指定してください / must be at most 200 characters']);
    const stacked = `a${'\u0301'.repeat(200 * 16 + 1)}`;
    expect(problemsOf({ ...resident, name: stacked })).toEqual(['guests.0.name: 200 文字以内で指定してください / must be at most 200 characters']);
  });

  test('accepts emoji ZWJ sequences and 𠮷', () => {
    const name = `𠮷野 ${familyEmoji} 👩🏽\u200D💻 🏳\uFE0F\u200D🌈`;
    expect(parseCheckInPayload(payloadText({ ...resident, name })).guests[0].name).toBe(name);
  });
});
