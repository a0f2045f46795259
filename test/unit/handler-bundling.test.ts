import { builtinModules } from 'node:module';
import path from 'node:path';
import { buildSync, type Metafile } from 'esbuild';
import { handlerEsbuildOptions, lazyCredentialProviders } from '../../lib/api/handler-bundling';

const repositoryRoot = path.resolve(__dirname, '..', '..');

/**
 * Bundles a module of every SDK client the handlers use with the handlers' esbuild settings,
 * or with `import()` left as written when `lowerDynamicImport` is false.
 */
function bundleEveryClient(lowerDynamicImport = true): { metafile: Metafile; code: string } {
  const source = [
    "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
    "import { S3Client } from '@aws-sdk/client-s3';",
    "import { KMSClient } from '@aws-sdk/client-kms';",
    "import { SESClient } from '@aws-sdk/client-ses';",
    "import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';",
    'export const clients = [DynamoDBClient, S3Client, KMSClient, SESClient, CognitoIdentityProviderClient].map((Client) => new Client({}));',
  ].join('\n');
  const result = buildSync({
    ...handlerEsbuildOptions,
    supported: lowerDynamicImport ? handlerEsbuildOptions.supported : {},
    stdin: { contents: source, resolveDir: repositoryRoot, loader: 'ts' },
    write: false,
    metafile: true,
    outfile: path.join(repositoryRoot, 'cdk.out', 'handler-bundling-test.js'),
    logLevel: 'silent',
  });
  return { metafile: result.metafile, code: result.outputFiles[0].text };
}

describe('handler bundling', () => {
  const { metafile, code } = bundleEveryClient();
  const output = Object.values(metafile.outputs)[0];

  test('lazy providers imported dynamically only', () => {
    const sourceOutput = Object.values(bundleEveryClient(false).metafile.outputs)[0];
    const externalImports = sourceOutput.imports.filter((imported) => lazyCredentialProviders.includes(imported.path));

    // Each provider is reached from the default chain, so a missing one means the SDK changed.
    expect(new Set(externalImports.map((imported) => imported.path))).toEqual(new Set(lazyCredentialProviders));
    for (const imported of externalImports) {
      expect({ path: imported.path, kind: imported.kind }).toEqual({ path: imported.path, kind: 'dynamic-import' });
    }
  });

  test('lazy providers loaded with require', () => {
    // require reads NODE_PATH, where the Lambda runtime lists its own SDK, and import() does not.
    for (const provider of lazyCredentialProviders) {
      expect(code).toContain(`require("${provider}")`);
      expect(code).not.toContain(`import("${provider}")`);
    }
  });

  test('SDK from ES module builds', () => {
    const sdkInputs = Object.keys(metafile.inputs).filter((input) => input.includes('node_modules/@aws-sdk/client-'));

    expect(sdkInputs.length).toBeGreaterThan(0);
    expect(sdkInputs.filter((input) => input.includes('/dist-cjs/'))).toEqual([]);
  });

  test('no other external packages', () => {
    const otherExternals = output.imports.filter(
      (imported) => imported.external && !isNodeBuiltin(imported.path) && !lazyCredentialProviders.includes(imported.path),
    );

    expect(otherExternals).toEqual([]);
  });
});

function isNodeBuiltin(name: string): boolean {
  return name.startsWith('node:') || builtinModules.includes(name);
}
