import { translations } from '@aws-amplify/ui';
import { I18n } from 'aws-amplify/utils';
import i18next from 'i18next';
import { operatorPasswordPolicy } from '../../../../lib/auth/operator-password-policy';
import { supportedLanguages } from '../../i18n';

/**
 * Phrases of the Amplify UI Authenticator (its English source strings, @aws-amplify/ui 6.15
 * `defaultTexts`) that show our own wording, and the translation key of each. The rest comes from the Japanese and English
 * vocabularies that @aws-amplify/ui ships.
 */
export const ownPhrases: Readonly<Record<string, string>> = {
  'Sign In': 'auth.title',
  'Sign in': 'auth.submit',
  'Signing in': 'auth.submitting',
  Email: 'auth.email',
  'Enter your Email': 'auth.email',
  Password: 'auth.password',
  'Enter your Password': 'auth.password',
  'Forgot your password?': 'auth.forgot.link',
  'Reset Password': 'auth.forgot.title',
  'Reset your password': 'auth.forgot.title',
  'Reset your Password': 'auth.forgot.title',
  'Send code': 'auth.forgot.sendCode',
  'Back to Sign In': 'auth.forgot.back',
  Code: 'auth.forgot.code',
  'Enter your code': 'auth.forgot.code',
  'Enter your Confirmation Code': 'auth.forgot.code',
  'Confirmation Code': 'auth.forgot.code',
  'New password': 'auth.newPassword',
  'Confirm Password': 'auth.confirmPassword',
  'Please confirm your Password': 'auth.confirmPassword',
  'Your passwords must match': 'auth.passwordsDiffer',
  'Change Password': 'auth.newPasswordTitle',
  'Confirm TOTP Code': 'auth.totp.title',
  'Setup TOTP': 'auth.totp.setupTitle',
  // The new-password checks of @aws-amplify/ui 6.15 (`validateFormPassword`), which read the
  // rules from the Amplify config's `passwordFormat`.
  [`Password must have at least ${operatorPasswordPolicy.minLength} characters`]: 'auth.passwordRules.minLength',
  'Password must have lower case letters': 'auth.passwordRules.lowercase',
  'Password must have upper case letters': 'auth.passwordRules.uppercase',
  'Password must have numbers': 'auth.passwordRules.numbers',
  'Password must have special characters': 'auth.passwordRules.symbols',
};

/**
 * Loads the Authenticator's vocabularies for every admin language and keeps its language in step
 * with the app's i18n switch.
 */
export function localizeAuthenticator(): void {
  I18n.putVocabularies(translations);
  for (const language of supportedLanguages) {
    const t = i18next.getFixedT(language);
    I18n.putVocabulariesForLanguage(language, Object.fromEntries(Object.entries(ownPhrases).map(([phrase, key]) => [phrase, t(key, { minLength: operatorPasswordPolicy.minLength })])));
  }
  I18n.setLanguage(i18next.language);
  i18next.on('languageChanged', (language) => I18n.setLanguage(language));
}
