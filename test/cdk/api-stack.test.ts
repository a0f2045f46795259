import * as fs from 'node:fs';
import * as path from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { resourceEnvironmentVariables } from '../../lib/api/resource-bindings';
import { boundResources, checkInIngest, operationsFunctions, registerExportWorker, routes, scheduledJobs } from '../../lib/api/routes';
import { registerPdfFonts } from '../../lambdas/guest-register/register-pdf-font';
import { synthesizeStage } from './synthesized-stage';

const api = () => synthesizeStage('dev').template('api');

type Resources = Record<string, { Type: string; Properties: Record<string, any> }>;

/** Logical id of the Lambda function behind a route key such as `GET /me`. */
function functionOfRoute(routeKey: string): string {
  const resources = api().toJSON().Resources as Resources;
  const route = Object.values(resources).find(
    (resource) => resource.Type === 'AWS::ApiGatewayV2::Route' && resource.Properties.RouteKey === routeKey,
  );
  if (!route) throw new Error(`No route ${routeKey} in the api stack.`);
  const integrationId = route.Properties.Target['Fn::Join'][1][1].Ref as string;
  return resources[integrationId].Properties.IntegrationUri['Fn::GetAtt'][0] as string;
}

/** IAM statements of the policies attached to the role of a route's function. */
function policyStatementsOfRoute(routeKey: string): { Action: string | string[] }[] {
  const resources = api().toJSON().Resources as Resources;
  const roleId = resources[functionOfRoute(routeKey)].Properties.Role['Fn::GetAtt'][0] as string;
  return Object.values(resources)
    .filter((resource) => resource.Type === 'AWS::IAM::Policy' && resource.Properties.Roles.some((role: { Ref?: string }) => role.Ref === roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as { Action: string | string[] }[]);
}

/** Environment variable names that docs/architecture.md lists for handlers. */
function documentedVariables(): string[] {
  const architecture = fs.readFileSync(path.join(__dirname, '../../docs/architecture.md'), 'utf8');
  const sentence = architecture.match(/Handlers receive table and resource names through environment variables:([^.]+)\./);
  if (!sentence) throw new Error('docs/architecture.md no longer lists the handler environment variables.');
  // The head-office user routes document their own variables in docs/permissions.md.
  const permissions = fs.readFileSync(path.join(__dirname, '../../docs/permissions.md'), 'utf8');
  const userRoutes = permissions.match(/Handlers of the user routes also receive, through environment variables:([^.]+)\./);
  if (!userRoutes) throw new Error('docs/permissions.md no longer lists the variables of the user routes.');
  return [...`${sentence[1]} ${userRoutes[1]}`.matchAll(/`([A-Z_]+)`/g)].map((match) => match[1]);
}

describe('api stack routes', () => {
  test.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))('%s has the expected authorizer', (routeKey, route) => {
    const resources = api().toJSON().Resources as Resources;
    const [httpRoute] = Object.values(resources).filter(
      (resource) => resource.Type === 'AWS::ApiGatewayV2::Route' && resource.Properties.RouteKey === routeKey,
    );
    expect(httpRoute).toBeDefined();

    if (route.auth === 'pairing-code') {
      expect(httpRoute.Properties.AuthorizationType).toBe('NONE');
      expect(httpRoute.Properties.AuthorizerId).toBeUndefined();
      return;
    }
    expect(httpRoute.Properties.AuthorizationType).toBe('JWT');
    const authorizer = resources[httpRoute.Properties.AuthorizerId.Ref];
    expect(authorizer.Type).toBe('AWS::ApiGatewayV2::Authorizer');
    expect(authorizer.Properties.Name).toBe(route.auth === 'operator' ? 'OperatorAuthorizer' : 'DeviceAuthorizer');
  });

  test('pairing is the only unauthorized route', () => {
    const resources = api().toJSON().Resources as Resources;
    const open = Object.values(resources)
      .filter((resource) => resource.Type === 'AWS::ApiGatewayV2::Route' && resource.Properties.AuthorizationType !== 'JWT')
      .map((resource) => resource.Properties.RouteKey);
    expect(open).toEqual(['POST /devices/pair']);
  });

  test('deploys exactly the routes of routes.ts', () => {
    const keys = Object.values(api().findResources('AWS::ApiGatewayV2::Route')).map((route) => route.Properties.RouteKey);
    expect(keys.sort()).toEqual(routes.map((route) => `${route.method} ${route.path}`).sort());
  });

  test('authorizers check issuer and app client', () => {
    api().resourcePropertiesCountIs(
      'AWS::ApiGatewayV2::Authorizer',
      {
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: { Audience: [Match.anyValue()], Issuer: Match.anyValue() },
      },
      2,
    );
  });

  test('CORS allows the two web origins', () => {
    api().hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: [Match.anyValue(), Match.anyValue()] }),
    });
  });

  test('default stage writes access logs', () => {
    api().hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
    });
  });
});

