/**
 * The register table's index for day counts. It has the keys of `byFacilityArrival` (the
 * facility, then `<arrivalDate>#<consent time>#<entryId>`) but projects only the attributes that
 * a stay period needs. A count reads every entry of a facility's year, and through this index
 * it reads them without their sealed guests.
 */
export const registerStayIndex = {
  name: 'byFacilityStay',
  /** Projected attributes besides the keys; `type` distinguishes entries from other register items. */
  attributes: ['type', 'entryId', 'arrivalDate', 'departureDate', 'consent', 'checkedInAt', 'checkedOutAt', 'lastLongStayConfirmedAt'],
} as const;
