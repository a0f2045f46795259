import { countryChoices } from '../../admin-web/src/i18n/countries';
import { isoCountryCodes } from '../../kiosk/src/check-in/countries';

describe('admin country choices', () => {
  test('offers every kiosk country', () => {
    expect(countryChoices('ja').map((choice) => choice.code).sort()).toEqual([...isoCountryCodes]);
  });

  test('Japanese label leads with Japanese', () => {
    expect(countryChoices('ja').find((choice) => choice.code === 'DE')?.label).toBe('ドイツ / Germany (DE)');
  });

  test('English label leads with English', () => {
    expect(countryChoices('en').find((choice) => choice.code === 'DE')?.label).toBe('Germany / ドイツ (DE)');
  });

  test('sorted for the screen language', () => {
    const japanese = countryChoices('ja').map((choice) => choice.label);
    const english = countryChoices('en').map((choice) => choice.label);

    expect(japanese).toEqual([...japanese].sort(new Intl.Collator('ja').compare));
    expect(english).toEqual([...english].sort(new Intl.Collator('en').compare));
  });
});