describe('api stack handlers', () => {
  test('share runtime and logging defaults', () => {
    const functions = Object.values(api().findResources('AWS::Lambda::Function', { Properties: { Handler: 'index.handler' } }));
    // Routes, check-in ingest, the register export worker, scheduled jobs and operations functions.
    expect(functions).toHaveLength(routes.length + 2 + scheduledJobs.length + operationsFunctions.length);
    for (const handler of functions) {
      expect(handler.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogGroup: expect.anything() },
      });
      expect(handler.Properties.Environment.Variables).toMatchObject({
        STAGE: 'dev',
        POWERTOOLS_SERVICE_NAME: 'open-sesame',
        POWERTOOLS_LOGGER_LOG_EVENT: 'false',
      });
    }
  });

  test('binding names match documented variables', () => {
    const bound = [...new Set(Object.values(resourceEnvironmentVariables))];
    expect(bound.sort()).toEqual(documentedVariables().filter((name) => name !== 'STAGE').sort());
  });

  test.each(routes.map((route) => [`${route.method} ${route.path}`, boundResources(route)] as const))('%s gets one variable per resource', (routeKey, uses) => {
    const handler = api().toJSON().Resources[functionOfRoute(routeKey)];
    const variables = Object.keys(handler.Properties.Environment.Variables).filter(
      (name) => !['STAGE', 'POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_LOGGER_LOG_EVENT', 'NODE_OPTIONS'].includes(name),
    );
    expect(variables.sort()).toEqual([...new Set(uses.map((resource) => resourceEnvironmentVariables[resource]))].sort());
  });

  test('operator routes may read MFA settings', () => {
    for (const route of routes.filter((candidate) => candidate.auth === 'operator')) {
      const routeKey = `${route.method} ${route.path}`;
      const statements = policyStatementsOfRoute(routeKey);
      expect([routeKey, statements.some((statement) => [statement.Action].flat().includes('cognito-idp:AdminGetUser'))]).toEqual([routeKey, true]);
    }
  });

  test('environment values are literals or plain references', () => {
    const plainReference = expect.stringMatching(/^(Ref|Fn::GetAtt|Fn::ImportValue)$/);
    for (const handler of Object.values(api().findResources('AWS::Lambda::Function'))) {
      for (const value of Object.values(handler.Properties.Environment?.Variables ?? {})) {
        if (typeof value === 'string') continue;
        const [intrinsic] = Object.keys(value as object);
        if (intrinsic !== 'Fn::Join') {
          expect(Object.keys(value as object)).toEqual([plainReference]);
          continue;
        }
        // A join, such as `https://` and a distribution's domain, of literals and plain references.
        const [, parts] = (value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
        for (const part of parts) {
          if (typeof part !== 'string') expect(Object.keys(part as object)).toEqual([plainReference]);
        }
      }
    }
  });

  test('only the retention job may scan', () => {
    const policies = Object.entries(api().findResources('AWS::IAM::Policy'));
    const scanners = policies.filter(([, policy]) => JSON.stringify(policy).includes('dynamodb:Scan')).map(([logicalId]) => logicalId);
    expect(scanners.sort()).toEqual([expect.stringMatching(/^OffboardTenant/), expect.stringMatching(/^PurgeExpiredRegister/)]);
    expect(JSON.stringify(policies)).not.toContain('dynamodb:*');
  });

  test('offboarding scans only the CheckIn table', () => {
    const [, policy] = Object.entries(api().findResources('AWS::IAM::Policy')).find(([logicalId]) => logicalId.startsWith('OffboardTenant'))!;
    const statements = policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[];
    const scans = statements.filter((statement) => [statement.Action].flat().includes('dynamodb:Scan'));

    expect(scans).toHaveLength(1);
    expect(JSON.stringify(scans[0].Resource)).toContain('CheckIn');
  });

  test('retention scan reaches the Register table only', () => {
    const [[, policy]] = Object.entries(api().findResources('AWS::IAM::Policy')).filter(([logicalId]) => logicalId.startsWith('PurgeExpiredRegister'));
    const scan = (policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]).find((statement) =>
      [statement.Action].flat().includes('dynamodb:Scan'),
    );
    expect(JSON.stringify(scan!.Resource)).toMatch(/Register/);
    expect(JSON.stringify(scan!.Resource)).not.toContain('/index/');
  });

  test('audit table grants append or query only', () => {
    const statements = Object.values(api().findResources('AWS::IAM::Policy')).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
    );
    const onAuditTable = statements.filter((statement) => JSON.stringify(statement.Resource).includes('Audit'));
    expect(onAuditTable.length).toBeGreaterThan(0);
    for (const statement of onAuditTable) {
      expect([['dynamodb:PutItem'], ['dynamodb:Query']]).toContainEqual([statement.Action].flat());
    }
  });

  test('only the audit route reads the audit table', () => {
    const readers = Object.entries(api().findResources('AWS::IAM::Policy'))
      .filter(([, policy]) =>
        policy.Properties.PolicyDocument.Statement.some(
          (statement: { Action: string | string[]; Resource: unknown }) =>
            [statement.Action].flat().includes('dynamodb:Query') && JSON.stringify(statement.Resource).includes('Audit'),
        ),
      )
      .map(([logicalId]) => logicalId);
    expect(readers).toEqual([expect.stringMatching(/^ListAuditRecords/)]);
  });

  test('tenant key grants require the stage tag', () => {
    const statements = Object.values(api().findResources('AWS::IAM::Policy')).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Condition?: Record<string, Record<string, string>> }[],
    );
    const tenantKeyActions = ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:EnableKeyRotation', 'kms:ScheduleKeyDeletion'];
    const onTenantKeys = statements.filter(
      (statement) => [statement.Action].flat().some((action) => tenantKeyActions.includes(action)) && !JSON.stringify(statement).includes('KioskSealingKey'),
    );
    expect(onTenantKeys.length).toBeGreaterThan(0);
    for (const statement of onTenantKeys) {
      expect(statement.Condition).toEqual({ StringEquals: { 'aws:ResourceTag/open-sesame:stage': 'dev' } });
    }
  });

  test('only ingest and handover create tenant keys', () => {
    const creators = Object.entries(api().findResources('AWS::IAM::Policy'))
      .filter(([, policy]) =>
        policy.Properties.PolicyDocument.Statement.some((statement: { Action: string | string[] }) => [statement.Action].flat().includes('kms:CreateKey')),
      )
      .map(([logicalId]) => logicalId);
    // The handover route ingests a revoked device's check-in, possibly the tenant's first.
    expect(creators.sort()).toEqual([expect.stringMatching(/^HandOverCheckIn/), expect.stringMatching(/^IngestCheckIn/)]);
    api().hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['kms:CreateKey', 'kms:TagResource'],
            Condition: { StringEquals: { 'aws:RequestTag/open-sesame:stage': 'dev' } },
          }),
        ]),
      },
    });
  });

  test('read routes may only decrypt', () => {
    const getRoutes = routes.filter((route) => route.method === 'GET' && route.uses.includes('piiKey'));
    expect(getRoutes.length).toBeGreaterThan(0);
    for (const route of getRoutes) {
      const functionId = functionOfRoute(`${route.method} ${route.path}`);
      const policies = Object.entries(api().findResources('AWS::IAM::Policy')).filter(([logicalId]) => logicalId.startsWith(functionId.replace(/Function.*$/, '')));
      const kmsActions = policies.flatMap(([, policy]) =>
        (policy.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap((statement) => [statement.Action].flat()).filter((action) => action.startsWith('kms:')),
      );
      expect({ route: route.path, kmsActions }).toEqual({ route: route.path, kmsActions: ['kms:Decrypt'] });
    }
  });

  test('only ingest and handover decrypt sealed check-ins', () => {
    const decryptors = Object.entries(api().findResources('AWS::IAM::Policy'))
      .filter(([, policy]) =>
        policy.Properties.PolicyDocument.Statement.some(
          (statement: { Action: string | string[]; Resource: unknown }) =>
            [statement.Action].flat().includes('kms:Decrypt') && JSON.stringify(statement.Resource).includes('KioskSealingKey'),
        ),
      )
      .map(([logicalId]) => logicalId);
    expect(decryptors.sort()).toEqual([expect.stringMatching(/^HandOverCheckIn/), expect.stringMatching(/^IngestCheckIn/)]);
  });
});

