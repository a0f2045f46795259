import { z } from 'zod';
import { documentClient } from '../aws/dynamodb';
import type { Facility } from '../facility/facility-repository';
import { createApiHandler } from '../http/api-handler';
import { parseInput } from '../http/request-parsing';
import { requireInOffices, withinOffices, type OperatorAccess } from '../organisation/access-context';
import { createDirectoryServices } from '../organisation/directory-services';
import { requirePermission } from '../organisation/permissions';
import { longStayStatus } from '../reports/long-stay';
import { RegisterStaySource } from '../reports/register-stay-source';
import { todayInJapan } from '../reports/reporting-periods';
import { readEnvironment } from '../runtime/environment';
import { createLogger } from '../runtime/logger';
import { registerListLabels } from './register-field-labels';

const logger = createLogger('list-long-stays');
const env = readEnvironment(['REGISTER_TABLE']);
const stays = new RegisterStaySource(documentClient, env.REGISTER_TABLE);
const { access, facilities } = createDirectoryServices();
const querySchema = z.object({ facilityId: z.string().trim().min(1).max(64).optional() });

/**
 * GET /long-stays?facilityId=: the long stays (7 nights or more) in progress at the facilities of
 * the caller's offices, with when the next confirmation that no unverified person stays is due.
 * Dates and head counts only: no guest field is read, so nothing is decrypted or audited.
 */
export const handler = createApiHandler(logger, async (event) => {
  const caller = await access.resolve(event);
  logger.appendKeys({ tenantId: caller.tenantId });
  requirePermission(caller, 'register:read');
  const query = parseInput(querySchema, event.queryStringParameters ?? {}, registerListLabels);

  const now = new Date();
  const today = todayInJapan(now);
  const result = [];
  for (const facility of await facilitiesInScope(caller, query.facilityId)) {
    for (const entry of await stays.entriesTouching(caller.tenantId, facility.facilityId, today, today)) {
      const status = longStayStatus(entry, now);
      if (!status?.inProgress) continue;
      result.push({
        entryId: entry.entryId,
        facilityId: facility.facilityId,
        facilityName: facility.name,
        arrivalDate: entry.arrivalDate,
        departureDate: entry.departureDate,
        guestCount: entry.guests.length,
        ...status,
      });
    }
  }
  return { body: { stays: result } };
});

async function facilitiesInScope(caller: OperatorAccess, facilityId: string | undefined): Promise<Facility[]> {
  if (facilityId !== undefined) {
    const facility = await facilities.getFacility(caller.tenantId, facilityId);
    return [requireInOffices(caller, facility, { ja: '施設が見つかりません', en: 'facility not found', field: 'facilityId' })];
  }
  const all = withinOffices(caller, await facilities.listFacilities(caller.tenantId));
  return all.filter((facility) => facility.status !== 'archived').sort((a, b) => a.name.localeCompare(b.name, 'ja'));
}
