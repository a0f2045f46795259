import { InternalAPI } from '@aws-amplify/api/internals';

/**
 * DataStore's outbox (@aws-amplify/datastore 5.1) retries a mutation forever only when the
 * GraphQL error says `Network Error`, the wording of Amplify 5. Amplify 6 reports a failed
 * fetch as `A network error has occurred.` (an AmplifyError named `NetworkError`), so the
 * outbox takes it for a rejection by the server and drops the mutation: a check-in whose request
 * was cut would never be sent again. This wraps the GraphQL client that DataStore uses, so that
 * such a failure reaches the outbox in the wording it retries.
 */
const networkErrorName = 'NetworkError';
const outboxRetryMessage = 'Network Error';

interface GraphqlErrorLike {
  message?: string;
  originalError?: { name?: string } | null;
}

/** True for a GraphQL result that Amplify made from a fetch that never got a response. */
export function isNetworkFailure(result: unknown): boolean {
  const errors = (result as { errors?: GraphqlErrorLike[] } | null)?.errors;
  return Array.isArray(errors) && errors.length > 0 && errors[0]?.originalError?.name === networkErrorName;
}

/** Rewrites the first error of a network failure into the message DataStore's outbox retries. */
export function asOutboxNetworkFailure<T extends { errors: GraphqlErrorLike[] }>(result: T): T {
  const [first, ...rest] = result.errors;
  return { ...result, errors: [{ ...first, message: outboxRetryMessage, originalError: first.originalError }, ...rest] };
}

let installed = false;

/** Installs the rewrite once per page; subscriptions (Observables) pass through unchanged. */
export function retryNetworkFailuresInOutbox(): void {
  if (installed) return;
  installed = true;
  const graphql = InternalAPI.graphql.bind(InternalAPI) as (...args: unknown[]) => unknown;
  (InternalAPI as unknown as { graphql: (...args: unknown[]) => unknown }).graphql = (...args: unknown[]) => {
    const result = graphql(...args);
    if (!(result instanceof Promise)) return result;
    return result.catch((error: unknown) => {
      throw isNetworkFailure(error) ? asOutboxNetworkFailure(error as { errors: GraphqlErrorLike[] }) : error;
    });
  };
}
