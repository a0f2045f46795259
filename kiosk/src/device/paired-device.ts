import { z } from 'zod';

/**
 * Response of `POST /devices/pair`, also stored in localStorage: the device's own Cognito
 * credentials, its facility and the public sealing key. It contains no guest data.
 */
export const pairedDeviceSchema = z.object({
  deviceId: z.string().min(1),
  username: z.string().min(1),
  password: z.string().min(1),
  tenantId: z.string().min(1),
  facility: z.object({
    id: z.string().min(1),
    name: z.string(),
    licenceType: z.string().min(1),
  }),
  sealingKey: z.object({
    keyId: z.string().min(1),
    publicKeySpkiBase64: z.string().min(1),
  }),
});

export type PairedDevice = z.infer<typeof pairedDeviceSchema>;

const pairedDeviceKey = 'open-sesame.kiosk.device';

export function readPairedDevice(): PairedDevice | undefined {
  const stored = localStorage.getItem(pairedDeviceKey);
  if (!stored) return undefined;
  const parsed = pairedDeviceSchema.safeParse(JSON.parse(stored));
  return parsed.success ? parsed.data : undefined;
}

export function storePairedDevice(device: PairedDevice): void {
  localStorage.setItem(pairedDeviceKey, JSON.stringify(device));
}

export function forgetPairedDevice(): void {
  localStorage.removeItem(pairedDeviceKey);
}
