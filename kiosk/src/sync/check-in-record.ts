/** The DataStore CheckIn model, mirroring `type CheckIn` in lib/sync/schema.graphql. */
export interface CheckInRecord {
  readonly id: string;
  facilityId: string;
  /** AWSDate, YYYY-MM-DD. */
  arrivalDate: string;
  departureDate: string;
  guestCount: number;
  imageIds: string[];
  imagesUploaded: boolean;
  /** JSON text of the sealed envelope; the only place guest data travels. */
  sealed: string;
  appVersion?: string | null;
}
