import { cognitoClient } from '../aws/cognito';
import { documentClient } from '../aws/dynamodb';
import { FacilityRepository, type Facility } from '../facility/facility-repository';
import { InvalidRequestError, NotFoundError } from '../http/domain-errors';
import { fieldMessage } from '../http/validation-messages';
import { OperatorAccessResolver, requireInOffices, withinOffices, type OperatorAccess } from '../organisation/access-context';
import { CognitoMfaStatus } from '../organisation/mfa-status';
import { readEnvironment } from '../runtime/environment';
import { FacilityReports, isReportable } from './facility-reports';
import { PeriodicReportStatusRepository } from './periodic-report-status';
import { reportFieldLabels } from './report-field-labels';
import { RegisterStaySource } from './register-stay-source';

/** Config and clients shared by the report handlers, created once per container. */
const env = readEnvironment(['DIRECTORY_TABLE', 'REGISTER_TABLE']);
export const facilityRepository = new FacilityRepository(documentClient, env.DIRECTORY_TABLE);
export const operatorAccess = new OperatorAccessResolver(documentClient, env.DIRECTORY_TABLE, new CognitoMfaStatus(cognitoClient));
export const reportStatuses = new PeriodicReportStatusRepository(documentClient, env.REGISTER_TABLE);
export const facilityReports = new FacilityReports(new RegisterStaySource(documentClient, env.REGISTER_TABLE), reportStatuses);

/**
 * Loads the 住宅宿泊事業 facilities a caller reports on: the one named by `facilityId`, else all of
 * the caller's offices, sorted by name. A facility outside the caller's offices is not found.
 */
export async function reportableFacilities(caller: OperatorAccess, facilityId?: string): Promise<Facility[]> {
  if (facilityId !== undefined) {
    const facility = requireInOffices(caller, await facilityRepository.getFacility(caller.tenantId, facilityId), {
      ja: '施設が見つかりません',
      en: 'facility not found',
      field: 'facilityId',
    });
    if (!isReportable(facility)) {
      throw new InvalidRequestError(
        fieldMessage(reportFieldLabels.facilityId, {
          ja: '住宅宿泊事業の施設ではないため、定期報告と 180 日の上限はありません',
          en: 'not a 住宅宿泊事業 facility, so it has no periodic report or 180-day cap',
        }),
        'facilityId',
      );
    }
    return [facility];
  }
  const facilities = withinOffices(caller, await facilityRepository.listFacilities(caller.tenantId));
  return facilities.filter(isReportable).sort((a, b) => a.name.localeCompare(b.name, 'ja'));
}
