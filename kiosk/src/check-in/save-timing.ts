/** User Timing names of one check-in's local save; bench/kiosk.ts reads the measure. */
export const checkInSubmitMark = 'check-in-submit';
export const checkInSaveLocalMeasure = 'check-in-save-local';

/**
 * Records the time from the guest's consent to the sealed check-in being in DataStore's
 * IndexedDB outbox, as a `performance.measure`, when the consent screen set its mark.
 */
export function measureLocalSave(): void {
  if (performance.getEntriesByName(checkInSubmitMark, 'mark').length === 0) return;
  performance.measure(checkInSaveLocalMeasure, checkInSubmitMark);
  performance.clearMarks(checkInSubmitMark);
}
