import { z } from 'zod';
import type { Facility, FacilityRepository } from '../facility/facility-repository';
import type { ApiEvent } from '../http/api-handler';
import { ConflictError, InvalidRequestError } from '../http/domain-errors';
import { parseInput, parseJsonBody } from '../http/request-parsing';
import { fieldMessage, notAfterReason } from '../http/validation-messages';
import { requireInOffices, type OperatorAccess } from '../organisation/access-context';
import { allows } from '../organisation/permissions';
import { dayNumberOf, isJapanDate } from '../reports/japan-time';
import type { RegisterExportFormat, RegisterExportJobs } from './register-export-jobs';
import type { PiiDisclosure } from './audit-log';
import { registerExportLabels } from './register-field-labels';

/** Maximum period of one export: three years, as long as the law keeps entries. */
export const maxExportDays = 3 * 366;

const isoDate = z.string().refine(isJapanDate, 'YYYY-MM-DD の実在する日付で指定してください / must be a real calendar date as YYYY-MM-DD');

/** Body fields every register export takes: a client-chosen UUID, the facility and the arrival period. */
export const registerExportBodySchema = z.object({
  exportId: z.string().uuid(),
  facilityId: z.string().trim().min(1).max(64),
  from: isoDate,
  to: isoDate,
});
export type RegisterExportBody = z.output<typeof registerExportBodySchema>;

/**
 * Parses the body of an export request with `schema` and checks what every export requires:
 * `from` not after `to`, a period of at most three years, a facility in the caller's offices
 * (another tenant's or office's raises the same 404 as a missing one) and an unused `exportId`.
 */
export async function parseRegisterExportRequest<Body extends RegisterExportBody>(
  event: ApiEvent,
  caller: OperatorAccess,
  schema: z.ZodType<Body, z.ZodTypeDef, unknown>,
  services: { readonly facilities: FacilityRepository; readonly jobs: RegisterExportJobs },
): Promise<{ body: Body; facility: Facility }> {
  const body = parseInput(schema, parseJsonBody(event.body, event.isBase64Encoded), registerExportLabels);
  if (body.from > body.to) {
    throw new InvalidRequestError(fieldMessage(registerExportLabels.from, notAfterReason(registerExportLabels.to)), 'from');
  }
  if (dayNumberOf(body.to) - dayNumberOf(body.from) >= maxExportDays) {
    throw new InvalidRequestError(
      fieldMessage(registerExportLabels.to, { ja: '期間は最大 3 年です', en: 'the period may span at most 3 years' }),
      'to',
    );
  }
  const facility = requireInOffices(caller, await services.facilities.getFacility(caller.tenantId, body.facilityId), {
    ja: '施設が見つかりません',
    en: 'facility not found',
    field: 'facilityId',
  });
  if (await services.jobs.get(caller.tenantId, body.exportId)) {
    throw new ConflictError(
      fieldMessage(registerExportLabels.exportId, { ja: '使用済みです。新しい UUID を生成してください', en: 'already used: generate a new UUID' }),
      'exportId',
    );
  }
  return { body, facility };
}

/**
 * Queues a checked export request as a job for the export worker and returns the disclosure it
 * stored: `masked` for a caller without `register:read-pii`, so the worker applies the
 * permissions of the request. A PDF job also stores the facility's name and licence number for
 * its page header.
 */
export async function queueRegisterExport(
  jobs: RegisterExportJobs,
  event: ApiEvent,
  caller: OperatorAccess,
  request: { readonly body: RegisterExportBody; readonly facility: Facility },
  format: RegisterExportFormat,
): Promise<PiiDisclosure> {
  const { body, facility } = request;
  const disclosure = allows(caller.role, 'register:read-pii', caller.grants) ? 'full' : 'masked';
  await jobs.enqueue(
    {
      exportId: body.exportId,
      tenantId: caller.tenantId,
      facilityId: body.facilityId,
      from: body.from,
      to: body.to,
      format,
      userId: caller.userId,
      requestId: event.requestContext?.requestId,
      disclosure,
      ...(format === 'pdf' ? { facility: { name: facility.name, licenceNumber: facility.licenceNumber } } : {}),
    },
    new Date(),
  );
  return disclosure;
}
