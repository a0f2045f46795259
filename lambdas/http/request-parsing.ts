import type { z } from 'zod';
import { InvalidRequestError, missingField } from './domain-errors';

/**
 * Parses request input with a zod schema. The first issue becomes an InvalidRequestError that
 * names the field; the received value is never echoed, because it may be guest data.
 */
export function parseInput<Schema extends z.ZodTypeAny>(schema: Schema, input: unknown): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;

  const issue = result.error.issues[0];
  const field = issue.path.length > 0 ? issue.path.join('.') : 'body';
  const isMissing = issue.code === 'invalid_type' && issue.received === 'undefined';
  if (isMissing) throw missingField(field);
  return raiseInvalid(field, issue.message);
}

function raiseInvalid(field: string, schemaMessage: string): never {
  throw new InvalidRequestError(`${field} が不正です / ${field} is invalid: ${schemaMessage}`, field);
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
