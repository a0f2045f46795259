/**
 * Handler benchmark: for every product Lambda handler in the synthesized dev stage, its bundled
 * size and its cold import time as a ratio to an empty handler bundled the same way, both
 * measured in this run. Writes `bench/out/handlers.json` as
 * `[{ "handler", "bundleBytes", "coldImportRatio" }]`.
 *
 * A cold import is a fresh Node.js process, of the version the functions run on in Lambda
 * (local/lambda-runtime/lambda-node.ts), that loads the bundle, which creates its clients as
 * a Lambda container does before the first event. The time covers that whole process, from
 * spawn to exit. The bundle contains the AWS SDK v3 code it uses, as in Lambda; only the
 * credential providers that never run there stay outside (lib/api/handler-bundling.ts).
 * Targets: ≤ 300 KB minified and ≤ 2× the empty handler.
 *
 * Two reference bundles, timed in the same rounds, show the cost of the product's packages
 * before any product code loads. One loads only `node:https` and `node:crypto`, which every
 * signed AWS call needs. The other only creates a DynamoDB client of the AWS SDK. Their rows go
 * to `bench/out/handler-floors.json`, not into the handler rows.
 *
 * Run it alone with `npx tsx bench/handlers.ts`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { handlerEsbuildOptions } from '../lib/api/handler-bundling';
import { repositoryRoot, synthesizeIfStale } from '../local/build-steps';
import { readAssemblyStacks } from '../local/cloud-assembly';
import { lambdaNode } from '../local/lambda-runtime/lambda-node';

export interface HandlerBenchRow {
  readonly handler: string;
  readonly bundleBytes: number;
  readonly coldImportRatio: number;
}

/** A reference bundle's size and cold import, against the same empty handler. */
export interface HandlerFloorRow {
  readonly reference: string;
  readonly bundleBytes: number;
  readonly coldImportRatio: number;
}

/** Sources of the reference bundles, by name. */
const floorSources: Readonly<Record<string, string>> = {
  'node-https-crypto': [
    "import { createHash } from 'node:crypto';",
    "import { Agent } from 'node:https';",
    'const agent = new Agent({ keepAlive: true });',
    "export const handler = async () => ({ statusCode: 204, body: createHash('sha256').update(String(agent.maxSockets)).digest('hex') });",
  ].join('\n'),
  'dynamodb-client-only': [
    "import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';",
    'const client = new DynamoDBClient({});',
    "export const handler = async () => client.send(new GetItemCommand({ TableName: 'bench', Key: { pk: { S: 'bench' } } }));",
  ].join('\n'),
};

export const handlerTargets = { bundleBytes: 300 * 1024, coldImportRatio: 2 } as const;

interface BundledHandler {
  /** Construct id of the handler in its stack, e.g. `PairDevice`. */
  readonly name: string;
  readonly bundlePath: string;
  readonly environment: Readonly<Record<string, string>>;
}

const cdkOutDir = path.join(repositoryRoot, 'cdk.out');

/** Product handlers are HandlerFunction constructs: `<Stack>/<Name>/Function/Resource`. */
function findBundledHandlers(): BundledHandler[] {
  const handlers: BundledHandler[] = [];
  for (const stack of readAssemblyStacks(cdkOutDir)) {
    for (const resource of Object.values(stack.template.Resources ?? {})) {
      if (resource.Type !== 'AWS::Lambda::Function') continue;
      const metadata = (resource as { Metadata?: Record<string, unknown> }).Metadata ?? {};
      const constructPath = String(metadata['aws:cdk:path'] ?? '');
      const match = /^[^/]+\/([^/]+)\/Function\/Resource$/.exec(constructPath);
      const assetPath = metadata['aws:asset:path'];
      if (!match || typeof assetPath !== 'string') continue;
      const bundlePath = path.join(cdkOutDir, assetPath, 'index.js');
      if (!existsSync(bundlePath)) continue;
      handlers.push({ name: match[1], bundlePath, environment: placeholderEnvironment(resource.Properties) });
    }
  }
  return handlers.sort((a, b) => a.name.localeCompare(b.name));
}

