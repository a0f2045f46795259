import { facilityIdLabel } from '../facility/facility-input';
import { requestBodyLabel, type FieldLabels } from '../http/validation-messages';

/** Rule of a 定期報告 period id, worded as a bilingual schema message. */
export const periodIdRule = '偶数月の YYYY-MM (02, 04, … 12) で指定してください / must be YYYY-MM with an even month (02, 04, … 12)';

/** Labels of the report routes' fields, which error messages name. */
export const reportFieldLabels = {
  body: requestBodyLabel,
  facilityId: facilityIdLabel,
  periodId: { ja: '報告期間', en: 'reporting period' },
  from: { ja: '報告期間（から）', en: 'reporting period (from)' },
  to: { ja: '報告期間（まで）', en: 'reporting period (to)' },
  status: { ja: '提出状況', en: 'submission status' },
} as const satisfies FieldLabels;
