import { z } from 'zod';
import type { ApiClient } from '../../lib/api-client';

export const roleSchema = z.enum(['owner', 'manager', 'staff']);
export type Role = z.infer<typeof roleSchema>;
export const grantablePermissions = ['register:read-pii', 'register:export'] as const;

export const userSchema = z.object({
  userId: z.string().min(1),
  email: z.string(),
  displayName: z.string().nullable(),
  role: roleSchema,
  officeIds: z.array(z.string()),
  grants: z.array(z.string()),
  status: z.enum(['active', 'disabled']),
});
export type User = z.infer<typeof userSchema>;

export interface InviteInput {
  email: string;
  displayName: string;
  role: Role;
  officeIds: string[];
  grants: string[];
}

export type UserChanges = Partial<Pick<User, 'role' | 'officeIds' | 'grants' | 'status'>>;

const userResponseSchema = z.object({ user: userSchema });

export async function listUsers(client: ApiClient): Promise<User[]> {
  return (await client.get('/users', z.object({ users: z.array(userSchema) }))).users;
}

export async function inviteUser(client: ApiClient, input: InviteInput): Promise<User> {
  return (await client.post('/users', userResponseSchema, input)).user;
}

export async function updateUser(client: ApiClient, userId: string, changes: UserChanges): Promise<User> {
  return (await client.put(`/users/${encodeURIComponent(userId)}`, userResponseSchema, changes)).user;
}
