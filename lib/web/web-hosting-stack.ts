import { Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { statefulRemovalPolicy, type StageConfig } from '../stage-config';
import { StaticSite } from './static-site';

export interface WebHostingStackProps extends StackProps {
  readonly config: StageConfig;
}

/** Sources every page may connect to: the API, Cognito, AppSync (HTTPS and WebSocket) and S3. */
const awsConnectSources = "'self' https://*.amazonaws.com wss://*.amazonaws.com";

/**
 * Content-Security-Policy shared by both apps. Scripts load from the site only.
 * NOTE: styles allow 'unsafe-inline' because no deployed build has been checked against a
 * strict style-src yet.
 */
function contentSecurityPolicy(extraDirectives: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${awsConnectSources}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    'upgrade-insecure-requests',
    ...extraDirectives,
  ].join('; ');
}

/**
 * Buckets and CloudFront distributions of the kiosk and admin-web apps. It has no dependencies,
 * so other stacks can use the sites' origins for CORS; WebContentStack deploys the files.
 */
export class WebHostingStack extends Stack {
  readonly kiosk: StaticSite;
  readonly adminWeb: StaticSite;

  constructor(scope: Construct, id: string, props: WebHostingStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = statefulRemovalPolicy(config);

    // CloudFront standard logging writes with ACLs, so this bucket keeps them enabled for the
    // bucket owner only.
    const logsBucket = new s3.Bucket(this, 'LogsBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(config.logRetentionDays) }],
      removalPolicy,
      autoDeleteObjects: config.removalPolicy === 'destroy',
    });
    Validations.of(logsBucket).acknowledge({ id: 'AwsSolutions-S1', reason: 'This bucket receives the access logs; logging it into itself would loop.' });

    this.kiosk = new StaticSite(this, 'Kiosk', {
      appName: 'kiosk',
      contentSecurityPolicy: contentSecurityPolicy(["media-src 'self' blob: mediastream:"]),
      permissionsPolicy: 'camera=(self), microphone=(), geolocation=(), payment=()',
      logsBucket,
      customDomain: config.webDomains && {
        domainName: config.webDomains.kioskDomainName,
        certificateArn: config.webDomains.certificateArn,
      },
      removalPolicy,
    });

    this.adminWeb = new StaticSite(this, 'AdminWeb', {
      appName: 'admin-web',
      contentSecurityPolicy: contentSecurityPolicy([]),
      permissionsPolicy: 'camera=(), microphone=(), geolocation=(), payment=()',
      logsBucket,
      customDomain: config.webDomains && {
        domainName: config.webDomains.adminDomainName,
        certificateArn: config.webDomains.certificateArn,
      },
      removalPolicy,
    });
  }
}
