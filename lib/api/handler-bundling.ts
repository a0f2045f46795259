import type { BuildOptions } from 'esbuild';

/**
 * esbuild settings that every handler bundle shares, apart from the CDK construct so that the
 * handler benchmark and the tests bundle the same way without loading aws-cdk-lib.
 */

/**
 * Node.js major version of the Lambda runtime (`nodejs24.x` in handler-function.ts), which the
 * local runner also runs handlers on (local/lambda-runtime/lambda-node.ts).
 */
export const handlerNodeMajor = 24;

/**
 * Package fields esbuild reads, ES modules first. AWS SDK v3 ships ES module builds (`module`)
 * that esbuild can tree-shake per command, while its CommonJS builds (`main`) are one file per
 * package that is bundled whole.
 */
export const handlerMainFields: readonly string[] = ['module', 'main'];

/**
 * Credential providers that the default chain of `@aws-sdk/credential-provider-node` (3.972.x)
 * imports only with `await import()` when the environment contains no credentials. They stay out
 * of the bundle because they never run in Lambda: the runtime sets `AWS_ACCESS_KEY_ID`,
 * `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`, so `fromEnv`, the first link, always
 * returns, and the local runner sets static keys as well. Should one of them be needed after
 * all, `require` finds it in the Lambda runtime's SDK through `NODE_PATH`, or in node_modules
 * locally (see `handlerSupportedSyntax`).
 * Leaving them out also drops what only they use: the SSO and STS clients and the token
 * providers.
 */
export const lazyCredentialProviders: readonly string[] = [
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-http',
  '@smithy/credential-provider-imds',
];

/**
 * Syntax that esbuild must lower. With `import()` marked unsupported, the lazy imports of the
 * external providers become `require` calls. The Lambda runtime's bootstrap puts its SDK
 * (/var/runtime/node_modules) on `NODE_PATH`, which `require` reads and `import()` does not.
 */
export const handlerSupportedSyntax: Readonly<Record<string, boolean>> = { 'dynamic-import': false };

/**
 * The settings above as esbuild build options, with the ones HandlerFunction passes to
 * NodejsFunction (minified Node.js 24 CommonJS), for bundling a handler outside the CDK.
 */
export const handlerEsbuildOptions = {
  bundle: true,
  minify: true,
  platform: 'node',
  target: `node${handlerNodeMajor}`,
  format: 'cjs',
  mainFields: [...handlerMainFields],
  external: [...lazyCredentialProviders],
  supported: { ...handlerSupportedSyntax },
} as const satisfies BuildOptions;