/** The function's environment with every reference replaced by a plain name, enough for start-up. */
function placeholderEnvironment(properties: Record<string, unknown> | undefined): Record<string, string> {
  const variables = (properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
  return Object.fromEntries(
    Object.entries(variables).map(([name, value]) => [name, typeof value === 'string' ? value : `bench-${name.toLowerCase()}`]),
  );
}

/** Bundles `source` as handler `name` with the options HandlerFunction gives esbuild. */
function bundleSource(outDir: string, name: string, source: string): string {
  // The source sits in the repository, so that esbuild resolves the AWS SDK from its node_modules.
  const sourceFile = path.join(repositoryRoot, 'bench', `.${name}.ts`);
  const bundle = path.join(outDir, name, 'index.js');
  writeFileSync(sourceFile, `${source}\n`);
  try {
    buildSync({ ...handlerEsbuildOptions, entryPoints: [sourceFile], outfile: bundle, logLevel: 'silent' });
  } finally {
    rmSync(sourceFile, { force: true });
  }
  return bundle;
}

/** Milliseconds from spawning `node` to its exit after it loaded the bundle. */
function coldImportMs(bundlePath: string, environment: Readonly<Record<string, string>>): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(lambdaNode().executable, ['-e', `require(${JSON.stringify(bundlePath)})`], {
    cwd: path.dirname(bundlePath),
    env: {
      PATH: process.env.PATH,
      AWS_REGION: 'ap-northeast-1',
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
      AWS_LAMBDA_FUNCTION_NAME: 'bench',
      ...environment,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    throw new Error(`Loading ${bundlePath} failed: ${result.stderr.toString().slice(0, 500)}`);
  }
  return elapsed;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export async function runHandlerBench(
  options: { rounds?: number; outDir?: string; log?: (line: string) => void } = {},
): Promise<HandlerBenchRow[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  const rounds = options.rounds ?? 7;
  const outDir = options.outDir ?? path.join(repositoryRoot, 'bench', 'out');
  mkdirSync(outDir, { recursive: true });

  await synthesizeIfStale();
  const { warning } = lambdaNode();
  if (warning) log(warning);
  const handlers = findBundledHandlers();
  if (handlers.length === 0) throw new Error(`No product handler bundle found in ${cdkOutDir}.`);
  const emptyBundle = bundleSource(outDir, 'empty-handler', 'export const handler = async () => ({ statusCode: 204 });');
  const floors = Object.entries(floorSources).map(([reference, source]) => ({
    reference,
    bundlePath: bundleSource(outDir, `floor-${reference}`, source),
  }));

  // Rounds interleave every handler and reference with the empty one, so that load on the
  // machine during the run weighs on both sides of each ratio alike.
  const emptyTimes: number[] = [];
  const handlerTimes = new Map<string, number[]>(handlers.map((handler) => [handler.name, []]));
  const floorTimes = new Map<string, number[]>(floors.map((floor) => [floor.reference, []]));
  coldImportMs(emptyBundle, {});
  for (let round = 0; round < rounds; round++) {
    emptyTimes.push(coldImportMs(emptyBundle, {}));
    for (const floor of floors) floorTimes.get(floor.reference)!.push(coldImportMs(floor.bundlePath, {}));
    for (const handler of handlers) {
      handlerTimes.get(handler.name)!.push(coldImportMs(handler.bundlePath, handler.environment));
    }
  }
  const emptyMs = median(emptyTimes);
  log(`empty handler: ${emptyMs.toFixed(1)} ms cold (median of ${rounds})`);

  const floorRows: HandlerFloorRow[] = floors.map((floor) => ({
    reference: floor.reference,
    bundleBytes: statSync(floor.bundlePath).size,
    coldImportRatio: Number((median(floorTimes.get(floor.reference)!) / emptyMs).toFixed(2)),
  }));
  for (const row of floorRows) {
    log(`reference ${row.reference}: ${(row.bundleBytes / 1024).toFixed(1)} KB, ${row.coldImportRatio.toFixed(2)}× the empty handler`);
  }
  writeFileSync(path.join(outDir, 'handler-floors.json'), `${JSON.stringify(floorRows, null, 2)}\n`);

  const rows = handlers.map((handler) => ({
    handler: handler.name,
    bundleBytes: statSync(handler.bundlePath).size,
    coldImportRatio: Number((median(handlerTimes.get(handler.name)!) / emptyMs).toFixed(2)),
  }));
  writeFileSync(path.join(outDir, 'handlers.json'), `${JSON.stringify(rows, null, 2)}\n`);
  return rows;
}

export function describeHandlerRows(rows: readonly HandlerBenchRow[]): string[] {
  return rows.map((row) => {
    const ok = row.bundleBytes <= handlerTargets.bundleBytes && row.coldImportRatio <= handlerTargets.coldImportRatio;
    return `${ok ? 'ok  ' : 'MISS'} ${row.handler.padEnd(32)} ${(row.bundleBytes / 1024).toFixed(1).padStart(7)} KB  ${row.coldImportRatio.toFixed(2)}×`;
  });
}

if (require.main === module) {
  runHandlerBench()
    .then((rows) => console.log(describeHandlerRows(rows).join('\n')))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
