import { z } from 'zod';
import type { ApiClient } from '../../lib/api-client';

export const supportCategories = ['question', 'problem', 'billing', 'cancellation', 'other'] as const;
export type SupportCategory = (typeof supportCategories)[number];

export interface SupportRequest {
  category: SupportCategory;
  subject: string;
  message: string;
}

/** Mails the request to OPEN SESAME! support and returns its reference, e.g. `SR-20261205-3F9A2C`. */
export async function sendSupportRequest(client: ApiClient, request: SupportRequest): Promise<string> {
  return (await client.post('/support/requests', z.object({ reference: z.string().min(1) }), request)).reference;
}
