import type { Facility } from './facility-repository';

/** A facility as the admin API returns it. */
export function facilityView(facility: Facility) {
  return {
    facilityId: facility.facilityId,
    name: facility.name,
    licenceType: facility.licenceType,
    licenceNumber: facility.licenceNumber,
    address: facility.address,
    postalAddress: facility.postalAddress ?? null,
    capacity: facility.capacity ?? null,
    officeId: facility.officeId ?? null,
    houseRules: facility.houseRules ?? {},
    entryCode: facility.entryCode ?? null,
    localDayLimit: facility.reportSettings?.annualDayLimit ?? null,
    notificationDate: facility.notificationDate ?? null,
    status: facility.status,
    createdAt: facility.createdAt,
    updatedAt: facility.updatedAt ?? null,
    archivedAt: facility.archivedAt ?? null,
    /** Sent back with an edit, so that an edit based on an older read is rejected. */
    revision: facility.revision ?? 0,
  };
}
