import { confirmResetPassword, confirmSignIn, resetPassword, signIn } from 'aws-amplify/auth';
import type { ConfirmResetPasswordInput, ConfirmSignInInput, ResetPasswordInput, SignInInput } from 'aws-amplify/auth';
import i18next from 'i18next';
import { missingFieldsKey, signInErrorKey, type RequiredSignInFields, type SignInStage } from './sign-in-errors';

/**
 * Runs an Amplify Auth call for the Authenticator, unless a `required` field is blank, and rethrows
 * a failure as an Error whose message is our own translated text. The Authenticator shows `error.message`, which would
 * otherwise be Cognito's English message, and would tell an unknown email apart from a wrong
 * password.
 */
async function withMessage<Output>(stage: SignInStage, call: () => Promise<Output>, required: RequiredSignInFields = {}): Promise<Output> {
  // Checked here, before Amplify, because Amplify names only the first blank field of its input.
  const missingKey = missingFieldsKey(required);
  if (missingKey) throw new Error(i18next.t(missingKey));

  try {
    return await call();
  } catch (error) {
    throw new Error(i18next.t(signInErrorKey(error, stage)), { cause: error });
  }
}

/**
 * Overrides of the Authenticator's calls to Amplify Auth. Sign-in uses `USER_PASSWORD_AUTH`
 * instead of Amplify's default SRP flow because cognito-local rejects SRP; the admin-web app
 * client allows both (lib/auth). `currentStep` returns the Authenticator's route, which
 * distinguishes a TOTP code from a new password, because both go through `confirmSignIn`.
 */
export function authenticatorServices(currentStep: () => string) {
  const handleSignIn = (input: SignInInput) =>
    withMessage('signIn', () => signIn({ ...input, options: { ...input.options, authFlowType: 'USER_PASSWORD_AUTH' } }), {
      email: input.username,
      password: input.password ?? '',
    });
  const handleConfirmSignIn = (input: ConfirmSignInInput) =>
    withMessage(currentStep() === 'forceNewPassword' ? 'newPassword' : 'totp', () => confirmSignIn(input));
  const handleForgotPassword = (input: ResetPasswordInput) =>
    withMessage('resetPassword', () => resetPassword(input), { email: input.username });
  const handleForgotPasswordSubmit = (input: ConfirmResetPasswordInput) => withMessage('resetPassword', () => confirmResetPassword(input));

  // The Authenticator types each service as the Amplify function, whose overloads include a
  // server-side form with a context argument. In the browser it passes the input alone.
  return {
    handleSignIn: handleSignIn as typeof signIn,
    handleConfirmSignIn: handleConfirmSignIn as typeof confirmSignIn,
    handleForgotPassword: handleForgotPassword as typeof resetPassword,
    handleForgotPasswordSubmit: handleForgotPasswordSubmit as typeof confirmResetPassword,
  };
}
