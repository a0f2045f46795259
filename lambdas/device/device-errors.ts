import { DomainError } from '../http/domain-errors';

/** The operator revoked the calling device; the kiosk shows staff that it must be paired again. */
export class DeviceRevokedError extends DomainError {
  readonly statusCode = 403;
  readonly code = 'device_revoked';

  constructor() {
    super('この端末は登録が解除されています。管理画面で再度ペアリングしてください / device was revoked: pair it again from the admin app');
  }
}
