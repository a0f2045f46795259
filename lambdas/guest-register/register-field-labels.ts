import { facilityIdLabel } from '../facility/facility-input';
import { pageCursorLabel, pageSizeLabel, requestBodyLabel, type FieldLabels } from '../http/validation-messages';

/** Labels of the path fields of the register routes, which error messages name. */
export const registerPathLabels = {
  entryId: { ja: '宿泊記録 ID', en: 'register entry ID' },
  imageId: { ja: '画像 ID', en: 'image ID' },
  exportId: { ja: '出力 ID', en: 'export ID' },
} as const satisfies FieldLabels;

/** Labels of the register list's filters, as the guest register screen names them. */
export const registerListLabels = {
  facilityId: facilityIdLabel,
  from: { ja: '到着日（から）', en: 'arrival date (from)' },
  to: { ja: '到着日（まで）', en: 'arrival date (to)' },
  nationality: { ja: '国籍', en: 'nationality' },
  limit: pageSizeLabel,
  cursor: pageCursorLabel,
} as const satisfies FieldLabels;

/** Labels of a register export request's body fields. */
export const registerExportLabels = {
  body: requestBodyLabel,
  exportId: registerPathLabels.exportId,
  facilityId: facilityIdLabel,
  from: registerListLabels.from,
  to: registerListLabels.to,
  format: { ja: '出力形式', en: 'export format' },
} as const satisfies FieldLabels;

/** Labels of the query of one register entry. */
export const registerEntryQueryLabels = {
  purpose: { ja: '利用目的', en: 'purpose' },
} as const satisfies FieldLabels;

/** Labels of the audit log's filters, as the audit log screen names them. */
export const auditQueryLabels = {
  userId: { ja: 'ユーザー', en: 'user' },
  from: { ja: '期間（から）', en: 'period (from)' },
  to: { ja: '期間（まで）', en: 'period (to)' },
  limit: pageSizeLabel,
  cursor: pageCursorLabel,
} as const satisfies FieldLabels;
