import { LogFormatter, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';

/** Replacement text of a redacted value. */
export const redactedText = '[REDACTED]';

/**
 * Attribute names whose values are guest PII wherever they appear, compared in lower case with
 * `_` and `-` removed. A whole object under one of them (`guest`, `payload`) is dropped.
 */
const personalDataKeys = new Set([
  'name',
  'guestname',
  'fullname',
  'address',
  'occupation',
  'phone',
  'phonenumber',
  'tel',
  'email',
  'emailaddress',
  'passport',
  'passportnumber',
  'nationality',
  'image',
  'imagebytes',
  'database64',
  'photo',
  'guest',
  'guests',
  'payload',
  'payloadtext',
  'plaintext',
  'body',
]);

/** Patterns of PII inside free text: e-mail addresses, phone numbers and long base64 runs. */
const personalDataPatterns: readonly RegExp[] = [
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g,
  /\+\d[\d -]{8,14}\d/g,
  /\b0\d{1,4}-\d{1,4}-\d{3,4}\b/g,
  // Image bytes or a sealed blob pasted into a message.
  /[A-Za-z0-9+/]{200,}={0,2}/g,
];

/** An error's class name, the one `name` value that is kept. */
const errorClassName = /^[A-Za-z]*(Error|Exception|Fault)$/;

/** Removes the PII patterns from a text. */
export function redactText(text: string): string {
  return personalDataPatterns.reduce((current, pattern) => current.replace(pattern, redactedText), text);
}

function isPersonalDataKey(key: string): boolean {
  return personalDataKeys.has(key.toLowerCase().replace(/[_-]/g, ''));
}

/**
 * Copies a log attribute with every PII-named attribute replaced and the PII patterns removed
 * from every string. Errors arrive here already formatted by Powertools as plain objects, so
 * their messages and stacks are cleaned too; their class name under `name` is kept.
 */
export function redactAttribute(value: unknown, key = '', depth = 0): unknown {
  if (depth > 8) return redactedText;
  if (key !== '' && isPersonalDataKey(key)) {
    const keepsErrorName = key === 'name' && typeof value === 'string' && errorClassName.test(value);
    if (!keepsErrorName) return redactedText;
  }
  if (typeof value === 'string') return redactText(value);
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return redactedText;
  if (Array.isArray(value)) return value.map((item) => redactAttribute(item, '', depth + 1));
  if (value instanceof Error) return redactAttribute({ name: value.name, message: value.message, stack: value.stack }, key, depth);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([childKey, child]) => [childKey, redactAttribute(child, childKey, depth + 1)]),
    );
  }
  return value;
}

/**
 * Powertools log formatter that emits the standard Powertools keys and passes every other
 * attribute, and the message, through `redactAttribute`. It is the last line of defence:
 * handlers still log ids only.
 */
export class RedactingLogFormatter extends LogFormatter {
  formatAttributes(attributes: UnformattedAttributes, additionalLogAttributes: LogAttributes): LogItem {
    const baseAttributes: LogAttributes = {
      level: attributes.logLevel,
      message: redactText(attributes.message),
      timestamp: this.formatTimestamp(attributes.timestamp),
      service: attributes.serviceName,
      cold_start: attributes.lambdaContext?.coldStart,
      function_arn: attributes.lambdaContext?.invokedFunctionArn,
      function_memory_size: attributes.lambdaContext?.memoryLimitInMB,
      function_name: attributes.lambdaContext?.functionName,
      function_request_id: attributes.lambdaContext?.awsRequestId,
      sampling_rate: attributes.sampleRateValue,
      xray_trace_id: attributes.xRayTraceId,
    };
    return new LogItem({ attributes: baseAttributes }).addAttributes(redactAttribute(additionalLogAttributes) as LogAttributes);
  }
}
