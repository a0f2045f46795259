/** The character that replaces hidden guest data, as Japanese forms print it. */
export const maskCharacter = '●';

const maskedPart = maskCharacter.repeat(2);

/**
 * Masks a name for users without the PII permission: the first word stays and every other
 * word becomes `●●` (`山田 太郎` → `山田 ●●`). A name of one word keeps its first character
 * (`山田太郎` → `山●●`), so no full name is ever shown.
 */
export function maskName(name: string): string {
  const words = name.trim().split(/\s+/u).filter((word) => word.length > 0);
  if (words.length === 0) return maskedPart;
  if (words.length === 1) return `${Array.from(words[0])[0]}${maskedPart}`;
  return [words[0], ...words.slice(1).map(() => maskedPart)].join(' ');
}

/** Masks a passport number to its last 4 characters (`TN1234567` → `●●●●4567`). */
export function maskPassportNumber(passportNumber: string): string {
  const characters = Array.from(passportNumber.trim());
  return `${maskCharacter.repeat(4)}${characters.slice(-4).join('')}`;
}

/** Masks an address or an occupation completely: no part of it identifies the guest alone. */
export function maskFully(): string {
  return maskCharacter.repeat(4);
}
