/** User Timing names of one check-in's local save; bench/kiosk.ts reads the measure. */
export const checkInSubmitMark = 'check-in-submit';
export const checkInSaveLocalMeasure = 'check-in-save-local';

/**
 * Records the time from the guest's consent until the sync module has put the sealed check-in
 * into DataStore's IndexedDB outbox and returned, as a `performance.measure`, when the consent
 * screen set its mark. NOTE: the sync module recounts unsent check-ins before it returns, so
 * the measure includes that local query.
 */
export function measureLocalSave(): void {
  if (performance.getEntriesByName(checkInSubmitMark, 'mark').length === 0) return;
  performance.measure(checkInSaveLocalMeasure, checkInSubmitMark);
  performance.clearMarks(checkInSubmitMark);
}
