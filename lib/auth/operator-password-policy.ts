/**
 * Password rules of the user pool, in the names of CDK's `PasswordPolicy`. The pool (auth-stack)
 * and admin-web's new-password forms both read them, so the rules shown are the rules enforced.
 * This file imports nothing, because the admin-web bundle includes it.
 */
export const operatorPasswordPolicy = {
  minLength: 12,
  requireLowercase: true,
  requireUppercase: true,
  requireDigits: true,
  requireSymbols: true,
} as const;
