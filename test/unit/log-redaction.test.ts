import { createLogger } from '../../lambdas/runtime/logger';
import { redactAttribute, redactText, redactedText } from '../../lambdas/runtime/log-redaction';

/** Invented guest: no real person. */
const guest = {
  name: '架空 太郎',
  address: '架空県架空市試験町9-9-9',
  occupation: '灯台守',
  phone: '090-1234-5678',
  email: 'kakuu.taro@example.invalid',
  passportNumber: 'XK7654321',
};

function captureLogLines(write: () => void): string {
  const chunks: string[] = [];
  const record = (chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  // Powertools writes info to stdout and warn and error to stderr.
  const spies = [jest.spyOn(process.stdout, 'write').mockImplementation(record), jest.spyOn(process.stderr, 'write').mockImplementation(record)];
  try {
    write();
  } finally {
    spies.forEach((spy) => spy.mockRestore());
  }
  return chunks.join('');
}

describe('log redaction', () => {
  test('PII-named attributes are replaced', () => {
    const output = captureLogLines(() => createLogger('test').info('Guest saved', { guest, ...guest, entryId: 'entry-1' }));

    for (const value of Object.values(guest)) expect(output).not.toContain(value);
    expect(output).toContain('entry-1');
    expect(output).toContain('Guest saved');
  });

  test('PII patterns in messages are removed', () => {
    const output = captureLogLines(() =>
      createLogger('test').warn(`Mail to ${guest.email} or ${guest.phone} failed`, { detail: `call +81 90 1234 5678` }),
    );

    expect(output).not.toContain(guest.email);
    expect(output).not.toContain(guest.phone);
    expect(output).not.toContain('+81 90 1234 5678');
    expect(output).toContain(redactedText);
  });

  test('error message and stack are cleaned', () => {
    const error = new Error(`Rejected ${guest.email}`);

    const output = captureLogLines(() => createLogger('test').error('Request failed', { error }));

    expect(output).not.toContain(guest.email);
    expect(output).toContain('"name":"Error"');
  });

  test('image bytes never reach a line', () => {
    const image = Buffer.alloc(600, 7);

    const output = captureLogLines(() =>
      createLogger('test').info('Image', { bytes: image, encoded: image.toString('base64'), dataBase64: 'AAAA' }),
    );

    expect(output).not.toContain(image.toString('base64'));
    expect(output).not.toContain('AAAA');
  });

  test('ids and dates stay readable', () => {
    const kept = { tenantId: 'tenant-1', arrivalDate: '2026-05-10', requestId: '6f1c2e0a-3b4d-4c5e-8f90-a1b2c3d4e5f6' };

    expect(redactAttribute(kept)).toEqual(kept);
    expect(redactText('entry 2026-05-10 of tenant-1')).toBe('entry 2026-05-10 of tenant-1');
  });

  test('error class name is kept', () => {
    expect(redactAttribute({ name: 'ValidationException' })).toEqual({ name: 'ValidationException' });
    expect(redactAttribute({ name: guest.name })).toEqual({ name: redactedText });
  });
});
