import path from 'node:path';
import type { AssemblyStack, CfnResource, IntrinsicResolver } from '../cloud-assembly';
import type { LambdaFunctionDefinition } from './lambda-function';

/**
 * Builds the local definition of a synthesized AWS::Lambda::Function: its bundled code from the
 * `aws:asset:path` metadata, its handler, timeout and memory, and its Environment.Variables
 * resolved to local names, merged with `runtimeEnvironment` (endpoints, region, credentials).
 * The function's own variables win, as they would in a deployed function.
 */
export function lambdaDefinitionFromAssembly(
  stack: AssemblyStack,
  logicalId: string,
  resolver: IntrinsicResolver,
  runtimeEnvironment: Readonly<Record<string, string>>,
): LambdaFunctionDefinition {
  const resource: CfnResource | undefined = stack.template.Resources?.[logicalId];
  if (resource?.Type !== 'AWS::Lambda::Function') {
    throw new Error(`${logicalId} in stack ${stack.stackName} is not an AWS::Lambda::Function.`);
  }
  const props = resource.Properties ?? {};
  const assetPath = resource.Metadata?.['aws:asset:path'];
  if (typeof assetPath !== 'string') {
    throw new Error(
      `Function ${logicalId} in stack ${stack.stackName} has no aws:asset:path metadata: keep asset metadata on when synthesizing.`,
    );
  }
  const variables = ((props.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {});
  const functionEnvironment: Record<string, string> = {};
  for (const [name, value] of Object.entries(variables)) {
    // A variable the local runner sets itself (such as the local admin-web URL) replaces the
    // deployed value, which may name a resource with no local counterpart.
    if (name in runtimeEnvironment) continue;
    functionEnvironment[name] = resolver.resolveString(stack, value, `${logicalId}.Environment.Variables.${name}`);
  }
  return {
    name: `${stack.stackName}-${logicalId}`,
    codeDir: path.resolve(stack.assemblyDir, assetPath),
    handler: typeof props.Handler === 'string' ? props.Handler : 'index.handler',
    environment: { ...runtimeEnvironment, ...functionEnvironment },
    timeoutSeconds: typeof props.Timeout === 'number' ? props.Timeout : 3,
    memoryMb: typeof props.MemorySize === 'number' ? props.MemorySize : 128,
  };
}

/** Returns the logical id of the function an integration URI or event source mapping targets. */
export function functionLogicalIdOf(stack: AssemblyStack, value: unknown, where: string): string {
  const isFunction = (id: string) => stack.template.Resources?.[id]?.Type === 'AWS::Lambda::Function';
  const found = collectReferences(value).find(isFunction);
  if (!found) throw new Error(`${where} in stack ${stack.stackName} does not reference a Lambda function of that stack.`);
  return found;
}

/** Logical ids named by every Ref and Fn::GetAtt inside a template value. */
function collectReferences(value: unknown): string[] {
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap(collectReferences);
  const record = value as Record<string, unknown>;
  const own: string[] = [];
  if (typeof record.Ref === 'string') own.push(record.Ref);
  const getAtt = record['Fn::GetAtt'];
  if (Array.isArray(getAtt)) own.push(String(getAtt[0]));
  if (typeof getAtt === 'string') own.push(getAtt.split('.')[0]);
  return [...own, ...Object.values(record).flatMap(collectReferences)];
}
