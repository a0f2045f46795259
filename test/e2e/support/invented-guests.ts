/**
 * Invented guests for browser tests. No real person has these names, addresses or passport
 * numbers; tests also search logs and storage for these exact strings.
 */
export const residentGuest = {
  name: '検証 一郎',
  address: '東京都架空区試験町1-2-3',
  occupation: '会社員',
} as const;

export const foreignGuest = {
  name: 'Testa Nominata',
  address: '12 Rue Imaginaire, 69000 Lyon',
  occupation: 'Architecte',
  nationality: 'FR',
  passportNumber: 'TZ9081726',
} as const;

/** Strings that must never appear in plaintext outside the register's authorised views. */
export const guestSecrets = [
  residentGuest.name,
  residentGuest.address,
  foreignGuest.name,
  foreignGuest.address,
  foreignGuest.passportNumber,
];
