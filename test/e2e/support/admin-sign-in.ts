import type { Locator, Page } from 'playwright-core';
import { requiredEnv } from './browser';

/**
 * Screens of the Amplify UI Authenticator in admin-web, found by the `data-amplify-authenticator-*`
 * attribute each of its forms carries (@aws-amplify/ui-react 6).
 */
export const authenticatorScreens = {
  signIn: '[data-amplify-authenticator-signin]',
  forceNewPassword: '[data-amplify-authenticator-forcenewpassword]',
  forgotPassword: '[data-amplify-authenticator-forgotpassword]',
  confirmResetPassword: '[data-amplify-authenticator-confirmresetpassword]',
  confirmSignIn: '[data-amplify-authenticator-confirmsignin]',
} as const;

/** Finds a field of an Authenticator form by its input name, e.g. `username` or `confirmation_code`. */
export function authenticatorField(page: Page, screen: keyof typeof authenticatorScreens, name: string): Locator {
  return page.locator(`${authenticatorScreens[screen]} input[name="${name}"]`);
}

/** Finds the submit button of an Authenticator form. */
export function authenticatorSubmit(page: Page, screen: keyof typeof authenticatorScreens): Locator {
  return page.locator(`${authenticatorScreens[screen]} button[type="submit"]`);
}

/** Finds the error the Authenticator shows on a form after a failed request. */
export function authenticatorError(page: Page, screen: keyof typeof authenticatorScreens): Locator {
  return page.locator(`${authenticatorScreens[screen]} .amplify-alert`);
}

/** Submits email and password on the sign-in screen; later steps are up to the caller. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await authenticatorField(page, 'signIn', 'username').fill(email);
  await authenticatorField(page, 'signIn', 'password').fill(password);
  await authenticatorSubmit(page, 'signIn').click();
}

/** Opens admin-web and signs in as the demo operator, waiting for the signed-in header. */
export async function signInAsDemoOperator(page: Page): Promise<void> {
  await page.goto(requiredEnv('OS_ADMIN_URL'));
  await submitSignIn(page, requiredEnv('OS_DEMO_OPERATOR_EMAIL'), requiredEnv('OS_DEMO_OPERATOR_PASSWORD'));
  await page.getByTestId('operator').waitFor();
}
