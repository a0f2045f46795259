import { Authenticator, useAuthenticator } from '@aws-amplify/ui-react';
// The design tokens and only the component styles the Authenticator's screens use, not the
// whole Amplify UI stylesheet.
import '@aws-amplify/ui-react/styles/base.css';
import '@aws-amplify/ui-react/styles/_fieldControl.css';
import '@aws-amplify/ui-react/styles/authenticator.css';
import '@aws-amplify/ui-react/styles/alert.css';
import '@aws-amplify/ui-react/styles/button.css';
import '@aws-amplify/ui-react/styles/copy.css';
import '@aws-amplify/ui-react/styles/divider.css';
import '@aws-amplify/ui-react/styles/field.css';
import '@aws-amplify/ui-react/styles/fieldGroup.css';
import '@aws-amplify/ui-react/styles/fieldMessages.css';
import '@aws-amplify/ui-react/styles/flex.css';
import '@aws-amplify/ui-react/styles/heading.css';
import '@aws-amplify/ui-react/styles/icon.css';
import '@aws-amplify/ui-react/styles/image.css';
import '@aws-amplify/ui-react/styles/input.css';
import '@aws-amplify/ui-react/styles/loader.css';
import '@aws-amplify/ui-react/styles/passwordField.css';
import '@aws-amplify/ui-react/styles/text.css';
import '@aws-amplify/ui-react/styles/textField.css';
import '@aws-amplify/ui-react/styles/visuallyHidden.css';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { operatorPasswordPolicy } from '../../../../lib/auth/operator-password-policy';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { authenticatorServices } from './authenticator-services';
import { localizeAuthenticator } from './authenticator-vocabulary';

// This module loads lazily, so the vocabularies load only with the sign-in screens.
localizeAuthenticator();

/**
 * Heading and intro line of one screen of the Authenticator, in place of its default header, and
 * the password rules on screens that set a new password.
 */
function ScreenHeader({ titleKey, introKey, showsPasswordRules = false }: { titleKey: string; introKey?: string; showsPasswordRules?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="auth-header">
      <h1>{t(titleKey)}</h1>
      {introKey && <p>{t(introKey)}</p>}
      {showsPasswordRules && <p data-testid="password-rules">{t('auth.passwordRules.summary', { minLength: operatorPasswordPolicy.minLength })}</p>}
    </div>
  );
}

const screenHeaders = {
  SignIn: { Header: () => <ScreenHeader titleKey="auth.title" /> },
  ForceNewPassword: { Header: () => <ScreenHeader titleKey="auth.newPasswordTitle" introKey="auth.newPasswordIntro" showsPasswordRules /> },
  ForgotPassword: { Header: () => <ScreenHeader titleKey="auth.forgot.title" introKey="auth.forgot.intro" /> },
  ConfirmResetPassword: { Header: () => <ScreenHeader titleKey="auth.forgot.title" introKey="auth.forgot.codeSent" showsPasswordRules /> },
  ConfirmSignIn: { Header: () => <ScreenHeader titleKey="auth.totp.title" introKey="auth.totp.intro" /> },
  SetupTotp: { Header: () => <ScreenHeader titleKey="auth.totp.setupTitle" introKey="auth.totp.setupIntro" /> },
};

/**
 * Sign-in with the Amplify UI Authenticator: email and password, the new password of an invited
 * user's first sign-in, a forgotten password reset with a mailed code, and the authenticator
 * app's code for users with TOTP. Accounts are created by invitation only, so sign-up is hidden.
 */
export default function SignInScreen() {
  return (
    <Authenticator.Provider>
      <SignInForms />
    </Authenticator.Provider>
  );
}

function SignInForms() {
  const { t, i18n } = useTranslation();
  const { route } = useAuthenticator((context) => [context.route]);
  const routeRef = useRef(route);
  routeRef.current = route;
  const services = useMemo(() => authenticatorServices(() => routeRef.current), []);

  // Labels and placeholders stay English source strings of the Authenticator, which it translates
  // through the vocabularies when it renders, so they follow the language switch.
  // The show-password button's screen-reader texts are no vocabulary phrases: the Authenticator
  // passes them from here to its PasswordField, which otherwise prints its English defaults.
  const passwordToggle = {
    passwordIsHiddenLabel: t('auth.passwordIsHidden'),
    passwordIsShownLabel: t('auth.passwordIsShown'),
    showPasswordButtonLabel: t('auth.showPassword'),
  };
  const formFields = {
    signIn: {
      username: { type: 'email', autocomplete: 'username' },
      password: { autocomplete: 'current-password', ...passwordToggle },
    },
    forceNewPassword: {
      password: { autocomplete: 'new-password', ...passwordToggle },
      confirm_password: { autocomplete: 'new-password', ...passwordToggle },
    },
    forgotPassword: {
      username: { type: 'email', autocomplete: 'username' },
    },
    confirmResetPassword: {
      confirmation_code: { autocomplete: 'one-time-code' },
      // Its default label is 'Password'; this one maps to our "new password" wording.
      password: { label: 'New password', placeholder: 'New password', autocomplete: 'new-password', ...passwordToggle },
      confirm_password: { autocomplete: 'new-password', ...passwordToggle },
    },
    confirmSignIn: {
      confirmation_code: { autocomplete: 'one-time-code' },
    },
  };

  return (
    <main className="auth-screen">
      <div className="auth-brand">
        <span className="brand">{t('app.name')}</span>
        <LanguageSwitch />
      </div>
      {/* The machine lives in the provider above, so a new key on a language change only renders
          the current screen again, with labels translated into the new language. */}
      <Authenticator
        key={i18n.language}
        hideSignUp
        loginMechanisms={['email']}
        services={services}
        formFields={formFields}
        components={screenHeaders}
      />
    </main>
  );
}
