import { z } from 'zod';
import type { ApiClient } from '../../lib/api-client';

/** The signed-in operator and their tenant, as `GET /me` returns them. */
export const operatorSchema = z.object({
  tenantId: z.string().min(1),
  tenantName: z.string(),
  userId: z.string().min(1),
  /** Null when neither the user record nor the token carries an email address. */
  email: z.string().nullable(),
  /** Role of the user's Directory record, which the API authorizes with. */
  role: z.enum(['owner', 'manager', 'staff']),
  displayName: z.string().optional(),
  /** What the API lets this user do, from the role and the grants of the user's record. */
  permissions: z.array(z.string()).default([]),
  officeIds: z.array(z.string()).default([]),
  /** Set for an owner in prod without two-step verification: the API refuses other calls until then. */
  mfaSetupRequired: z.boolean().default(false),
});

/** Reads from Cognito whether the user now signs in with TOTP, and records it for the API. */
export function recordMfa(client: ApiClient): Promise<{ mfaEnabled: boolean }> {
  return client.post('/me/mfa', z.object({ mfaEnabled: z.boolean() }));
}

export type Operator = z.infer<typeof operatorSchema>;

export function getMe(client: ApiClient): Promise<Operator> {
  return client.get('/me', operatorSchema);
}
