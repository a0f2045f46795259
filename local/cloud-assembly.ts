import { readFileSync } from 'node:fs';
import path from 'node:path';
import { localRegion } from './ports';

import { localAccountId } from './cdk-out';

export { localAccountId };

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
}

export interface CfnTemplate {
  readonly Resources?: Record<string, CfnResource>;
  readonly Outputs?: Record<string, { Value: unknown; Export?: { Name: unknown } }>;
  readonly Parameters?: Record<string, { Default?: unknown }>;
}

/** One top-level stack of a synthesized cloud assembly. */
export interface AssemblyStack {
  /** Artifact id in manifest.json; local/cdk-out.ts names stacks by it (`LocalTable.stackId`). */
  readonly artifactId: string;
  readonly stackName: string;
  readonly template: CfnTemplate;
  /** Directory of the assembly that holds the template and its assets. */
  readonly assemblyDir: string;
}

interface ManifestArtifact {
  type: string;
  properties?: { templateFile?: string; stackName?: string; directoryName?: string };
}

/**
 * Reads every top-level CloudFormation stack of a cdk.out directory, following nested cloud
 * assemblies (CDK stages). Nested CloudFormation stacks (AWS::CloudFormation::Stack) are not
 * expanded here; local/cdk-out.ts does that for the AppSync stack.
 */
export function readAssemblyStacks(cdkOutDir: string): AssemblyStack[] {
  const manifestPath = path.join(cdkOutDir, 'manifest.json');
  let manifest: { artifacts?: Record<string, ManifestArtifact> };
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read ${manifestPath}: run \`npx cdk synth -q -c stage=dev\` first.`, {
      cause: error,
    });
  }
  const stacks: AssemblyStack[] = [];
  for (const [artifactId, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type === 'aws:cloudformation:stack' && artifact.properties?.templateFile) {
      const templatePath = path.join(cdkOutDir, artifact.properties.templateFile);
      stacks.push({
        artifactId,
        stackName: artifact.properties.stackName ?? artifactId,
        template: JSON.parse(readFileSync(templatePath, 'utf8')) as CfnTemplate,
        assemblyDir: cdkOutDir,
      });
    }
    if (artifact.type === 'cdk:cloud-assembly' && artifact.properties?.directoryName) {
      stacks.push(...readAssemblyStacks(path.join(cdkOutDir, artifact.properties.directoryName)));
    }
  }
  return stacks;
}

/** Every resource of the given type across the stacks, with the stack it belongs to. */
export function findResources(
  stacks: readonly AssemblyStack[],
  type: string,
): { stack: AssemblyStack; logicalId: string; resource: CfnResource }[] {
  return stacks.flatMap((stack) =>
    Object.entries(stack.template.Resources ?? {})
      .filter(([, resource]) => resource.Type === type)
      .map(([logicalId, resource]) => ({ stack, logicalId, resource })),
  );
}

/**
 * Returns the local physical value of a resource's Ref (attribute undefined) or Fn::GetAtt, or
 * undefined when the local system has no counterpart for it.
 */
export type PhysicalValueLookup = (reference: {
  stackName: string;
  logicalId: string;
  resourceType: string;
  attribute?: string;
}) => string | undefined;

/**
 * Resolves the CloudFormation intrinsics that CDK emits for environment values and authorizer
 * settings: Ref, Fn::GetAtt, Fn::ImportValue (through the exports of the other stacks),
 * Fn::Join, Fn::Select, Fn::Split, Fn::Sub without a variable map, pseudo parameters and
 * parameter defaults. Throws with the path of a value it cannot resolve.
 */
export class IntrinsicResolver {
  private readonly exportsByName = new Map<string, { stack: AssemblyStack; value: unknown }>();

