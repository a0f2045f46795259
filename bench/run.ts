/**
 * `npm run bench`: runs every benchmark in one process and prints each figure next to its
 * target. Each benchmark writes its own file under bench/out/. Ratios compare two measurements
 * taken in the same run, so they hold on a slow or busy machine where absolute times do not.
 * `npm run bench -- handlers kiosk` runs only the named ones.
 */
import { describeHandlerRows, handlerTargets, runHandlerBench } from './handlers';
import { runKioskBench } from './kiosk';
import { runKmsBench } from './kms';
import { benchRegisterExport } from './register-export';

interface Benchmark {
  readonly name: string;
  /** Runs the benchmark and returns lines that show each figure against its target. */
  readonly run: () => Promise<string[]>;
}

const benchmarks: readonly Benchmark[] = [
  {
    name: 'handlers',
    async run() {
      const rows = await runHandlerBench();
      const misses = rows.filter(
        (row) => row.bundleBytes > handlerTargets.bundleBytes || row.coldImportRatio > handlerTargets.coldImportRatio,
      );
      return [
        ...describeHandlerRows(rows),
        `${rows.length - misses.length} of ${rows.length} handlers within ≤ 300 KB and ≤ ${handlerTargets.coldImportRatio}× the empty handler`,
      ];
    },
  },
  {
    name: 'kiosk',
    async run() {
      const result = await runKioskBench({ log: () => undefined });
      return [
        `firstLoadJsGzipBytes ${result.firstLoadJsGzipBytes} (target ≤ 256000)`,
        `saveLocalMs ${result.saveLocalMs.toFixed(1)} (target ≤ 100)`,
        `drainRatio ${result.drainRatio.toFixed(2)} (target ≤ 1.5)`,
        `registerDrainRatio ${result.registerDrainRatio.toFixed(2)} (no target)`,
        `request + gap, median ms: drain ${result.requestTiming.drain.medianRequestMs} + ${result.requestTiming.drain.medianGapMs}, direct ${result.requestTiming.direct.medianRequestMs} + ${result.requestTiming.direct.medianGapMs} (no target)`,
      ];
    },
  },
  {
    name: 'kms',
    async run() {
      const result = await runKmsBench({ log: () => undefined });
      return [
        `kmsCallsPerPage ${result.kmsCallsPerPage} (target ≤ 1)`,
        `pageLatencyRatio ${result.pageLatencyRatio.toFixed(2)} (target ≤ 1.5)`,
        `dynamoFloorRatio ${result.dynamoFloorRatio.toFixed(2)} (no target: the page handler's DynamoDB calls alone)`,
      ];
    },
  },
  {
    name: 'register-export',
    async run() {
      const result = await benchRegisterExport();
      return [
        `CSV: ${result.csv.entries} stays, ${result.csv.rows} rows, peak RSS ${result.csv.peakRssMb.toFixed(0)} MB (target < ${result.limitMb} MB), ${result.csv.exportSeconds} s`,
        `PDF: ${result.pdf.entries} stays, ${result.pdf.pages} pages, ${result.passportCopies} passport copies, ${(result.pdf.fileBytes / 1024 / 1024).toFixed(1)} MB, peak RSS ${result.pdf.peakRssMb.toFixed(0)} MB (target < ${result.limitMb} MB), ${result.pdf.exportSeconds} s`,
      ];
    },
  },
];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !benchmarks.some((benchmark) => benchmark.name === name));
  if (unknown.length > 0) {
    throw new Error(`Unknown benchmark ${unknown.join(', ')}; choose from ${benchmarks.map((b) => b.name).join(', ')}.`);
  }
  let failed = false;
  for (const benchmark of benchmarks) {
    if (wanted.length > 0 && !wanted.includes(benchmark.name)) continue;
    console.log(`\n== ${benchmark.name}`);
    try {
      for (const line of await benchmark.run()) console.log(line);
    } catch (error) {
      failed = true;
      console.error(`${benchmark.name} failed:`, error);
    }
  }
  console.log('\nResults: bench/out/*.json');
  if (failed) process.exitCode = 1;
}

void main();
