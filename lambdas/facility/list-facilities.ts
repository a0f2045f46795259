import { documentClient } from '../aws/dynamodb';
import { createApiHandler } from '../http/api-handler';
import { operatorCaller } from '../http/caller';
import { readEnvironment } from '../runtime/environment';
import { createLogger } from '../runtime/logger';
import { FacilityRepository } from './facility-repository';

const env = readEnvironment(['DIRECTORY_TABLE']);
const logger = createLogger('list-facilities');
const facilities = new FacilityRepository(documentClient, env.DIRECTORY_TABLE);

/** GET /facilities: every facility of the caller's tenant, sorted by name. */
export const handler = createApiHandler(logger, async (event) => {
  const caller = operatorCaller(event);
  logger.appendKeys({ tenantId: caller.tenantId });

  const list = await facilities.listFacilities(caller.tenantId);
  list.sort((a, b) => a.name.localeCompare(b.name, 'ja'));

  return {
    body: {
      facilities: list.map((facility) => ({
        facilityId: facility.facilityId,
        name: facility.name,
        licenceType: facility.licenceType,
        licenceNumber: facility.licenceNumber,
        address: facility.address,
      })),
    },
  };
});