describe('check-in handover route', () => {
  const routeKey = 'POST /check-ins/{checkInId}/handover';

  test('may only read the CheckIn record and set its TTL', () => {
    const onCheckIn = policyStatementsOfRoute(routeKey).filter((statement) => JSON.stringify((statement as { Resource?: unknown }).Resource).includes('CheckIn'));

    expect(onCheckIn.flatMap((statement) => [statement.Action].flat()).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:UpdateItem']);
  });

  test('writes images only to incoming and register prefixes', () => {
    const s3Statements = policyStatementsOfRoute(routeKey).filter((statement) => [statement.Action].flat().some((action) => action === 's3:PutObject'));
    const prefixes = s3Statements.map((statement) => JSON.stringify((statement as { Resource?: unknown }).Resource).match(/\/(\w+)\/\*/)?.[1]).sort();

    expect(prefixes).toEqual(['incoming', 'register']);
  });
});

/** The event source mapping whose function's logical id starts with `functionPrefix`. */
function mappingOf(functionPrefix: string): { Properties: Record<string, any> } {
  const mappings = Object.values(api().findResources('AWS::Lambda::EventSourceMapping')) as { Properties: Record<string, any> }[];
  const mapping = mappings.find((candidate) => String(candidate.Properties.FunctionName.Ref).startsWith(functionPrefix));
  if (!mapping) throw new Error(`No event source mapping for ${functionPrefix} in the api stack.`);
  return mapping;
}

describe('check-in ingest', () => {
  test('reads the CheckIn stream filtered on uploaded images', () => {
    api().hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: Match.anyValue(),
      StartingPosition: 'TRIM_HORIZON',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      FilterCriteria: {
        Filters: [{ Pattern: Match.stringLikeRegexp('"imagesUploaded":\\{"BOOL":\\[true\\]\\}') }],
      },
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });

  test('skips records that already have a TTL', () => {
    api().hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FilterCriteria: { Filters: [{ Pattern: Match.stringLikeRegexp('"_ttl":\\{"N":\\[\\{"exists":false\\}\\]\\}') }] },
    });
  });

  test('may only set the CheckIn TTL', () => {
    const policies = Object.entries(api().findResources('AWS::IAM::Policy')).filter(([logicalId]) => logicalId.startsWith('IngestCheckIn'));
    const statements = policies.flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
    const onCheckIn = statements.filter((statement) => JSON.stringify(statement.Resource).includes('CheckIn') && !JSON.stringify(statement.Resource).includes('StreamArn'));

    expect(onCheckIn.map((statement) => statement.Action)).toEqual(['dynamodb:UpdateItem']);
  });

  test('gets one variable per resource', () => {
    const mapping = mappingOf('IngestCheckIn');
    const handler = api().toJSON().Resources[mapping.Properties.FunctionName.Ref];
    const variables = Object.keys(handler.Properties.Environment.Variables).filter((name) => /_(TABLE|BUCKET|KEY_ID|POOL_ID|FROM|ALIAS_PREFIX)$/.test(name));
    expect(variables.sort()).toEqual(checkInIngest.uses.map((resource) => resourceEnvironmentVariables[resource]).sort());
  });
});

