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
 * Run it alone with `npx tsx bench/handlers.ts`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
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

/** Bundles a handler that does nothing with the options HandlerFunction gives esbuild. */
function bundleEmptyHandler(outDir: string): string {
  const source = path.join(outDir, 'empty-handler.ts');
  const bundle = path.join(outDir, 'empty-handler', 'index.js');
  writeFileSync(source, 'export const handler = async () => ({ statusCode: 204 });\n');
  buildSync({ ...handlerEsbuildOptions, entryPoints: [source], outfile: bundle, logLevel: 'silent' });
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
  const emptyBundle = bundleEmptyHandler(outDir);

  // Rounds interleave every handler with the empty one, so that load on the machine during the
  // run weighs on both sides of each ratio alike.
  const emptyTimes: number[] = [];
  const handlerTimes = new Map<string, number[]>(handlers.map((handler) => [handler.name, []]));
  coldImportMs(emptyBundle, {});
  for (let round = 0; round < rounds; round++) {
    emptyTimes.push(coldImportMs(emptyBundle, {}));
    for (const handler of handlers) {
      handlerTimes.get(handler.name)!.push(coldImportMs(handler.bundlePath, handler.environment));
    }
  }
  const emptyMs = median(emptyTimes);
  log(`empty handler: ${emptyMs.toFixed(1)} ms cold (median of ${rounds})`);

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
