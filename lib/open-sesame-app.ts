import * as path from 'node:path';
import { Tags, type App, type Environment } from 'aws-cdk-lib';
import { ApiStack } from './api/api-stack';
import { AuthStack } from './auth/auth-stack';
import { DataStack } from './data/data-stack';
import { auditTable, directoryTable, registerTable } from './data/tables';
import { MailStack } from './mail/mail-stack';
import type { StageConfig } from './stage-config';
import { SyncStack } from './sync/sync-stack';
import { acknowledgeSyncStackFindings } from './sync-stack-findings';
import { WebContentStack } from './web/web-content-stack';
import { WebHostingStack } from './web/web-hosting-stack';

/** Repository root: handler entries and the web apps are resolved against it. */
export const repositoryRoot = path.resolve(__dirname, '..');

export interface OpenSesameStacks {
  readonly auth: AuthStack;
  readonly webHosting: WebHostingStack;
  readonly data: DataStack;
  readonly mail: MailStack;
  readonly sync: SyncStack;
  readonly api: ApiStack;
  readonly webContent: WebContentStack;
}

/** Name of a stage's stack, e.g. `OpenSesame-dev-Data`, so that several stages fit in one account. */
export function stackName(config: StageConfig, concern: string): string {
  return `OpenSesame-${config.name}-${concern}`;
}

/**
 * Adds every stack of one stage to the app. Stack construct ids equal the stack names, so
 * `aws:cdk:bundling-stacks` patterns and `cdk deploy` selectors use the same names.
 */
export function addOpenSesameStacks(app: App, config: StageConfig, sourceRoot = repositoryRoot): OpenSesameStacks {
  const env: Environment = { account: config.account, region: config.region };
  const stackProps = (concern: string) => ({
    env,
    stackName: stackName(config, concern),
    description: `OPEN SESAME! ${config.name}: ${concern}`,
  });

  const auth = new AuthStack(app, stackName(config, 'Auth'), { ...stackProps('Auth'), config });
  const webHosting = new WebHostingStack(app, stackName(config, 'Web'), { ...stackProps('Web'), config });
  const data = new DataStack(app, stackName(config, 'Data'), {
    ...stackProps('Data'),
    config,
    kioskOrigin: webHosting.kiosk.origin,
  });
  const mail = new MailStack(app, stackName(config, 'Mail'), { ...stackProps('Mail'), config });
  const sync = new SyncStack(app, stackName(config, 'Sync'), {
    ...stackProps('Sync'),
    stage: config.name,
    userPool: auth.userPool,
    directoryTable: data.table(directoryTable),
    logRetentionDays: config.logRetentionDays,
  });
  acknowledgeSyncStackFindings(sync);

  const api = new ApiStack(app, stackName(config, 'Api'), {
    ...stackProps('Api'),
    config,
    sourceRoot,
    resources: {
      directoryTable: data.table(directoryTable),
      registerTable: data.table(registerTable),
      auditTable: data.table(auditTable),
      imagesBucket: data.imagesBucket,
      piiKey: data.tenantKeys,
      kioskSealingKey: data.kioskSealingKey,
      userPool: auth.userPool,
      mail: { identity: mail.identity, configurationSet: mail.configurationSet, fromAddress: mail.fromAddress },
      adminWebUrl: webHosting.adminWeb.origin,
      supportAddress: config.supportAddress ?? `support@${config.mailSenderDomain}`,
      checkInTable: sync.checkInTable,
    },
    userPool: auth.userPool,
    adminWebClient: auth.adminWebClient,
    kioskClient: auth.kioskClient,
    checkInTable: sync.checkInTable,
    webOrigins: [webHosting.kiosk.origin, webHosting.adminWeb.origin],
  });

  const sharedFrontEndConfig = {
    stage: config.name,
    region: config.region,
    apiUrl: api.apiUrl,
    graphqlUrl: sync.graphqlUrl,
    userPoolId: auth.userPool.userPoolId,
  };
  const webContent = new WebContentStack(app, stackName(config, 'WebContent'), {
    ...stackProps('WebContent'),
    config,
    sourceRoot,
    kiosk: {
      site: webHosting.kiosk,
      appDirectory: 'kiosk',
      frontEndConfig: { ...sharedFrontEndConfig, userPoolClientId: auth.kioskClient.userPoolClientId },
    },
    adminWeb: {
      site: webHosting.adminWeb,
      appDirectory: 'admin-web',
      frontEndConfig: { ...sharedFrontEndConfig, userPoolClientId: auth.adminWebClient.userPoolClientId },
    },
  });

  Tags.of(app).add('project', 'open-sesame');
  Tags.of(app).add('stage', config.name);

  return { auth, webHosting, data, mail, sync, api, webContent };
}