describe('register export worker', () => {
  test('reads INSERTs of export jobs from the Register stream', () => {
    const mapping = mappingOf('RunRegisterExport');

    expect(JSON.stringify(mapping.Properties.EventSourceArn)).toMatch(/GetAttRegister[0-9A-F]+StreamArn/);
    expect(mapping.Properties).toMatchObject({ BatchSize: 1, StartingPosition: 'TRIM_HORIZON', MaximumRetryAttempts: 2 });
    expect(mapping.Properties.FilterCriteria.Filters.map((filter: { Pattern: string }) => JSON.parse(filter.Pattern))).toEqual([
      { eventName: ['INSERT'], dynamodb: { Keys: { sk: { S: [{ prefix: 'EXPORT#' }] } } } },
    ]);
  });

  test('runs up to 15 minutes with a heap limit', () => {
    const handler = api().toJSON().Resources[mappingOf('RunRegisterExport').Properties.FunctionName.Ref];

    expect(handler.Properties.Timeout).toBe(15 * 60);
    expect(handler.Properties.MemorySize).toBe(registerExportWorker.memorySize);
    expect(handler.Properties.Environment.Variables.NODE_OPTIONS).toBe('--max-old-space-size=96 --max-semi-space-size=2');
  });

  test('gets one variable per resource', () => {
    const handler = api().toJSON().Resources[mappingOf('RunRegisterExport').Properties.FunctionName.Ref];
    const variables = Object.keys(handler.Properties.Environment.Variables).filter((name) => /_(TABLE|BUCKET|KEY_ID|POOL_ID|FROM|ALIAS_PREFIX)$/.test(name));

    expect(variables.sort()).toEqual([...new Set(registerExportWorker.uses.map((resource) => resourceEnvironmentVariables[resource]))].sort());
  });

  test('bundles each font with its licence', () => {
    const names = registerExportWorker.bundledFiles.map((file) => file.name);

    expect(names).toEqual([
      'NotoSansJP-Regular.ttf',
      'NotoSansJP-LICENSE.txt',
      'NotoSansSC-Regular.ttf',
      'NotoSansSC-LICENSE.txt',
      'NotoSansKR-Regular.ttf',
      'NotoSansKR-LICENSE.txt',
      'jpeg-turbo.wasm',
    ]);
    expect(registerPdfFonts.map((font) => font.name)).toEqual(names.filter((name) => name.endsWith('.ttf')));
  });

  test('bundled files exist', () => {
    for (const file of registerExportWorker.bundledFiles) {
      expect({ file: file.source, exists: fs.existsSync(path.join(__dirname, '../..', file.source)) }).toEqual({ file: file.source, exists: true });
    }
    for (const file of registerExportWorker.bundledFiles.filter((bundled) => bundled.name.endsWith('-LICENSE.txt'))) {
      expect(fs.readFileSync(path.join(__dirname, '../..', file.source), 'utf8')).toContain('SIL OPEN FONT LICENSE Version 1.1');
    }
  });

  test('export routes only queue the job', () => {
    for (const routeKey of ['POST /register/exports', 'POST /register/pdf-exports']) {
      const actions = policyStatementsOfRoute(routeKey).flatMap((statement) => [statement.Action].flat());

      expect({ routeKey, kms: actions.filter((action) => action.startsWith('kms:')) }).toEqual({ routeKey, kms: [] });
      expect({ routeKey, s3: actions.filter((action) => action.startsWith('s3:')) }).toEqual({ routeKey, s3: [] });
    }
  });
});

