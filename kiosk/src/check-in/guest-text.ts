/**
 * Rules for free text a guest types (name, address, occupation, contact). The kiosk, check-in
 * ingest and register correction all apply them, so a crafted request cannot store what the
 * form rejects.
 */

/**
 * C0 and C1 control characters (NUL, tab, newline, DEL …), line and paragraph separators, and
 * the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that can
 * make a register line display in an order other than the stored one.
 */
const forbiddenCharacterPattern = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

/** Zero-width characters that never change how text looks: ZWSP, word joiner and BOM. */
const invisibleCharacterPattern = /[\u200B\u2060\uFEFF]/gu;

const zeroWidthNonJoiner = '\u200C';
const zeroWidthJoiner = '\u200D';

/** A character before a ZWJ that an emoji ZWJ sequence (👩‍💻, 👨‍👩‍👧) can start from. */
const emojiBeforeJoinerPattern = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]/u;
const emojiAfterJoinerPattern = /\p{Extended_Pictographic}/u;

/**
 * Returns true for a letter or mark of a script that uses ZWJ or ZWNJ to choose a glyph form
 * (Arabic, Persian, Devanagari, Malayalam, Sinhala …). In Latin, Greek, Cyrillic, Han, kana and
 * Hangul they change at most a ligature, so they are stripped there.
 */
function isJoiningScriptLetter(character: string | undefined): boolean {
  if (character === undefined) return false;
  if (!/[\p{L}\p{M}]/u.test(character)) return false;
  return !/[\p{sc=Latin}\p{sc=Greek}\p{sc=Cyrillic}\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/u.test(
    character,
  );
}

function isNeededJoiner(joiner: string, previous: string | undefined, next: string | undefined): boolean {
  if (isJoiningScriptLetter(previous) && isJoiningScriptLetter(next)) return true;
  if (joiner !== zeroWidthJoiner || previous === undefined || next === undefined) return false;
  return emojiBeforeJoinerPattern.test(previous) && emojiAfterJoinerPattern.test(next);
}

/** Returns true when the text contains a control or bidirectional formatting character. */
export function hasForbiddenCharacters(value: string): boolean {
  return forbiddenCharacterPattern.test(value);
}

/**
 * Normalizes guest text to NFC and removes zero-width characters that do not change its
 * rendering. ZWJ stays inside emoji ZWJ sequences, and ZWJ and ZWNJ stay between two letters
 * of a script that shapes with them. Forbidden characters are left for the caller to reject.
 */
export function normalizeGuestText(value: string): string {
  const characters = Array.from(value.normalize('NFC').replace(invisibleCharacterPattern, ''));
  const keptCharacters: string[] = [];
  for (let index = 0; index < characters.length; index += 1) {
    const character = characters[index];
    const isJoiner = character === zeroWidthJoiner || character === zeroWidthNonJoiner;
    if (isJoiner && !isNeededJoiner(character, keptCharacters[keptCharacters.length - 1], characters[index + 1])) continue;
    keptCharacters.push(character);
  }
  return keptCharacters.join('').trim();
}

const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * UTF-16 code units allowed per grapheme of a limit. A kiss with two skin tones, among the
 * longest emoji ZWJ sequences, takes 15. The bound stops a grapheme with thousands of combining
 * marks from passing a limit counted in graphemes.
 */
export const maxCodeUnitsPerGrapheme = 16;

/**
 * Counts user-perceived characters (extended grapheme clusters, Unicode UAX #29), so 𠮷 and
 * 👨‍👩‍👧 count as one each although they take two and eight UTF-16 code units.
 */
export function countGraphemes(value: string): number {
  let count = 0;
  for (const _segment of graphemeSegmenter.segment(value)) count += 1;
  return count;
}

/** Returns true when the text has more than `maxGraphemes` graphemes or exceeds their code-unit bound. */
export function exceedsGraphemeLimit(value: string, maxGraphemes: number): boolean {
  if (value.length > maxGraphemes * maxCodeUnitsPerGrapheme) return true;
  return countGraphemes(value) > maxGraphemes;
}
