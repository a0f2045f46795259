import { z } from 'zod';
import { operatorRoles } from '../http/caller';
import { InvalidRequestError } from '../http/domain-errors';
import { rejectForbiddenCharacters } from '../http/forbidden-characters';
import { fieldMessage, requestBodyLabel, type FieldLabels } from '../http/validation-messages';
import { grantablePermissions } from './permissions';
import type { OperatorUser } from './tenant-repository';

const officeIds = z
  .array(z.string().trim().min(1).max(64), { invalid_type_error: '拠点の一覧で指定してください / must be a list of offices' })
  .max(50)
  .transform((ids) => [...new Set(ids)]);

const grants = z
  .array(z.enum(grantablePermissions, { errorMap: () => ({ message: `${grantablePermissions.join('・')} のいずれかです / must be one of ${grantablePermissions.join(', ')}` }) }))
  .transform((list) => [...new Set(list)]);

const role = z.enum(operatorRoles, {
  errorMap: () => ({ message: 'owner・manager・staff のいずれかです / must be owner, manager or staff' }),
});

export const inviteBodySchema = z
  .object({
    email: z
      .string({ required_error: '必須です / required' })
      .trim()
      .toLowerCase()
      .email('メールアドレスの形式が正しくありません / not a valid email address')
      .max(254),
    displayName: rejectForbiddenCharacters(z.string().trim().max(100)).optional(),
    role,
    officeIds: officeIds.default([]),
    grants: grants.default([]),
  })
  .strict();

export const updateBodySchema = z
  .object({
    role: role.optional(),
    officeIds: officeIds.optional(),
    grants: grants.optional(),
    status: z.enum(['active', 'disabled'], { errorMap: () => ({ message: 'active か disabled です / must be active or disabled' }) }).optional(),
  })
  .strict();

export const userPathSchema = z.object({ userId: z.string().trim().min(1).max(128) });
export const userPathLabels: FieldLabels = { userId: { ja: 'ユーザー ID', en: 'user ID' } };

/** Labels of the invite and edit forms' fields, which error messages name. */
export const userFieldLabels = {
  body: requestBodyLabel,
  email: { ja: 'メールアドレス', en: 'email address' },
  displayName: { ja: '表示名', en: 'display name' },
  role: { ja: '役割', en: 'role' },
  officeIds: { ja: '担当する拠点', en: 'offices' },
  grants: { ja: '追加の権限', en: 'extra permissions' },
  status: { ja: '状態', en: 'status' },
} as const satisfies FieldLabels;

/**
 * Checks the rules that span fields: managers and staff need at least one office, and only staff
 * hold grants (the other roles already have every grantable permission).
 */
export function checkRoleShape(user: Pick<OperatorUser, 'role' | 'officeIds' | 'grants'>): void {
  if (user.role !== 'owner' && user.officeIds.length === 0) {
    throw new InvalidRequestError(
      fieldMessage(userFieldLabels.officeIds, { ja: 'マネージャーとスタッフには 1 つ以上指定してください', en: 'managers and staff need at least one office' }),
      'officeIds',
    );
  }
  if (user.role !== 'staff' && user.grants.length > 0) {
    throw new InvalidRequestError(fieldMessage(userFieldLabels.grants, { ja: 'スタッフにだけ付与できます', en: 'only staff users hold them' }), 'grants');
  }
}

/** A user as the admin API returns it. */
export function userView(user: OperatorUser) {
  return {
    userId: user.userId,
    email: user.email,
    displayName: user.displayName ?? null,
    role: user.role,
    officeIds: user.officeIds,
    grants: user.grants,
    status: user.status,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt ?? null,
  };
}