describe('register retention job', () => {
  test('runs daily at 03:00 in Japan', () => {
    api().hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 18 * * ? *)',
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PurgeExpiredRegister'), 'Arn'] } })],
    });
  });

  test('may delete register images only', () => {
    const policies = JSON.stringify(
      Object.entries(api().findResources('AWS::IAM::Policy')).filter(([logicalId]) => logicalId.startsWith('PurgeExpiredRegister')),
    );
    expect(policies).toContain('/register/*');
    expect(policies).not.toContain('/incoming/*');
    expect(policies).not.toContain('s3:PutObject');
    expect(policies).not.toContain('kms:');
  });
});

describe('tenant offboarding function', () => {
  test('has no route and no schedule', () => {
    const template = JSON.stringify(api().toJSON());
    const [logicalId] = Object.keys(api().findResources('AWS::Lambda::Function')).filter((id) => id.startsWith('OffboardTenant'));
    const triggers = [
      ...Object.values(api().findResources('AWS::Events::Rule')),
      ...Object.values(api().findResources('AWS::ApiGatewayV2::Integration')),
      ...Object.values(api().findResources('AWS::Lambda::EventSourceMapping')),
    ];
    expect(JSON.stringify(triggers)).not.toContain(logicalId);
    expect(template).toContain('OffboardTenantFunctionName');
  });

  test('alone may delete tenant key aliases', () => {
    const deleters = Object.entries(api().findResources('AWS::IAM::Policy'))
      .filter(([, policy]) => JSON.stringify(policy).includes('kms:DeleteAlias'))
      .map(([logicalId]) => logicalId);
    expect(deleters).toEqual([expect.stringMatching(/^OffboardTenant/)]);
  });

  test('alone may delete Cognito users', () => {
    const deleters = Object.entries(api().findResources('AWS::IAM::Policy'))
      .filter(([, policy]) => JSON.stringify(policy).includes('cognito-idp:AdminDeleteUser'))
      .map(([logicalId]) => logicalId);
    expect(deleters).toEqual([expect.stringMatching(/^OffboardTenant/)]);
  });
});

describe('scheduled report notices', () => {
  test('runs daily at 09:00 in Japan', () => {
    api().hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 0 * * ? *)',
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SendReportNotices'), 'Arn'] } })],
    });
  });

  test('gets one variable per resource', () => {
    const resources = api().toJSON().Resources as Resources;
    const [handler] = Object.entries(resources).filter(
      ([logicalId, resource]) => resource.Type === 'AWS::Lambda::Function' && logicalId.startsWith('SendReportNotices'),
    );
    const variables = Object.keys(handler[1].Properties.Environment.Variables).filter((name) => /_(TABLE|BUCKET|KEY_ID|POOL_ID|FROM|ALIAS_PREFIX)$/.test(name));
    expect(variables.sort()).toEqual(scheduledJobs[0].uses.map((resource) => resourceEnvironmentVariables[resource]).sort());
  });

  test('may query the licence type index', () => {
    const policies = JSON.stringify(
      Object.entries(api().findResources('AWS::IAM::Policy')).filter(([logicalId]) => logicalId.startsWith('SendReportNotices')),
    );
    expect(policies).toContain('/index/byLicenceType');
    expect(policies).toContain('dynamodb:Query');
  });
});
