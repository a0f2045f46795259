import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { AssetHashType, DockerImage, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { acknowledgeWildcardFindings } from '../nag-acknowledgements';
import type { StageConfig } from '../stage-config';
import type { StaticSite } from './static-site';

/** The `/config.json` that both apps load at start. The local runner serves the same shape. */
export interface FrontEndConfig {
  readonly stage: string;
  readonly region: string;
  readonly apiUrl: string;
  readonly graphqlUrl: string;
  readonly userPoolId: string;
  readonly userPoolClientId: string;
}

export interface WebAppDeployment {
  readonly site: StaticSite;
  /** App folder relative to `sourceRoot`, holding `vite.config.mts`. */
  readonly appDirectory: string;
  readonly frontEndConfig: FrontEndConfig;
}

export interface WebContentStackProps extends StackProps {
  readonly config: StageConfig;
  /** Repository root, where `npx vite` resolves. */
  readonly sourceRoot: string;
  readonly kiosk: WebAppDeployment;
  readonly adminWeb: WebAppDeployment;
}

/**
 * Builds the two apps with Vite during synthesis and deploys each with its `config.json` into
 * its site bucket, then invalidates the distribution.
 *
 * The build runs as a local bundling step of the asset, so `cdk synth` works on a clean clone
 * without `dist/` folders. Synthesis skips it when this stack is left out of the context value
 * `aws:cdk:bundling-stacks`, which is how the local runner synthesizes quickly.
 */
export class WebContentStack extends Stack {
  constructor(scope: Construct, id: string, props: WebContentStackProps) {
    super(scope, id, props);

    this.deploy('Kiosk', props.kiosk, props.sourceRoot);
    this.deploy('AdminWeb', props.adminWeb, props.sourceRoot);

    this.acknowledgeDeploymentHandlerFindings();
  }

  /** Acknowledges the cdk-nag findings of the handler that aws-cdk-lib creates once per stack for every BucketDeployment. */
  private acknowledgeDeploymentHandlerFindings(): void {
    const handler = this.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (!handler) throw new Error('The BucketDeployment handler was not found in the web content stack.');

    Validations.of(handler).acknowledge(
      {
        id: 'AwsSolutions-L1',
        reason: 'The BucketDeployment handler runtime is chosen by aws-cdk-lib, not by this project.',
      },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'The BucketDeployment handler only uses AWSLambdaBasicExecutionRole to write its own logs.',
      },
    );
    acknowledgeWildcardFindings(
      handler,
      'BucketDeployment copies every object of the staged asset into the site buckets and invalidates their distributions; aws-cdk-lib scopes these grants to the asset bucket and the two site buckets.',
    );
  }

  private deploy(id: string, app: WebAppDeployment, sourceRoot: string): void {
    const appPath = path.join(sourceRoot, app.appDirectory);
    const configFileName = 'config.json';

    // The app build: hashed file names change with content, so the default caching is safe.
    new s3deploy.BucketDeployment(this, `${id}Files`, {
      sources: [
        s3deploy.Source.asset(appPath, {
          assetHashType: AssetHashType.OUTPUT,
          bundling: {
            // Never pulled: the local bundling step below always runs instead.
            image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:20'),
            local: {
              tryBundle(outputDir: string): boolean {
                execFileSync(
                  'npx',
                  ['--no-install', 'vite', 'build', '--config', path.join(appPath, 'vite.config.mts'), '--outDir', outputDir, '--emptyOutDir'],
                  { cwd: sourceRoot, stdio: ['ignore', 'ignore', 'inherit'] },
                );
                return true;
              },
            },
          },
        }),
      ],
      destinationBucket: app.site.bucket,
      distribution: app.site.distribution,
      distributionPaths: ['/*'],
      // Leaves config.json alone, which the deployment below owns.
      exclude: [configFileName],
      prune: true,
    });

    // The configuration changes on every deploy of the back end and must never be cached.
    new s3deploy.BucketDeployment(this, `${id}Config`, {
      sources: [s3deploy.Source.jsonData(configFileName, app.frontEndConfig)],
      destinationBucket: app.site.bucket,
      distribution: app.site.distribution,
      distributionPaths: [`/${configFileName}`],
      cacheControl: [s3deploy.CacheControl.noCache()],
      prune: false,
    });
  }
}
