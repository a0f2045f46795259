import { nationalityFilterOf } from '../../admin-web/src/features/guest-register/nationality-filter';
import { countryChoices } from '../../admin-web/src/i18n/countries';

const choices = countryChoices('ja');
const residentLabel = '日本国内に住所あり';

describe('register nationality filter', () => {
  test.each([
    ['', ''],
    ['   ', ''],
    [residentLabel, 'resident'],
    ['イタリア / Italy (IT)', 'IT'],
    ['IT', 'IT'],
    ['it', 'IT'],
    [' nz ', 'NZ'],
  ])('text %j filters by %j', (text, filter) => {
    expect(nationalityFilterOf(text, choices, residentLabel)).toBe(filter);
  });

  test.each(['イタリア', 'ZZ', 'Italy', 'resident'])('text %j names no option', (text) => {
    expect(nationalityFilterOf(text, choices, residentLabel)).toBeUndefined();
  });
});
