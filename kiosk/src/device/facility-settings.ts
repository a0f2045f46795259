import { z } from 'zod';

/**
 * What the operator set for the device's facility, as `POST /devices/heartbeat` returns it:
 * house rules per language tag (`ja`, `en`, `zh-Hans` …) and the door or keybox code. Stored
 * in localStorage so that the kiosk shows them offline; it holds no guest data.
 */
export const facilitySettingsSchema = z.object({
  houseRules: z.record(z.string()).default({}),
  doorCode: z.string().optional(),
});

export type FacilitySettings = z.infer<typeof facilitySettingsSchema>;

const facilitySettingsKey = 'open-sesame.kiosk.facility-settings';

export function readFacilitySettings(): FacilitySettings {
  const stored = localStorage.getItem(facilitySettingsKey);
  const parsed = facilitySettingsSchema.safeParse(stored ? JSON.parse(stored) : {});
  return parsed.success ? parsed.data : { houseRules: {} };
}

export function storeFacilitySettings(settings: FacilitySettings): void {
  localStorage.setItem(facilitySettingsKey, JSON.stringify(settings));
}

export function forgetFacilitySettings(): void {
  localStorage.removeItem(facilitySettingsKey);
}

/** House rules as shown to a guest, with the language they are written in. */
export interface HouseRulesText {
  text: string;
  language: string;
}

/**
 * Returns the operator's house rules in the guest's language, else in English, else
 * undefined (the kiosk then shows its built-in general rules).
 */
export function houseRulesFor(settings: FacilitySettings, language: string): HouseRulesText | undefined {
  for (const candidate of [language, 'en']) {
    const text = settings.houseRules[candidate]?.trim();
    if (text) return { text, language: candidate };
  }
  return undefined;
}
