import { facilityIdLabel } from '../facility/facility-input';
import { requestBodyLabel, type FieldLabels } from '../http/validation-messages';

/** Labels of the device routes' fields, which error messages name. */
export const deviceFieldLabels = {
  body: requestBodyLabel,
  facilityId: facilityIdLabel,
  deviceId: { ja: '端末 ID', en: 'device ID' },
  name: { ja: '端末名', en: 'device name' },
  pairingCode: { ja: 'ペアリングコード', en: 'pairing code' },
  appVersion: { ja: 'アプリのバージョン', en: 'app version' },
  pendingCount: { ja: '未送信のチェックイン数', en: 'unsent check-in count' },
} as const satisfies FieldLabels;
