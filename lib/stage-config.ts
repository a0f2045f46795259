import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { z } from 'zod';

const domainName = z
  .string()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a lower-case DNS name');

/** Retention periods that CloudWatch Logs accepts, in days. */
const cloudWatchRetentionDays = Object.values(RetentionDays).filter(
  (days): days is RetentionDays => typeof days === 'number' && days > 0,
);

/** Custom domain names for the two web apps, served by CloudFront with an ACM certificate. */
const webDomainsSchema = z
  .object({
    kioskDomainName: domainName,
    adminDomainName: domainName,
    /** ACM certificate in us-east-1 covering both names, as CloudFront requires. */
    certificateArn: z.string().regex(/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/, 'must be an ACM certificate ARN in us-east-1'),
  })
  .strict();

/** One entry of `stages` in the cdk.json context. */
export const stageSettingsSchema = z
  .object({
    /** Domain verified in SES, from which notification mail is sent. */
    mailSenderDomain: domainName,
    /** From address of notification mail, at `mailSenderDomain`. */
    mailFromAddress: z.string().email(),
    /**
     * Address to which admin-web's support form mails head-office users' requests.
     * @default `support@` the mail sender domain
     */
    supportAddress: z.string().email().optional(),
    /** `retain` keeps tables, keys, buckets and the user pool when a stack is deleted. */
    removalPolicy: z.enum(['retain', 'destroy']),
    /** Retention of Lambda, API access and other CloudWatch log groups, in days. */
    logRetentionDays: z
      .number()
      .int()
      .refine((days) => cloudWatchRetentionDays.includes(days), {
        message: `must be one of the CloudWatch Logs retention periods: ${cloudWatchRetentionDays.join(', ')}`,
      }),
    /** Optional custom domains; without them the apps are served on the CloudFront domains. */
    webDomains: webDomainsSchema.optional(),
  })
  .strict()
  .refine((settings) => settings.mailFromAddress.endsWith(`@${settings.mailSenderDomain}`), {
    message: 'mailFromAddress must be an address at mailSenderDomain',
    path: ['mailFromAddress'],
  });

export type StageSettings = z.infer<typeof stageSettingsSchema>;

/** The validated configuration of the stage being synthesized. */
export interface StageConfig extends StageSettings {
  /** Stage name, e.g. `dev`, which prefixes every stack name. */
  readonly name: string;
  /** Account from `CDK_DEFAULT_ACCOUNT`. Without it the app is synthesized environment-agnostic. */
  readonly account: string | undefined;
  /** Region from `AWS_REGION` or `AWS_DEFAULT_REGION`, ap-northeast-1 when neither is set. */
  readonly region: string;
}

export const defaultRegion = 'ap-northeast-1';

/**
 * Selects and validates one stage from the `stages` context of cdk.json.
 * Throws with the list of valid stage names when `stageName` is missing or unknown.
 */
export function resolveStageConfig(
  stages: unknown,
  stageName: unknown,
  environment: NodeJS.ProcessEnv = process.env,
): StageConfig {
  const stageTable = z.record(z.unknown()).safeParse(stages);
  if (!stageTable.success || Object.keys(stageTable.data).length === 0) {
    throw new Error('Missing context "stages" in cdk.json: add an object with one entry per stage (dev, stg, prod).');
  }

  const validNames = Object.keys(stageTable.data);
  if (typeof stageName !== 'string' || stageName === '') {
    throw new Error(`Missing stage: pass -c stage=NAME, where NAME is one of: ${validNames.join(', ')}.`);
  }
  if (!Object.hasOwn(stageTable.data, stageName)) {
    throw new Error(`Unknown stage "${stageName}": valid stages are ${validNames.join(', ')}.`);
  }

  const settings = stageSettingsSchema.safeParse(stageTable.data[stageName]);
  if (!settings.success) {
    const problems = settings.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`Invalid settings for stage "${stageName}" in cdk.json context "stages": ${problems.join('; ')}.`);
  }

  return {
    ...settings.data,
    name: stageName,
    account: environment.CDK_DEFAULT_ACCOUNT,
    // Not CDK_DEFAULT_REGION: the CDK CLI sets it to us-east-1 when no region is configured,
    // which would silently place guest data outside Japan.
    region: environment.AWS_REGION ?? environment.AWS_DEFAULT_REGION ?? defaultRegion,
  };
}

/** Removal policy for stateful resources (tables, keys, buckets, the user pool) of a stage. */
export function statefulRemovalPolicy(config: StageConfig): RemovalPolicy {
  return config.removalPolicy === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
}

/** Returns whether stateful resources (tables, the user pool) get deletion protection. */
export function isDeletionProtected(config: StageConfig): boolean {
  return config.removalPolicy === 'retain';
}
