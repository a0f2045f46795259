import type { z } from 'zod';
import { InvalidRequestError } from './domain-errors';
import { fieldErrors, issueField, issueMessage, type FieldLabels } from './validation-messages';

/**
 * Parses request input with a zod schema. The first issue becomes an InvalidRequestError that
 * names the field, by its label when `labels` has one; the received value is never echoed,
 * because it may be guest data. With `labels` (the admin forms), the error also carries one
 * message per invalid field, so a form can show each beside its input.
 */
export function parseInput<Schema extends z.ZodTypeAny>(schema: Schema, input: unknown, labels?: FieldLabels): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;

  const issue = result.error.issues[0];
  throw new InvalidRequestError(
    issueMessage(issue, labels),
    issueField(issue),
    labels ? fieldErrors(result.error.issues, labels) : undefined,
  );
}

/** Parses a JSON request body; an empty body is `{}`. */
export function parseJsonBody(body: string | undefined, isBase64Encoded: boolean): unknown {
  if (!body) return {};
  const text = isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InvalidRequestError('リクエスト本文が JSON ではありません / request body is not valid JSON', 'body');
  }
}
