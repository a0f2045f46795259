import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { stopChild } from '../child-process';
import { lambdaNode, lambdaNodeMajor } from './lambda-node';
import { workerSource } from './worker-source';

export interface LambdaFunctionDefinition {
  /** Function name as logged and put in the invocation context. */
  readonly name: string;
  /** Directory of the bundled code (the function's `aws:asset:path` in cdk.out). */
  readonly codeDir: string;
  /** `file.export` as in the CloudFormation `Handler` property, for example `index.handler`. */
  readonly handler: string;
  /** Environment the function sees: its own variables plus the local AWS endpoints. */
  readonly environment: Readonly<Record<string, string>>;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
}

/** An error the handler threw or returned, in the shape Lambda reports it. */
export class LambdaInvocationError extends Error {
  constructor(
    readonly functionName: string,
    readonly errorType: string,
    errorMessage: string,
  ) {
    super(`${functionName} failed: ${errorType}: ${errorMessage}`);
    this.name = 'LambdaInvocationError';
  }
}

interface WorkerReply {
  requestId: string;
  result?: unknown;
  error?: { errorType: string; errorMessage: string; stack?: string };
}

/**
 * A Lambda function run locally in its own Node process, like one warm container: the first
 * invocation starts the process and imports the bundle (cold start), later ones reuse it.
 * Invocations run one at a time, as in a single Lambda execution environment. A timeout or a
 * crash kills the process, so the next invocation starts cold.
 */
export class LambdaFunction {
  private worker: ChildProcess | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly definition: LambdaFunctionDefinition,
    private readonly log: (line: string) => void,
  ) {}

  invoke(event: unknown): Promise<unknown> {
    const run = this.queue.then(() => this.invokeNow(event));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await stopChild(worker);
  }

  private startWorker(): ChildProcess {
    const { name, codeDir, handler, environment, memoryMb } = this.definition;
    const separator = handler.lastIndexOf('.');
    const modulePath = handler.slice(0, separator);
    const exportName = handler.slice(separator + 1);
    const handlerFile = path.join(codeDir, resolveModuleFile(codeDir, modulePath));
    const worker = spawn(lambdaNode().executable, ['-e', workerSource, JSON.stringify([handlerFile, exportName, name, memoryMb])], {
      cwd: codeDir,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        LAMBDA_TASK_ROOT: codeDir,
        AWS_LAMBDA_FUNCTION_NAME: name,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(memoryMb),
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_EXECUTION_ENV: `AWS_Lambda_nodejs${lambdaNodeMajor}.x`,
        TZ: 'UTC',
        ...environment,
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    for (const stream of [worker.stdout, worker.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => this.log(`[${name}] ${line}`));
    }
    worker.once('exit', () => {
      if (this.worker === worker) this.worker = undefined;
    });
    return worker;
  }

  private invokeNow(event: unknown): Promise<unknown> {
    const worker = (this.worker ??= this.startWorker());
    const requestId = randomUUID();
    const timeoutMs = this.definition.timeoutSeconds * 1_000;
    const deadline = Date.now() + timeoutMs;
    return new Promise((resolve, reject) => {
      const cleanUp = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('exit', onExit);
      };
      const onMessage = (reply: WorkerReply) => {
        if (reply.requestId !== requestId) return;
        cleanUp();
        if (reply.error) {
          this.log(`[${this.definition.name}] invocation ${requestId} failed: ${reply.error.stack ?? reply.error.errorMessage}`);
          reject(new LambdaInvocationError(this.definition.name, reply.error.errorType, reply.error.errorMessage));
        } else {
          resolve(reply.result);
        }
      };
      const onExit = (code: number | null) => {
        cleanUp();
        reject(new LambdaInvocationError(this.definition.name, 'Runtime.ExitError', `process exited with code ${code}`));
      };
      const timer = setTimeout(() => {
        cleanUp();
        void this.stop();
        reject(
          new LambdaInvocationError(this.definition.name, 'Sandbox.Timedout', `timed out after ${this.definition.timeoutSeconds} s`),
        );
      }, timeoutMs);
      worker.on('message', onMessage);
      worker.once('exit', onExit);
      worker.send({ type: 'invoke', requestId, event, deadline });
    });
  }
}

/** Finds the file Lambda's Node runtime would load for `modulePath` (.js, .mjs or .cjs). */
function resolveModuleFile(codeDir: string, modulePath: string): string {
  for (const extension of ['.js', '.mjs', '.cjs']) {
    if (existsSync(path.join(codeDir, modulePath + extension))) return modulePath + extension;
  }
  throw new Error(`Lambda handler module ${modulePath} not found in ${codeDir} (.js, .mjs or .cjs).`);
}
