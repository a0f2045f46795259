import { resolveStageConfig } from '../../lib/stage-config';
import { cdkJsonContext } from './synthesized-stage';

const stages = cdkJsonContext.stages;

describe('resolveStageConfig', () => {
  test('unknown stage lists valid stages', () => {
    expect(() => resolveStageConfig(stages, 'qa', {})).toThrow('Unknown stage "qa": valid stages are dev, stg, prod.');
  });

  test('missing stage lists valid stages', () => {
    expect(() => resolveStageConfig(stages, undefined, {})).toThrow(
      'Missing stage: pass -c stage=NAME, where NAME is one of: dev, stg, prod.',
    );
  });

  test('every stage in cdk.json is valid', () => {
    for (const stage of ['dev', 'stg', 'prod']) {
      expect(resolveStageConfig(stages, stage, {}).name).toBe(stage);
    }
  });

  test('region defaults to Tokyo', () => {
    const config = resolveStageConfig(stages, 'dev', {});
    expect(config.region).toBe('ap-northeast-1');
    expect(config.account).toBeUndefined();
  });

  test('CLI fallback region is ignored', () => {
    expect(resolveStageConfig(stages, 'dev', { CDK_DEFAULT_REGION: 'us-east-1' }).region).toBe('ap-northeast-1');
  });

  test('account and region come from the environment', () => {
    const config = resolveStageConfig(stages, 'prod', { CDK_DEFAULT_ACCOUNT: '111122223333', AWS_REGION: 'ap-northeast-3' });
    expect(config.account).toBe('111122223333');
    expect(config.region).toBe('ap-northeast-3');
  });

  test('from address outside sender domain is rejected', () => {
    const invalid = {
      dev: { mailSenderDomain: 'mail.example.jp', mailFromAddress: 'no-reply@other.example.jp', removalPolicy: 'destroy', logRetentionDays: 14 },
    };
    expect(() => resolveStageConfig(invalid, 'dev', {})).toThrow('mailFromAddress: mailFromAddress must be an address at mailSenderDomain');
  });

  test('unsupported log retention is rejected', () => {
    const invalid = {
      dev: { mailSenderDomain: 'mail.example.jp', mailFromAddress: 'no-reply@mail.example.jp', removalPolicy: 'destroy', logRetentionDays: 10 },
    };
    expect(() => resolveStageConfig(invalid, 'dev', {})).toThrow(/logRetentionDays: must be one of the CloudWatch Logs retention periods/);
  });

  test('unknown setting is rejected', () => {
    const invalid = {
      dev: { mailSenderDomain: 'mail.example.jp', mailFromAddress: 'no-reply@mail.example.jp', removalPolicy: 'destroy', logRetentionDays: 14, region: 'us-east-1' },
    };
    expect(() => resolveStageConfig(invalid, 'dev', {})).toThrow(/Invalid settings for stage "dev"/);
  });

  test('missing stages context is explained', () => {
    expect(() => resolveStageConfig(undefined, 'dev', {})).toThrow('Missing context "stages" in cdk.json');
  });
});
