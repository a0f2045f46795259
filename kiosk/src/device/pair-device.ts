import type { KioskConfig } from '../config/kiosk-config';
import { pairedDeviceSchema, storePairedDevice, type PairedDevice } from './paired-device';

/**
 * A pairing failure the screen can explain: a code of the wrong format (400), a code rejected as
 * unknown, used or expired, API unreachable, server error or bad reply.
 */
export class PairingError extends Error {
  constructor(
    readonly reason: 'invalid-format' | 'rejected' | 'unreachable' | 'server-error' | 'invalid-response',
    message: string,
  ) {
    super(message);
    this.name = 'PairingError';
  }
}

/**
 * Exchanges a one-time pairing code for the device's credentials, signs the device in and
 * stores it. The code itself is the credential, so the request carries no token.
 */
export async function pairDevice(config: KioskConfig, pairingCode: string): Promise<PairedDevice> {
  let response: Response;
  try {
    response = await fetch(`${config.apiUrl}/devices/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pairingCode: pairingCode.trim() }),
    });
  } catch (error) {
    throw new PairingError('unreachable', `Pairing request failed: ${String(error)}`);
  }
  if (response.status === 400) {
    throw new PairingError('invalid-format', 'Pairing code rejected with HTTP 400: wrong format.');
  }
  if (response.status >= 400 && response.status < 500) {
    throw new PairingError('rejected', `Pairing code rejected with HTTP ${response.status}.`);
  }
  if (!response.ok) {
    // The server responded, so a "check the network" message would mislead staff.
    throw new PairingError('server-error', `Pairing failed with HTTP ${response.status}.`);
  }

  const parsed = pairedDeviceSchema.safeParse(await response.json());
  if (!parsed.success) {
    throw new PairingError('invalid-response', 'Pairing response is missing device fields.');
  }

  const { signInDevice } = await import('../amplify/device-session');
  await signInDevice(config, parsed.data);
  storePairedDevice(parsed.data);
  return parsed.data;
}
