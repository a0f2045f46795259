import i18next from 'i18next';
import { grantablePermissions as screenGrants } from '../../admin-web/src/features/users/api';
import { i18nOptions, supportedLanguages } from '../../admin-web/src/i18n';
import { grantablePermissions } from '../../lambdas/organisation/permissions';

/**
 * Resolves the grant labels through i18next with the app's own options, so a key that i18next
 * parses differently from the JSON path (a `:` read as a namespace separator) shows up as the raw key.
 */
describe('grant labels on the users screen', () => {
  test('screen offers every grantable permission', () => {
    expect([...screenGrants]).toEqual([...grantablePermissions]);
  });

  describe.each(supportedLanguages)('%s', (language) => {
    const i18n = i18next.createInstance();

    beforeAll(async () => {
      await i18n.init({ ...i18nOptions, lng: language });
    });

    test.each(grantablePermissions.map((permission) => [permission]))('%s resolves to a label', (permission) => {
      const key = `users.grantNames.${permission}`;
      const written = i18nOptions.resources[language].translation.users.grantNames[permission];

      const label = i18n.t(key);

      expect(i18n.exists(key)).toBe(true);
      expect(written.trim()).not.toBe('');
      expect(label).toBe(written);
    });
  });
});
