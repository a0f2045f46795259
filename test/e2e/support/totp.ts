import { createHmac } from 'node:crypto';

/**
 * Computes the current 6-digit TOTP code (RFC 6238: HMAC-SHA1, 30-second steps) of a base32
 * secret, as an authenticator app shows it.
 * NOTE: written out because otplib 13, which cognito-local uses, ships ES modules that Jest's
 * CommonJS runtime on Node 20 cannot load.
 */
export function currentTotpCode(base32Secret: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const character of base32Secret.replace(/=+$/, '').toUpperCase()) {
    const value = alphabet.indexOf(character);
    if (value === -1) throw new Error('The TOTP secret is not base32.');
    bits += value.toString(2).padStart(5, '0');
  }
  const key = Buffer.from(bits.match(/.{8}/g)!.map((byte) => parseInt(byte, 2)));

  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const digest = createHmac('sha1', key).update(counter).digest();
  const offset = digest[digest.length - 1] & 0x0f;
  const code = (digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return code.toString().padStart(6, '0');
}
