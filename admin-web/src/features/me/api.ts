import { z } from 'zod';
import type { ApiClient } from '../../lib/api-client';

/** The signed-in operator and their tenant, as `GET /me` returns them. */
export const operatorSchema = z.object({
  tenantId: z.string().min(1),
  tenantName: z.string(),
  userId: z.string().min(1),
  /** Null when neither the user record nor the token carries an email address. */
  email: z.string().nullable(),
  /** Cognito group of a head-office user. */
  role: z.enum(['owner', 'manager', 'staff']),
  displayName: z.string().optional(),
});

export type Operator = z.infer<typeof operatorSchema>;

export function getMe(client: ApiClient): Promise<Operator> {
  return client.get('/me', operatorSchema);
}
