import { offboardingPayloadFromArgs } from '../../local/offboard-tenant';

const complete = ['--tenant', 't-1', '--confirm', 't-1', '--basis', 'tenant-request', '--reference', 'SUP-9', '--requested-by', 'ops-taro'];

describe('npm run offboard arguments', () => {
  test('build the handler payload', () => {
    const { payload, payloadOnly } = offboardingPayloadFromArgs([...complete, '--waiting-days', '14']);

    expect(payload).toEqual({
      tenantId: 't-1',
      confirmTenantId: 't-1',
      basis: 'tenant-request',
      reference: 'SUP-9',
      requestedBy: 'ops-taro',
      waitingDays: 14,
    });
    expect(payloadOnly).toBe(false);
  });

  test('leave waiting days to the handler default', () => {
    expect(offboardingPayloadFromArgs(complete).payload).not.toHaveProperty('waitingDays');
  });

  test('name every missing flag', () => {
    expect(() => offboardingPayloadFromArgs(['--tenant', 't-1'])).toThrow('Missing --confirm, --basis, --reference, --requested-by.');
  });

  test('reject fractional waiting days', () => {
    expect(() => offboardingPayloadFromArgs([...complete, '--waiting-days', '7.5'])).toThrow('--waiting-days must be a whole number');
  });

  test('reject unknown flags', () => {
    expect(() => offboardingPayloadFromArgs([...complete, '--force'])).toThrow("Unknown option '--force'");
  });

  test('payload-only skips the run', () => {
    expect(offboardingPayloadFromArgs([...complete, '--payload-only']).payloadOnly).toBe(true);
  });
});
