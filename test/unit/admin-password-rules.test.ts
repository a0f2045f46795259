import i18next from 'i18next';
import { ownPhrases } from '../../admin-web/src/features/auth/authenticator-vocabulary';
import { i18nOptions } from '../../admin-web/src/i18n';
import { operatorPasswordPolicy } from '../../lib/auth/operator-password-policy';

/** English messages of @aws-amplify/ui 6.15 `validateFormPassword` for the pool's rules. */
const amplifyMessages = [
  `Password must have at least ${operatorPasswordPolicy.minLength} characters`,
  'Password must have lower case letters',
  'Password must have upper case letters',
  'Password must have numbers',
  'Password must have special characters',
];

describe('new-password rules on the sign-in screen', () => {
  const i18n = i18next.createInstance();

  beforeAll(async () => {
    await i18n.init({ ...i18nOptions, lng: 'ja' });
  });

  test('policy matches the deployed minimum', () => {
    expect(operatorPasswordPolicy.minLength).toBe(12);
  });

  test.each(amplifyMessages.map((message) => [message]))('"%s" is translated', (message) => {
    const key = ownPhrases[message];

    expect(key).toEqual(expect.stringMatching(/^auth\.passwordRules\./));
  });

  test.each(amplifyMessages.map((message) => [message]))('"%s" reads Japanese first, then English', (message) => {
    const japanese = i18n.t(ownPhrases[message], { lng: 'ja', minLength: operatorPasswordPolicy.minLength });
    const english = i18n.t(ownPhrases[message], { lng: 'en', minLength: operatorPasswordPolicy.minLength });

    expect(english).toBe(message);
    expect(japanese.endsWith(` / ${message}`)).toBe(true);
    expect(japanese).toMatch(/^[^A-Za-z]*[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  test('summary states the minimum length in both languages', () => {
    const japanese = i18n.t('auth.passwordRules.summary', { lng: 'ja', minLength: operatorPasswordPolicy.minLength });
    const english = i18n.t('auth.passwordRules.summary', { lng: 'en', minLength: operatorPasswordPolicy.minLength });

    expect(japanese).toContain(`${operatorPasswordPolicy.minLength} 文字以上`);
    expect(english).toContain(`At least ${operatorPasswordPolicy.minLength} characters`);
  });
});
