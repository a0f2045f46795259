import { z } from 'zod';

/** Error body of every API handler: `{ error: { code, field?, message } }`. */
const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    field: z.string().optional(),
    message: z.string(),
    fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
});

/** Codes the client itself assigns when no API error body is available. */
export const clientErrorCodes = {
  /** fetch rejected: offline, DNS, CORS or a refused connection. */
  network: 'NETWORK_ERROR',
  /** The response body did not match the feature's zod schema. */
  invalidResponse: 'INVALID_RESPONSE',
  /** A non-2xx response without the standard error body. */
  http: 'HTTP_ERROR',
  /** No signed-in session to take an ID token from. */
  notSignedIn: 'NOT_SIGNED_IN',
} as const;

/**
 * Failure of one API call. `message` carries the API's own message or a description of the
 * failure, never the response body, which may contain guest data.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** HTTP status, or 0 when no response arrived. */
    readonly status: number,
    /** The request field the API rejected, when it names one. */
    readonly field?: string,
    /** Every field error of a rejected form, each message as `日本語 / English`. */
    readonly fieldErrors: readonly { field: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type QueryParameters = Record<string, string | undefined>;

export interface ApiClient {
  get<T>(path: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>, query?: QueryParameters): Promise<T>;
  post<T>(path: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>, body?: unknown): Promise<T>;
  put<T>(path: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>, body: unknown): Promise<T>;
  patch<T>(path: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>, body: unknown): Promise<T>;
}

export interface ApiClientOptions {
  /** Base URL of the HTTP API, from `config.json`. */
  apiUrl: string;
  /** Returns the signed-in operator's Cognito ID token, refreshing it when needed. */
  getIdToken: () => Promise<string>;
  fetch?: typeof fetch;
}

/**
 * Creates the one client through which every feature's `api` module reaches the HTTP API.
 * It sends the Cognito ID token in `Authorization` (the API's JWT authorizer reads it there)
 * and parses every response with the caller's zod schema.
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);

  async function request<T>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    path: string,
    schema: z.ZodType<T, z.ZodTypeDef, unknown>,
    query?: QueryParameters,
    body?: unknown,
  ): Promise<T> {
    const url = buildUrl(options.apiUrl, path, query);
    const token = await options.getIdToken();
    const headers: Record<string, string> = { Authorization: token, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';

    let response: Response;
    try {
      response = await fetchImpl(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new ApiError(clientErrorCodes.network, `${method} ${path} failed: ${String(error)}`, 0);
    }

    const payload = await readJson(response);
    if (!response.ok) throw toApiError(method, path, response.status, payload);

    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      // Only the paths of the invalid fields: their values may be guest data.
      const paths = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)');
      throw new ApiError(
        clientErrorCodes.invalidResponse,
        `${method} ${path} returned an unexpected body (invalid fields: ${paths.join(', ')})`,
        response.status,
      );
    }
    return parsed.data;
  }

  return {
    get: (path, schema, query) => request('GET', path, schema, query),
    post: (path, schema, body) => request('POST', path, schema, undefined, body ?? {}),
    put: (path, schema, body) => request('PUT', path, schema, undefined, body),
    patch: (path, schema, body) => request('PATCH', path, schema, undefined, body),
  };
}

/** Joins the base URL and an API path, dropping query parameters that are undefined or empty. */
export function buildUrl(apiUrl: string, path: string, query?: QueryParameters): string {
  const url = new URL(apiUrl.replace(/\/+$/, '') + path);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') url.searchParams.set(name, value);
  }
  return url.toString();
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toApiError(method: string, path: string, status: number, payload: unknown): ApiError {
  const errorBody = errorBodySchema.safeParse(payload);
  if (errorBody.success) {
    const { code, message, field, fields } = errorBody.data.error;
    return new ApiError(code, message, status, field, fields ?? (field ? [{ field, message }] : []));
  }
  return new ApiError(clientErrorCodes.http, `${method} ${path} failed with HTTP ${status}`, status);
}
