import { ConfigError, loadAppConfig, parseAppConfig } from '../../admin-web/src/app/config';
import { parseRoute, routeHref } from '../../admin-web/src/app/routes';
import { missingFieldsKey, signInErrorKey } from '../../admin-web/src/features/auth/sign-in-errors';

const validConfig = {
  stage: 'dev',
  region: 'ap-northeast-1',
  apiUrl: 'http://127.0.0.1:3001',
  graphqlUrl: 'https://127.0.0.1:20002/graphql',
  userPoolId: 'local_pool',
  userPoolClientId: 'local-client',
  cognitoEndpoint: 'http://127.0.0.1:9229',
};

function jsonResponse(body: string, status = 200): typeof fetch {
  return async () => new Response(body, { status, headers: { 'Content-Type': 'application/json' } });
}

describe('admin config', () => {
  test('accepts a complete config', () => {
    expect(parseAppConfig(validConfig)).toEqual(validConfig);
  });

  test('accepts a config without cognitoEndpoint', () => {
    const { cognitoEndpoint: _unused, ...deployed } = validConfig;
    expect(parseAppConfig(deployed).cognitoEndpoint).toBeUndefined();
  });

  test('lists every invalid field', () => {
    const error = (() => {
      try {
        parseAppConfig({ ...validConfig, apiUrl: 'not a url', userPoolId: undefined });
      } catch (caught) {
        return caught;
      }
    })();

    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(2);
    expect(problems.some((problem) => problem.startsWith('apiUrl:'))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('userPoolId:'))).toBe(true);
  });

  test('loads and validates config.json', async () => {
    await expect(loadAppConfig(jsonResponse(JSON.stringify(validConfig)))).resolves.toEqual(validConfig);
  });

  test('rejects a missing config.json', async () => {
    await expect(loadAppConfig(jsonResponse('not found', 404))).rejects.toThrow('HTTP 404');
  });

  test('rejects config.json that is not JSON', async () => {
    await expect(loadAppConfig(jsonResponse('{ stage: dev'))).rejects.toThrow('not valid JSON');
  });

  test('rejects a failed fetch', async () => {
    const failing: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(loadAppConfig(failing)).rejects.toBeInstanceOf(ConfigError);
  });
});

describe('admin routes', () => {
  test.each([
    ['', { name: 'dashboard' }],
    ['#/dashboard', { name: 'dashboard' }],
    ['#/facilities', { name: 'facilities' }],
    ['#/register', { name: 'register' }],
    ['#/register/e%2F1', { name: 'entry', entryId: 'e/1' }],
    ['#/unknown', { name: 'dashboard' }],
  ])('parses %p', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  test('round-trips an entry id', () => {
    const route = { name: 'entry', entryId: 'ENTRY#01/é' } as const;
    expect(parseRoute(routeHref(route))).toEqual(route);
  });
});

describe('admin sign-in errors', () => {
  function named(name: string): Error {
    const error = new Error('from Amplify');
    error.name = name;
    return error;
  }

  test.each([
    ['NotAuthorizedException', 'auth.errors.incorrect'],
    ['UserNotFoundException', 'auth.errors.incorrect'],
    ['InvalidPasswordException', 'auth.errors.incorrect'],
    ['PasswordResetRequiredException', 'auth.errors.resetRequired'],
    ['TooManyRequestsException', 'auth.errors.tooManyAttempts'],
    ['NetworkError', 'auth.errors.network'],
    ['SomethingNew', 'auth.errors.unknown'],
  ])('maps %s at sign-in', (name, key) => {
    expect(signInErrorKey(named(name), 'signIn')).toBe(key);
  });

  test.each([
    ['InvalidPasswordException', 'auth.errors.passwordPolicy'],
    ['InvalidParameterException', 'auth.errors.passwordPolicy'],
    ['NotAuthorizedException', 'auth.errors.incorrect'],
  ])('maps %s for a new password', (name, key) => {
    expect(signInErrorKey(named(name), 'newPassword')).toBe(key);
  });

  test('maps a non-Error value to unknown', () => {
    expect(signInErrorKey('boom', 'signIn')).toBe('auth.errors.unknown');
  });

  test.each([
    ['UserNotFoundException', 'auth.errors.resetFailed'],
    ['NotAuthorizedException', 'auth.errors.resetFailed'],
    ['EmptyResetPasswordUsername', 'auth.errors.missingEmail'],
    ['CodeMismatchException', 'auth.errors.wrongCode'],
  ])('maps %s for a password reset', (name, key) => {
    expect(signInErrorKey(named(name), 'resetPassword')).toBe(key);
  });

  test.each([
    ['EmptySignInUsername', 'auth.errors.missingEmail'],
    ['EmptySignInPassword', 'auth.errors.missingPassword'],
  ])('maps Amplify check %s at sign-in', (name, key) => {
    expect(signInErrorKey(named(name), 'signIn')).toBe(key);
  });
});

describe('missing sign-in fields', () => {
  test.each([
    [{ email: '', password: '' }, 'auth.errors.missingEmailAndPassword'],
    [{ email: '  ', password: 'Secret-2026!' }, 'auth.errors.missingEmail'],
    [{ email: 'owner@example.invalid', password: '' }, 'auth.errors.missingPassword'],
    [{ email: '' }, 'auth.errors.missingEmail'],
  ])('names blank fields of %j', (fields, key) => {
    expect(missingFieldsKey(fields)).toBe(key);
  });

  test.each([
    [{ email: 'owner@example.invalid', password: 'Secret-2026!' }],
    [{ email: 'owner@example.invalid' }],
    [{}],
  ])('passes complete fields %j', (fields) => {
    expect(missingFieldsKey(fields)).toBeUndefined();
  });
});
