import * as fs from 'node:fs';
import * as path from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { synthesizeStage } from './synthesized-stage';

const web = () => synthesizeStage('dev').template('webHosting');
const webContent = () => synthesizeStage('dev').template('webContent');

describe('web hosting', () => {
  test('both distributions use origin access control', () => {
    web().resourceCountIs('AWS::CloudFront::OriginAccessControl', 2);
    const distributions = Object.values(web().findResources('AWS::CloudFront::Distribution'));
    expect(distributions).toHaveLength(2);
    for (const distribution of distributions) {
      const [origin] = distribution.Properties.DistributionConfig.Origins;
      expect(origin.OriginAccessControlId).toBeDefined();
      expect(origin.S3OriginConfig.OriginAccessIdentity).toBe('');
    }
  });

  test('site buckets accept only CloudFront', () => {
    web().resourcePropertiesCountIs(
      'AWS::S3::BucketPolicy',
      {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' }),
          ]),
        },
      },
      2,
    );
  });

  test('distributions serve the security headers', () => {
    const distributions = Object.values(web().findResources('AWS::CloudFront::Distribution'));
    for (const distribution of distributions) {
      const behavior = distribution.Properties.DistributionConfig.DefaultCacheBehavior;
      expect(behavior.ResponseHeadersPolicyId).toEqual({ Ref: expect.stringMatching(/SecurityHeaders/) });
      expect(behavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    }
  });

  test('headers policy sets security headers', () => {
    web().resourcePropertiesCountIs(
      'AWS::CloudFront::ResponseHeadersPolicy',
      {
        ResponseHeadersPolicyConfig: Match.objectLike({
          SecurityHeadersConfig: {
            ContentSecurityPolicy: {
              ContentSecurityPolicy: Match.stringLikeRegexp("frame-ancestors 'none'"),
              Override: true,
            },
            StrictTransportSecurity: { AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Override: true },
            ContentTypeOptions: { Override: true },
            FrameOptions: { FrameOption: 'DENY', Override: true },
            ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
          },
        }),
      },
      2,
    );
  });

  test('only the kiosk may use the camera', () => {
    const policies = Object.values(web().findResources('AWS::CloudFront::ResponseHeadersPolicy')).map(
      (policy) => policy.Properties.ResponseHeadersPolicyConfig.CustomHeadersConfig.Items[0].Value as string,
    );
    expect(policies.sort()).toEqual([expect.stringMatching(/^camera=\(\),/), expect.stringMatching(/^camera=\(self\),/)]);
  });

  test('unknown paths fall back to index.html', () => {
    for (const distribution of Object.values(web().findResources('AWS::CloudFront::Distribution'))) {
      expect(distribution.Properties.DistributionConfig.CustomErrorResponses).toEqual([
        expect.objectContaining({ ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html' }),
        expect.objectContaining({ ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/index.html' }),
      ]);
    }
  });

  test('site buckets block public access', () => {
    for (const bucket of Object.values(web().findResources('AWS::S3::Bucket'))) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
    }
  });
});

describe('web content', () => {
  test('writes config.json for each app', () => {
    const { outdir } = synthesizeStage('dev');
    const deployments = Object.values(webContent().findResources('Custom::CDKBucketDeployment'));
    const configDeployments = deployments.filter((deployment) => deployment.Properties.Prune === false);
    expect(configDeployments).toHaveLength(2);

    for (const deployment of configDeployments) {
      expect(deployment.Properties.SystemMetadata).toEqual({ 'cache-control': 'no-cache' });
      const imports = JSON.stringify(deployment.Properties.SourceMarkers);
      for (const exported of ['HttpApi', 'GraphQLUrl', 'ExportsOutputRefUserPool6', 'Client']) expect(imports).toContain(exported);

      const [objectKey] = deployment.Properties.SourceObjectKeys as string[];
      const staged = path.join(outdir, `asset.${objectKey.replace(/\.zip$/, '')}`, 'config.json');
      const frontEndConfig = JSON.parse(fs.readFileSync(staged, 'utf8').replace(/<<marker:0xbaba:\d+>>/g, 'token'));
      expect(Object.keys(frontEndConfig).sort()).toEqual(['apiUrl', 'graphqlUrl', 'region', 'stage', 'userPoolClientId', 'userPoolId']);
      expect(frontEndConfig).toMatchObject({ stage: 'dev', region: 'ap-northeast-1' });
    }
  });

  test('app files leave config.json alone', () => {
    const deployments = Object.values(webContent().findResources('Custom::CDKBucketDeployment'));
    const fileDeployments = deployments.filter((deployment) => deployment.Properties.Prune !== false);
    expect(fileDeployments).toHaveLength(2);
    for (const deployment of fileDeployments) expect(deployment.Properties.Exclude).toEqual(['config.json']);
  });
});
