import { useState, type FormEvent } from 'react';
import { signInErrorKey, type SignInStage } from './sign-in-errors';

/**
 * Tracks the submitting flag and the error message key of an authentication form. `submitWith`
 * builds a handler that runs the form's check, then its Cognito request, and maps a failure to a message key.
 */
export function useAuthSubmit(stage: SignInStage) {
  const [submitting, setSubmitting] = useState(false);
  const [errorKey, setErrorKey] = useState<string | null>(null);

  /** Returns a submit handler; `check` returns a message key to show instead of sending. */
  function submitWith(request: () => Promise<void>, check?: () => string | null) {
    return async (event: FormEvent) => {
      event.preventDefault();
      const problem = check?.() ?? null;
      setErrorKey(problem);
      if (problem) return;
      setSubmitting(true);
      try {
        await request();
      } catch (error) {
        setErrorKey(signInErrorKey(error, stage));
      } finally {
        setSubmitting(false);
      }
    };
  }

  return { submitting, errorKey, submitWith };
}
