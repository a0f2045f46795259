/**
 * Type-checks the three TypeScript projects, runs every jest project (unit, cdk, integration,
 * e2e) in one process so the local system starts once, then prints "Tests: N passed, N failed".
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface JestSummary {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTotalTests: number;
}

const outputDir = path.join(__dirname, 'output');
const resultFile = path.join(outputDir, 'jest-results.json');
mkdirSync(outputDir, { recursive: true });

// The root project covers bin, lib, lambdas, local, test and bench; the web apps have their own.
const typeProjects = ['tsconfig.json', 'kiosk/tsconfig.json', 'admin-web/tsconfig.json'];
const failedTypeProjects = typeProjects.filter((project) => {
  console.log(`Type check: ${project}`);
  return spawnSync('npx', ['tsc', '--noEmit', '-p', project], { stdio: 'inherit' }).status !== 0;
});

// --forceExit: when a beforeAll hook times out while it starts emulators, the emulators come up
// after the file's afterAll ran and nothing stops them, so jest would wait for them forever. A
// forced exit closes their guards' IPC channels, and the guards kill the emulators.
const run = spawnSync(
  'npx',
  ['jest', '--runInBand', '--forceExit', '--json', `--outputFile=${resultFile}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);

let summary: JestSummary | undefined;
try {
  summary = JSON.parse(readFileSync(resultFile, 'utf8')) as JestSummary;
} catch {
  console.error(`No jest results at ${resultFile}: jest did not finish (exit ${run.status}).`);
}
if (summary) {
  const skipped = summary.numPendingTests > 0 ? `, ${summary.numPendingTests} skipped` : '';
  console.log(`Tests: ${summary.numPassedTests} passed, ${summary.numFailedTests} failed${skipped}`);
  if (summary.numTotalTests === 0) {
    console.error('No test ran.');
    process.exit(1);
  }
}
if (failedTypeProjects.length > 0) {
  console.error(`Type check failed in ${failedTypeProjects.join(', ')}: see the tsc errors printed first.`);
  process.exit(1);
}
process.exit(run.status ?? 1);
