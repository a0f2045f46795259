import { ForbiddenError } from '../http/domain-errors';
import type { OperatorRole } from '../http/caller';

/**
 * What a head-office user may do. Every admin handler asks for exactly one of these; the matrix
 * below is the only place that maps roles to them, and docs/permissions.md mirrors it.
 */
export const permissions = [
  /** Read the guest register (宿泊者名簿) of the caller's offices, with PII masked. */
  'register:read',
  /** See guest PII decrypted (names, addresses, passport numbers and images). Audited. */
  'register:read-pii',
  /** Export the register as CSV or PDF. Audited. */
  'register:export',
  /** Correct a register entry; the original stays in the audit trail. */
  'register:correct',
  /** Confirm that no unverified person stays during a long stay (7 nights or more). Audited. */
  'register:confirm-stay',
  /** Periodic reports (定期報告) and the 180-day counter. */
  'report:manage',
  'facility:read',
  'facility:write',
  /** Pair, rename and revoke kiosk devices. */
  'device:manage',
  /** Invite users, change roles and offices, disable users, edit the IP allowlist. */
  'user:manage',
  /** Plan, invoices, quotes and cancellation. */
  'billing:manage',
  /** Read the audit log. */
  'audit:read',
] as const;

export type Permission = (typeof permissions)[number];

/** Permissions an owner may grant a staff user on top of the staff role. */
export const grantablePermissions = ['register:read-pii', 'register:export'] as const satisfies readonly Permission[];
export type GrantablePermission = (typeof grantablePermissions)[number];

const rolePermissions: Readonly<Record<OperatorRole, readonly Permission[]>> = {
  owner: permissions,
  manager: [
    'register:read',
    'register:read-pii',
    'register:export',
    'register:correct',
    'register:confirm-stay',
    'report:manage',
    'facility:read',
    'facility:write',
    'device:manage',
  ],
  staff: ['register:read', 'register:confirm-stay', 'facility:read', 'device:manage'],
};

/**
 * Returns whether a role, plus the grants of its user, allows a permission. Only staff use grants, and
 * only the grantable permissions count, so a stored grant can never reach billing or users.
 */
export function allows(role: OperatorRole, permission: Permission, grants: readonly Permission[] = []): boolean {
  if (rolePermissions[role].includes(permission)) return true;
  return role === 'staff' && isGrantable(permission) && grants.includes(permission);
}

export function isGrantable(permission: string): permission is GrantablePermission {
  return (grantablePermissions as readonly string[]).includes(permission);
}

/** Lists every permission a role has with its grants, in the order of `permissions`. */
export function effectivePermissions(role: OperatorRole, grants: readonly Permission[] = []): Permission[] {
  return permissions.filter((permission) => allows(role, permission, grants));
}

/** Roles that reach every office of the tenant; the others see only the offices they belong to. */
export function seesAllOffices(role: OperatorRole): boolean {
  return role === 'owner';
}

export function requirePermission(
  subject: { readonly role: OperatorRole; readonly grants?: readonly Permission[] },
  permission: Permission,
): void {
  if (!allows(subject.role, permission, subject.grants)) {
    throw new ForbiddenError(`この操作の権限がありません（${permission}） / you lack the permission ${permission}`);
  }
}
