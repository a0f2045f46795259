import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface StaticSiteProps {
  /** Human-readable app name for descriptions, e.g. `kiosk`. */
  readonly appName: string;
  /** Content-Security-Policy of every response. */
  readonly contentSecurityPolicy: string;
  /** Permissions-Policy of every response, e.g. `camera=(self)`. */
  readonly permissionsPolicy: string;
  /** Bucket for S3 server access logs and CloudFront standard logs. CloudFront writes with ACLs, so it must allow them. */
  readonly logsBucket: s3.IBucket;
  /** Custom domain and its us-east-1 certificate. Without one, the site is served on the CloudFront domain. */
  readonly customDomain?: { readonly domainName: string; readonly certificateArn: string };
  readonly removalPolicy: RemovalPolicy;
}

/**
 * A single-page app served by CloudFront from a private S3 bucket through origin access
 * control, with security headers on every response. Unknown paths return index.html.
 */
export class StaticSite extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** `https://host` of the site, for CORS rules and the front-end configuration. */
  readonly origin: string;

  constructor(scope: Construct, id: string, props: StaticSiteProps) {
    super(scope, id);

    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.logsBucket,
      serverAccessLogsPrefix: `${props.appName}-bucket/`,
      removalPolicy: props.removalPolicy,
      autoDeleteObjects: props.removalPolicy === RemovalPolicy.DESTROY,
    });

    const securityHeaders = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: `OPEN SESAME! ${props.appName} security headers`,
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: props.contentSecurityPolicy, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [{ header: 'Permissions-Policy', value: props.permissionsPolicy, override: true }],
      },
    });

    const certificate = props.customDomain
      ? acm.Certificate.fromCertificateArn(this, 'Certificate', props.customDomain.certificateArn)
      : undefined;

    // A client-side route such as /register/123 is no object in the bucket, so S3 returns 403
    // through OAC (404 if listing were allowed). Both are served as the app shell.
    const spaFallback = (httpStatus: number): cloudfront.ErrorResponse => ({
      httpStatus,
      responseHttpStatus: 200,
      responsePagePath: '/index.html',
      ttl: Duration.seconds(0),
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `OPEN SESAME! ${props.appName}`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        compress: true,
      },
      errorResponses: [spaFallback(403), spaFallback(404)],
      domainNames: props.customDomain ? [props.customDomain.domainName] : undefined,
      certificate,
      // Only a custom certificate lets CloudFront enforce a minimum TLS version.
      minimumProtocolVersion: certificate ? cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021 : undefined,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      // Price class 200 includes the edge locations in Japan, where guests and operators are.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_200,
      enableLogging: true,
      logBucket: props.logsBucket,
      logFilePrefix: `${props.appName}-cdn/`,
    });

    this.origin = `https://${props.customDomain?.domainName ?? this.distribution.distributionDomainName}`;

    const suppressions = [
      {
        id: 'AwsSolutions-CFR1',
        reason: 'Guests are travellers from any country; a geo restriction would lock out the people the kiosk serves.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason: 'The sites serve static files only; a WAF web ACL is planned with the platform hardening work and is not in this stack yet.',
      },
    ];
    if (!props.customDomain) {
      suppressions.push({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain CloudFront serves its default *.cloudfront.net certificate, whose minimum TLS version cannot be set; configure webDomains to get TLSv1.2_2021.',
      });
    }
    Validations.of(this.distribution).acknowledge(...suppressions);
  }
}
