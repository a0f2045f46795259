import { parseFacilityBody, toFacilityDetails } from '../../lambdas/facility/facility-details';
import { demoFacilityForm } from '../../local/seed';

describe('demo facility seed', () => {
  const details = toFacilityDetails(parseFacilityBody(demoFacilityForm));

  test('passes facility form validation', () => {
    expect(() => parseFacilityBody(demoFacilityForm)).not.toThrow();
  });

  test('stores structured address for edit form', () => {
    expect(details.postalAddress?.postalCode).toBe('111-0032');
    expect(details.postalAddress?.prefecture).toBe('東京都');
    expect(details.postalAddress?.city).toBe('台東区');
    expect(details.postalAddress?.street).toContain('架空');
  });

  test('stores capacity and one-line address', () => {
    expect(details.capacity).toBe(4);
    expect(details.address).toBe('〒111-0032 東京都台東区浅草0丁目0番0号 (架空 / fictitious)');
  });
});
