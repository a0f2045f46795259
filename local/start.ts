/**
 * `npm start`: starts the whole system locally with demo data and prints where to open it.
 * Ctrl-C (or SIGTERM) stops every service and child process.
 */
import { writeFileSync } from 'node:fs';
import { format } from 'node:util';
import { formatJapanTime } from './japan-time';
import { devEnvironmentFile } from './state-dir';
import type { CodeDelivery } from './cognito';
import { startLocalSystem, type LocalSystem } from './system';

const verbose = process.argv.includes('--verbose');

function printLine(line: string): void {
  process.stdout.write(`${line}\n`);
}

/**
 * Prints progress and errors always, and the other service logs (Lambda output, retries) with
 * --verbose. Lambda error lines are redacted JSON, so they carry no guest data.
 */
function log(line: string): void {
  const isProgress = /^(…|✓|  |Local system ready)/.test(line);
  const isError = /"level":"(ERROR|CRITICAL)"|^API gateway: .* (request |failed: |rejected: )/.test(line);
  if (isProgress || isError || verbose) printLine(line);
}

/** Prints a code that Cognito sends by email on a deployed stage, such as a password reset code. */
function printCodeDelivery({ destination, code }: CodeDelivery): void {
  printLine(`確認コード / verification code for ${destination}: ${code} (Cognito のメールの代わり / in place of Cognito's email)`);
}

function printSummary(system: LocalSystem): void {
  const demo = system.demo;
  printLine('');
  printLine('OPEN SESAME! ローカル環境 / local system');
  printLine(`  キオスク / Kiosk:        ${system.urls.kioskPairing ?? system.urls.kiosk}`);
  if (demo) {
    const expiry = formatJapanTime(demo.pairingCodeExpiresAt);
    printLine(`    ペアリングコード / pairing code ${demo.pairingCode}`);
    printLine(`    ${expiry} (日本時間 / JST) まで有効 / valid until ${expiry} JST;`);
    printLine('    以降は管理画面で新しいコードを作成 / afterwards create a new one in admin-web');
  }
  printLine(`    自己署名証明書を一度だけ許可してください / accept the self-signed certificate once`);
  printLine(`  管理画面 / Admin:        ${system.urls.admin}`);
  if (demo) {
    printLine(`    サインイン / sign-in:  ${demo.operatorEmail} / ${demo.operatorPassword}`);
  }
  printLine(`  送信メール / Sent mail:  ${system.urls.mailbox}`);
  printLine(`  API: ${system.urls.api}   GraphQL: ${system.urls.graphql}`);
  printLine('');
  printLine('Ctrl-C で停止 / press Ctrl-C to stop');
}

/**
 * Sends what the in-process emulators (AppSync simulator, s3rver, SES) print with console.log,
 * info, warn and debug through `log`, so it shows with --verbose, like the other service logs.
 * console.error still prints at once.
 */
function routeEmulatorConsole(): void {
  for (const method of ['log', 'info', 'warn', 'debug'] as const) {
    console[method] = (...args: unknown[]) => log(`[emulator ${method}] ${format(...args)}`);
  }
}

async function main(): Promise<void> {
  routeEmulatorConsole();
  let system: LocalSystem | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    printLine(`\n${signal}: 停止中 / stopping…`);
    await system?.stop();
    printLine('停止しました / stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    system = await startLocalSystem({ purpose: 'dev', seedDemoData: true, log, onCodeDelivery: printCodeDelivery });
  } catch (error) {
    process.stderr.write(`\n起動に失敗しました / start failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  if (stopping) return;
  // `npm run offboard` reads the endpoints and table names of this running system from here.
  writeFileSync(devEnvironmentFile(), `${JSON.stringify(system.environment, null, 2)}\n`);
  printSummary(system);
}

void main();