  constructor(
    private readonly stacks: readonly AssemblyStack[],
    private readonly lookup: PhysicalValueLookup,
  ) {
    for (const stack of stacks) {
      for (const output of Object.values(stack.template.Outputs ?? {})) {
        if (output.Export) {
          const name = this.resolve(stack, output.Export.Name, 'Export.Name');
          this.exportsByName.set(String(name), { stack, value: output.Value });
        }
      }
    }
  }

  resolveString(stack: AssemblyStack, value: unknown, where: string): string {
    const resolved = this.resolve(stack, value, where);
    if (typeof resolved !== 'string' && typeof resolved !== 'number' && typeof resolved !== 'boolean') {
      throw new Error(`${where} in stack ${stack.stackName} does not resolve to a string.`);
    }
    return String(resolved);
  }

  resolve(stack: AssemblyStack, value: unknown, where: string): unknown {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((item, i) => this.resolve(stack, item, `${where}[${i}]`));
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length !== 1 || !(entries[0][0] === 'Ref' || entries[0][0].startsWith('Fn::'))) {
      return Object.fromEntries(entries.map(([k, v]) => [k, this.resolve(stack, v, `${where}.${k}`)]));
    }
    const [fn, argument] = entries[0];
    switch (fn) {
      case 'Ref':
        return this.resolveReference(stack, String(argument), undefined, where);
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = Array.isArray(argument)
          ? (argument as string[])
          : String(argument).split(/\.(.+)/);
        return this.resolveReference(stack, logicalId, attribute, where);
      }
      case 'Fn::ImportValue': {
        const name = this.resolveString(stack, argument, where);
        const exported = this.exportsByName.get(name);
        if (!exported) throw new Error(`${where}: no stack exports ${name}.`);
        return this.resolve(exported.stack, exported.value, `${where} (export ${name})`);
      }
      case 'Fn::Join': {
        const [separator, parts] = argument as [string, unknown[]];
        const resolvedParts = this.resolve(stack, parts, where) as unknown[];
        return resolvedParts.map(String).join(separator);
      }
      case 'Fn::Select': {
        const [index, list] = argument as [unknown, unknown];
        return (this.resolve(stack, list, where) as unknown[])[Number(this.resolve(stack, index, where))];
      }
      case 'Fn::Split': {
        const [separator, source] = argument as [string, unknown];
        return this.resolveString(stack, source, where).split(separator);
      }
      case 'Fn::Sub': {
        if (typeof argument !== 'string') throw new Error(`${where}: Fn::Sub with a variable map is not supported locally.`);
        return argument.replace(/\$\{([^}!]+)\}/g, (_, name: string) => {
          const [logicalId, attribute] = name.split(/\.(.+)/);
          return String(this.resolveReference(stack, logicalId, attribute, where));
        });
      }
      default:
        throw new Error(`${where} in stack ${stack.stackName} uses ${fn}, which the local runner does not resolve.`);
    }
  }

  private resolveReference(
    stack: AssemblyStack,
    logicalId: string,
    attribute: string | undefined,
    where: string,
  ): unknown {
    const pseudo: Record<string, string> = {
      'AWS::Region': localRegion,
      'AWS::AccountId': localAccountId,
      'AWS::Partition': 'aws',
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::StackName': stack.stackName,
      'AWS::NoValue': '',
    };
    if (attribute === undefined && logicalId in pseudo) return pseudo[logicalId];
    const parameter = stack.template.Parameters?.[logicalId];
    if (attribute === undefined && parameter) return parameter.Default;
    const resource = stack.template.Resources?.[logicalId];
    if (!resource) throw new Error(`${where}: ${logicalId} is not a resource of stack ${stack.stackName}.`);
    const physical = this.lookup({ stackName: stack.stackName, logicalId, resourceType: resource.Type, attribute });
    if (physical === undefined) {
      const target = attribute ? `${logicalId}.${attribute}` : logicalId;
      throw new Error(
        `${where}: the local system has no counterpart for ${target} (${resource.Type}) in stack ${stack.stackName}.`,
      );
    }
    return physical;
  }
}
