import type { z } from 'zod';
import { hasForbiddenCharacters } from '../../kiosk/src/check-in/guest-text';

/**
 * Reason for text that contains a control or bidirectional formatting character, in the
 * bilingual form that issueReason passes on. Guest and admin routes word it alike.
 */
export const forbiddenCharactersMessage =
  '制御文字または文字の向きを変える文字を含んでいます / contains a control or bidirectional formatting character';

const lineBreakPattern = /\r?\n/g;

/**
 * Returns true when text contains a character that guest text rejects: a control character, a
 * line or paragraph separator, or a bidirectional embedding, override or isolate. With
 * `allowLineBreaks`, `\n` and `\r\n` pass, but a lone `\r` does not.
 */
export function hasForbiddenTextCharacters(value: string, options: { allowLineBreaks?: boolean } = {}): boolean {
  const checked = options.allowLineBreaks ? value.replace(lineBreakPattern, '') : value;
  return hasForbiddenCharacters(checked);
}

/**
 * Adds the guest-text character rule to an admin free-text schema, so that a name cannot hide
 * a control character or display in another order than the one stored.
 */
export function rejectForbiddenCharacters(schema: z.ZodString, options: { allowLineBreaks?: boolean } = {}) {
  return schema.refine((value) => !hasForbiddenTextCharacters(value, options), forbiddenCharactersMessage);
}
