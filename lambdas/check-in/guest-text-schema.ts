import { z } from 'zod';
import { exceedsGraphemeLimit, hasForbiddenCharacters, normalizeGuestText } from '../../kiosk/src/check-in/guest-text';
import { forbiddenCharactersMessage } from '../http/forbidden-characters';

/**
 * Returns a zod schema for guest free text under the kiosk form's rules: control and
 * bidirectional formatting characters are rejected, the text is normalized as the kiosk sends
 * it, and the maximum counts graphemes. Messages are bilingual (`日本語 / English`) so that API
 * handlers pass them through, and they never contain the value.
 */
export function guestTextSchema(maxGraphemes: number) {
  return z
    .string()
    .refine((value) => !hasForbiddenCharacters(value), forbiddenCharactersMessage)
    .transform(normalizeGuestText)
    .refine((value) => value !== '', '空にはできません / must not be empty')
    .refine(
      (value) => !exceedsGraphemeLimit(value, maxGraphemes),
      `${maxGraphemes} 文字以内で指定してください / must be at most ${maxGraphemes} characters`,
    );
}
