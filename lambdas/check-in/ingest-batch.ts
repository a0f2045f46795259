import type { Device, DeviceRepository } from '../device/device-repository';
import type { Facility, FacilityRepository } from '../facility/facility-repository';
import type { Tenant, TenantRepository } from '../organisation/tenant-repository';
import type { StaySource } from '../reports/register-stay-source';
import { BatchStaySource } from './batch-stay-source';

/** The repositories whose reads one ingest batch shares between its check-ins. */
export interface IngestBatchSources {
  readonly devices: DeviceRepository;
  readonly facilities: FacilityRepository;
  readonly tenants: TenantRepository;
  /** The register's stays, which the 180-day count reads. */
  readonly registerStays: Pick<StaySource, 'staysTouching'>;
}

/**
 * Reads shared by the check-ins of one ingest invocation (at most the event source mapping's
 * batch size): the device of each kiosk user, each facility and tenant for the operator's
 * notice, and the register's stays for the 180-day count. Each is read once per batch, unless
 * the read fails, and a new invocation starts with none. The device's status is checked again in the
 * transaction that stores the entry, so a device revoked during the batch is still rejected.
 */
export class IngestBatch {
  readonly stays: BatchStaySource;
  private readonly devices = new Map<string, Promise<Device | undefined>>();
  private readonly facilities = new Map<string, Promise<Facility | undefined>>();
  private readonly tenants = new Map<string, Promise<Tenant | undefined>>();

  constructor(private readonly sources: IngestBatchSources) {
    this.stays = new BatchStaySource(sources.registerStays);
  }

  deviceOf(cognitoUsername: string): Promise<Device | undefined> {
    return readOnce(this.devices, cognitoUsername, () => this.sources.devices.findByCognitoUsername(cognitoUsername));
  }

  facility(tenantId: string, facilityId: string): Promise<Facility | undefined> {
    return readOnce(this.facilities, `${tenantId}/${facilityId}`, () => this.sources.facilities.getFacility(tenantId, facilityId));
  }

  tenant(tenantId: string): Promise<Tenant | undefined> {
    return readOnce(this.tenants, tenantId, () => this.sources.tenants.getTenant(tenantId));
  }
}

/** Returns the read stored under `key`, starting it if needed. A failed read is dropped, so the next call starts it again. */
function readOnce<Value>(reads: Map<string, Promise<Value>>, key: string, read: () => Promise<Value>): Promise<Value> {
  const stored = reads.get(key);
  if (stored) return stored;
  const started = read();
  reads.set(key, started);
  started.catch(() => reads.delete(key));
  return started;
}
