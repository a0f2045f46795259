import { longStayStatus } from '../reports/long-stay';
import type { RegisterEntry } from './register-entry';

/**
 * The long-stay part of a register entry as the API returns it: the confirmation status at
 * `now` and every confirmation with who made it. Undefined for a stay under 7 nights.
 */
export function longStayJson(entry: RegisterEntry, now: Date) {
  const status = longStayStatus(entry, now);
  if (!status) return undefined;
  return { ...status, confirmations: entry.longStayConfirmations ?? [] };
}
