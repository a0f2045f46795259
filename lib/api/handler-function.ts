import * as path from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { StageConfig } from '../stage-config';
import { handlerEsbuildOptions, handlerMainFields, handlerSupportedSyntax, lazyCredentialProviders } from './handler-bundling';
import type { BundledFile } from './routes';

export interface HandlerFunctionProps {
  readonly config: StageConfig;
  /** Repository root that `entry` and package-lock.json are resolved against. */
  readonly sourceRoot: string;
  /** Handler source relative to `sourceRoot`, exporting `handler`. */
  readonly entry: string;
  readonly description: string;
  /** @default 10 seconds, below the 30-second limit of an API Gateway integration */
  readonly timeout?: Duration;
  /** @default 512 MB */
  readonly memorySize?: number;
  /**
   * Files copied next to the bundle, such as a font the handler reads at run time.
   * @default none
   */
  readonly bundledFiles?: readonly BundledFile[];
  /**
   * Replacement files, relative to `sourceRoot`, keyed by the import path that esbuild resolves
   * to them. Meant for code of a dependency that the handler never runs, such as the decoder of
   * a font format it never opens.
   * @default none
   */
  readonly moduleReplacements?: Readonly<Record<string, string>>;
  /**
   * Node.js options passed as `NODE_OPTIONS`, such as a V8 heap limit.
   * @default none
   */
  readonly nodeOptions?: string;
}

/** Value of `POWERTOOLS_SERVICE_NAME` for every handler. Logs tell handlers apart by function name. */
export const powertoolsServiceName = 'open-sesame';

/**
 * A product Lambda handler with the settings every handler shares: Node.js 24 on arm64, a
 * minified esbuild bundle that includes AWS SDK v3, with source maps, X-Ray tracing, its own log
 * group with the stage's retention, and Powertools Logger configured not to log events.
 *
 * Environment values are literals here; `bindResource` adds one variable per resource. The
 * local runner reads both from the synthesized template, so keep them plain values or
 * references to resources.
 */
export class HandlerFunction extends Construct {
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);
    const { config } = props;

    const logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: config.logRetentionDays,
      removalPolicy: config.removalPolicy === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(props.sourceRoot, props.entry),
      handler: 'handler',
      projectRoot: props.sourceRoot,
      depsLockFilePath: path.join(props.sourceRoot, 'package-lock.json'),
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      bundling: {
        minify: true,
        sourceMap: true,
        target: handlerEsbuildOptions.target,
        format: OutputFormat.CJS,
        // AWS SDK v3 is bundled and tree-shaken at the version in package-lock.json instead of
        // loaded from the runtime's copy, as the AWS Developer Tools Blog recommends for cold
        // starts ("Reduce Lambda cold start times: migrate to AWS SDK for JavaScript v3").
        // bench/README.md has the measured effect.
        mainFields: [...handlerMainFields],
        externalModules: [...lazyCredentialProviders],
        // NOTE: the replacement paths are absolute paths on this machine, so they work with local
        // bundling only. That is what runs whenever esbuild (a devDependency) is installed.
        esbuildArgs: {
          ...Object.fromEntries(
            Object.entries(handlerSupportedSyntax).map(([feature, supported]) => [`--supported:${feature}`, String(supported)]),
          ),
          ...(props.moduleReplacements
            ? {
                '--alias': Object.entries(props.moduleReplacements).map(
                  ([importPath, file]) => `${importPath}=${path.join(props.sourceRoot, file)}`,
                ),
              }
            : {}),
        },
        commandHooks: props.bundledFiles?.length
          ? {
              beforeBundling: () => [],
              beforeInstall: () => [],
              afterBundling: (inputDir, outputDir) =>
                (props.bundledFiles ?? []).map((file) => `cp "${path.join(inputDir, file.source)}" "${path.join(outputDir, file.name)}"`),
            }
          : undefined,
      },
      environment: {
        STAGE: config.name,
        POWERTOOLS_SERVICE_NAME: powertoolsServiceName,
        POWERTOOLS_LOGGER_LOG_EVENT: 'false',
        ...(props.nodeOptions ? { NODE_OPTIONS: props.nodeOptions } : {}),
      },
    });

    // Validations.of(construct) covers the function's role and policy, which are its children.
    Validations.of(this.function).acknowledge(
      {
        id: 'AwsSolutions-L1',
        reason:
          'Handlers run on nodejs24.x, the Node.js LTS that the local runner also runs them on (lambda-node.ts); nodejs26.x is newer but not yet what the local runner and the tests use.',
      },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          'AWSLambdaBasicExecutionRole only lets the function write to its CloudWatch log group; resource access is granted per resource by bindResource.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level permissions.',
      },
    );
  }
}
