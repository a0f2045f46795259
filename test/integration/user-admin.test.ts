import {
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { apiEvent, operatorClaims } from './support/api-events';
import { captureOutput } from './support/captured-output';
import { credentials, region, startHandlerEmulators, type HandlerEmulators, emulatorStartTimeoutMs } from './support/handler-emulators';
import { startTestUserPool, type TestUserPool } from './support/cognito-pool';

type Handler = typeof import('../../lambdas/organisation/invite-user').handler;

const tenantId = 'tenant-users';
const ownerId = 'owner-users';
const managerId = 'manager-users';
const owner = operatorClaims(tenantId, ownerId, 'owner');
const manager = operatorClaims(tenantId, managerId, 'manager');

function json(result: APIGatewayProxyStructuredResultV2): any {
  return JSON.parse(result.body as string);
}

describe('user administration', () => {
  let emulators: HandlerEmulators;
  let userPool: TestUserPool;
  let cognito: CognitoIdentityProviderClient;
  let handlers: {
    invite: Handler;
    update: Handler;
    list: Handler;
    listFacilities: Handler;
    settings: Handler;
    allowlist: Handler;
    createOffice: Handler;
    renameOffice: Handler;
  };
  let output: ReturnType<typeof captureOutput>;
  let auditActions: () => Promise<Record<string, any>[]>;

  beforeAll(async () => {
    [emulators, userPool] = await Promise.all([startHandlerEmulators(), startTestUserPool()]);
    Object.assign(process.env, emulators.environment, {
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: userPool.endpoint,
      USER_POOL_ID: userPool.userPoolId,
    });
    cognito = new CognitoIdentityProviderClient({ endpoint: userPool.endpoint, region, credentials });

    const { documentClient } = require('../../lambdas/aws/dynamodb') as typeof import('../../lambdas/aws/dynamodb');
    const { TenantRepository } = require('../../lambdas/organisation/tenant-repository') as typeof import('../../lambdas/organisation/tenant-repository');
    const { OfficeRepository } = require('../../lambdas/organisation/office-repository') as typeof import('../../lambdas/organisation/office-repository');
    const tenants = new TenantRepository(documentClient, 'Directory');
    const offices = new OfficeRepository(documentClient, 'Directory');
    await tenants.createTenant({ tenantId, name: '招待検証株式会社', contactEmail: 'users@example.invalid' });
    await offices.createOffice({ tenantId, officeId: 'office-east', name: '東拠点' });
    await offices.createOffice({ tenantId, officeId: 'office-west', name: '西拠点' });
    await tenants.putOperatorUser({ tenantId, userId: ownerId, email: 'owner-users@example.invalid', role: 'owner' });
    await tenants.putOperatorUser({ tenantId, userId: managerId, email: 'manager-users@example.invalid', role: 'manager', officeIds: ['office-east'] });
    auditActions = async () =>
      (
        await documentClient.send(
          new QueryCommand({ TableName: 'Audit', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `TENANT#${tenantId}` } }),
        )
      ).Items ?? [];

    handlers = {
      invite: require('../../lambdas/organisation/invite-user').handler,
      update: require('../../lambdas/organisation/update-user').handler,
      list: require('../../lambdas/organisation/list-users').handler,
      listFacilities: require('../../lambdas/facility/list-facilities').handler,
      settings: require('../../lambdas/organisation/get-tenant-settings').handler,
      allowlist: require('../../lambdas/organisation/update-ip-allowlist').handler,
      createOffice: require('../../lambdas/organisation/create-office').handler,
      renameOffice: require('../../lambdas/organisation/rename-office').handler,
    };
    output = captureOutput();
  }, emulatorStartTimeoutMs);

  afterAll(async () => {
    output?.restore();
    cognito?.destroy();
    await Promise.all([emulators?.stop(), userPool?.stop()]);
  });

  async function sentMails(): Promise<Record<string, any>[]> {
    return ((await (await fetch(`${emulators.sesEndpoint}/store`)).json()) as { emails: Record<string, any>[] }).emails;
  }

  async function invite(body: Record<string, unknown>, claims = owner) {
    return handlers.invite(apiEvent({ claims, body }));
  }

  describe('invite', () => {
    let invitedId: string;
    let temporaryPassword: string;

    beforeAll(async () => {
      await fetch(`${emulators.sesEndpoint}/clear-store`, { method: 'POST' });
      const result = await invite({ email: ' Invitee.Staff@Example.invalid ', displayName: '架空 次郎', role: 'staff', officeIds: ['office-east'], grants: ['register:export'] });
      expect(result.statusCode).toBe(201);
      invitedId = json(result).user.userId;
      const mail = (await sentMails())[0];
      temporaryPassword = /仮パスワード: (\S+)/.exec(JSON.stringify(mail).replace(/\\n/g, '\n'))?.[1] ?? '';
    });

    test('stores the Directory record', async () => {
      const users = json(await handlers.list(apiEvent({ claims: owner }))).users;

      expect(users.find((user: { userId: string }) => user.userId === invitedId)).toMatchObject({
        email: 'invitee.staff@example.invalid',
        displayName: '架空 次郎',
        role: 'staff',
        officeIds: ['office-east'],
        grants: ['register:export'],
        status: 'active',
      });
    });

    test('creates the Cognito user in its group', async () => {
      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPool.userPoolId, Username: 'invitee.staff@example.invalid' }));
      // cognito-local 5.3 matches group members by the generated username (the sub), not by email.
      const groups = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: userPool.userPoolId, Username: invitedId }));

      expect(user.UserAttributes).toEqual(expect.arrayContaining([{ Name: 'custom:tenantId', Value: tenantId }]));
      expect(user.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
      expect(groups.Groups?.map((group) => group.GroupName)).toEqual(['staff']);
    });

    test('mails Japanese and English', async () => {
      const mails = await sentMails();

      expect(mails).toHaveLength(1);
      const text = JSON.stringify(mails[0]);
      expect(text).toContain('invitee.staff@example.invalid');
      expect(text).toContain('招待検証株式会社 から OPEN SESAME! 管理画面にスタッフとして招待されました');
      expect(text).toContain('invited you to the OPEN SESAME! admin app as staff');
      expect(text).toContain('http://localhost:5174');
      expect(temporaryPassword).toMatch(/^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{3}!$/);
    });

    test('temporary password signs in', async () => {
      const result = await cognito.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: userPool.kioskClientId,
          AuthParameters: { USERNAME: 'invitee.staff@example.invalid', PASSWORD: temporaryPassword },
        }),
      );

      expect(result.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    });

    test('password stays out of response and logs', async () => {
      const users = await handlers.list(apiEvent({ claims: owner }));

      expect(users.body).not.toContain(temporaryPassword);
      expect(output.text()).not.toContain(temporaryPassword);
      expect(output.text()).not.toContain('invitee.staff@example.invalid');
    });

    test('writes an audit record', async () => {
      const record = (await auditActions()).find((item) => item.action === 'user.invite' && item.targetIds.includes(invitedId));

      expect(record).toMatchObject({ userId: ownerId, targetType: 'user', category: 'admin-change' });
      expect(JSON.stringify(record)).not.toContain('invitee.staff@example.invalid');
    });

    test('duplicate email is 409', async () => {
      const result = await invite({ email: 'invitee.staff@example.invalid', role: 'staff', officeIds: ['office-east'] });

      expect(result.statusCode).toBe(409);
      expect(json(result).error.field).toBe('email');
    });

    test('manager may not invite', async () => {
      const result = await invite({ email: 'by-manager@example.invalid', role: 'staff', officeIds: ['office-east'] }, manager);

      expect(result.statusCode).toBe(403);
    });

    test.each([
      [{ email: 'not-an-address', role: 'staff', officeIds: ['office-east'] }, 'email', 400],
      [{ email: 'no-office@example.invalid', role: 'staff' }, 'officeIds', 400],
      [{ email: 'grant@example.invalid', role: 'manager', officeIds: ['office-east'], grants: ['register:export'] }, 'grants', 400],
      [{ email: 'billing@example.invalid', role: 'staff', officeIds: ['office-east'], grants: ['billing:manage'] }, 'grants.0', 400],
      [{ email: 'far@example.invalid', role: 'staff', officeIds: ['office-nowhere'] }, 'officeIds', 404],
    ])('rejects %j', async (body, field, status) => {
      const result = await invite(body);

      expect(result.statusCode).toBe(status);
      expect(json(result).error.field).toBe(field);
      expect(json(result).error.message).toMatch(/^[^/]*[ぁ-んァ-ン一-龥][^/]* \/ /);
    });

    test.each([
      [{ email: 'not-an-email', role: 'staff', officeIds: ['office-east'] }, 'メールアドレス: メールアドレスの形式が正しくありません / email address: not a valid email address'],
      [{ email: 'role@example.invalid', role: 'admin', officeIds: ['office-east'] }, '役割: owner・manager・staff のいずれかです / role: must be owner, manager or staff'],
      [{ email: 'no-office@example.invalid', role: 'staff' }, '担当する拠点: マネージャーとスタッフには 1 つ以上指定してください / offices: managers and staff need at least one office'],
      [{ email: 'long@example.invalid', role: 'owner', displayName: 'あ'.repeat(101) }, '表示名: 100 文字以内で指定してください / display name: must be at most 100 characters'],
      [{ email: 'bidi@example.invalid', role: 'owner', displayName: '架空\u202e次郎' }, '表示名: 制御文字または文字の向きを変える文字を含んでいます / display name: contains a control or bidirectional formatting character'],
      [{ email: 'billing@example.invalid', role: 'staff', officeIds: ['office-east'], grants: ['billing:manage'] }, '追加の権限 (1 件目): register:read-pii・register:export のいずれかです / extra permissions (item 1): must be one of register:read-pii, register:export'],
      [[], 'リクエスト本文: オブジェクトで指定してください / request body: expected an object'],
    ])('names the field and reason once in each language for %j', async (body, message) => {
      const result = await invite(body as Record<string, unknown>);

      expect(result.statusCode).toBe(400);
      expect(json(result).error.message).toBe(message);
      expect(json(result).error.message.split(' / ')).toHaveLength(2);
    });
  });

  describe('update', () => {
    let userId: string;
    const claimsOfUser = () => operatorClaims(tenantId, userId, 'staff');

    beforeAll(async () => {
      userId = json(await invite({ email: 'changing@example.invalid', role: 'staff', officeIds: ['office-east'] })).user.userId;
    });

    async function update(body: Record<string, unknown>, target = userId, claims = owner) {
      return handlers.update(apiEvent({ claims, pathParameters: { userId: target }, body }));
    }

    test('role change moves Cognito group', async () => {
      const result = await update({ role: 'manager', officeIds: ['office-east', 'office-west'] });

      expect(result.statusCode).toBe(200);
      expect(json(result).user).toMatchObject({ role: 'manager', officeIds: ['office-east', 'office-west'] });
      const groups = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: userPool.userPoolId, Username: userId }));
      expect(groups.Groups?.map((group) => group.GroupName)).toEqual(['manager']);
      const record = (await auditActions()).find((item) => item.action === 'user.update' && item.targetIds.includes(userId));
      expect(record?.changedFields).toEqual(['officeIds', 'role']);
    });

    test('disable applies at once', async () => {
      const before = await handlers.listFacilities(apiEvent({ claims: claimsOfUser() }));
      expect(before.statusCode).toBe(200);

      const result = await update({ status: 'disabled' });

      expect(result.statusCode).toBe(200);
      const after = await handlers.listFacilities(apiEvent({ claims: claimsOfUser() }));
      expect(after.statusCode).toBe(403);
      const cognitoUser = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPool.userPoolId, Username: 'changing@example.invalid' }));
      expect(cognitoUser.Enabled).toBe(false);
    });

    test('enable restores access', async () => {
      const result = await update({ status: 'active' });

      expect(result.statusCode).toBe(200);
      expect((await handlers.listFacilities(apiEvent({ claims: claimsOfUser() }))).statusCode).toBe(200);
    });

    test('owner cannot disable self', async () => {
      const result = await update({ status: 'disabled' }, ownerId);

      expect(result.statusCode).toBe(400);
      expect(json(result).error.field).toBe('status');
    });

    test('unknown user is 404', async () => {
      const result = await update({ role: 'staff' }, 'user-nowhere');

      expect(result.statusCode).toBe(404);
    });

    test('manager may not update', async () => {
      const result = await update({ role: 'owner' }, userId, manager);

      expect(result.statusCode).toBe(403);
      expect(json(await handlers.list(apiEvent({ claims: owner }))).users.find((user: { userId: string }) => user.userId === userId).role).toBe('manager');
    });
  });

  describe('office form', () => {
    test.each([
      [{}, '拠点名: 必須です / office name: required'],
      [{ name: '  ' }, '拠点名: 必須です / office name: required'],
      [{ name: 'あ'.repeat(101) }, '拠点名: 100 文字以内で指定してください / office name: must be at most 100 characters'],
      [{ name: '南拠点', code: 'S' }, 'リクエスト本文: 不明な項目があります (code) / request body: unknown fields code'],
      [{ name: '南\u0007拠点' }, '拠点名: 制御文字または文字の向きを変える文字を含んでいます / office name: contains a control or bidirectional formatting character'],
    ])('create rejects %j naming the field', async (body, message) => {
      const result = await handlers.createOffice(apiEvent({ claims: owner, body }));

      expect(result.statusCode).toBe(400);
      expect(json(result).error.message).toBe(message);
      expect(json(result).error.fields).toEqual([{ field: json(result).error.field, message }]);
    });

    test('rename rejects an empty name naming the field', async () => {
      const result = await handlers.renameOffice(apiEvent({ claims: owner, pathParameters: { officeId: 'office-east' }, body: { name: '' } }));

      expect(result.statusCode).toBe(400);
      expect(json(result).error).toMatchObject({ field: 'name', message: '拠点名: 必須です / office name: required' });
    });
  });

  describe('IP allowlist', () => {
    const office = '203.0.113.25';
    const elsewhere = '192.0.2.77';

    afterAll(async () => {
      await handlers.allowlist(apiEvent({ claims: owner, body: { ipAllowlist: [] }, sourceIp: office }));
    });

    test('off by default', async () => {
      const result = await handlers.settings(apiEvent({ claims: owner, sourceIp: elsewhere }));

      expect(result.statusCode).toBe(200);
      expect(json(result)).toMatchObject({ ipAllowlist: [], callerIp: elsewhere });
    });

    test('rejects invalid entry', async () => {
      const result = await handlers.allowlist(apiEvent({ claims: owner, body: { ipAllowlist: ['203.0.113.0/24', 'office wifi'] }, sourceIp: office }));

      expect(result.statusCode).toBe(400);
      expect(json(result).error.field).toBe('ipAllowlist.1');
      expect(json(result).error.message).toBe(
        'IP 許可リストの 2 行目: IP アドレスか CIDR（例: 203.0.113.0/24）で入力してください / IP allowlist line 2: must be an IP address or CIDR such as 203.0.113.0/24',
      );
    });

    test('reports every invalid line, stores nothing', async () => {
      const lines = ['203.0.113.0/24', '', 'office wifi', '10.0.0.300', `${'1'.repeat(65)}`, '  '];
      const result = await handlers.allowlist(apiEvent({ claims: owner, body: { ipAllowlist: lines }, sourceIp: office }));

      expect(result.statusCode).toBe(400);
      const fields = json(result).error.fields as { field: string; message: string }[];
      expect(fields.map((item) => item.field)).toEqual(['ipAllowlist.2', 'ipAllowlist.3', 'ipAllowlist.4']);
      expect(fields[0].message).toMatch(/^IP 許可リストの 3 行目: IP アドレスか CIDR/);
      expect(fields[1].message).toMatch(/ \/ IP allowlist line 4: must be an IP address or CIDR/);
      expect(fields[2].message).toBe('IP 許可リストの 5 行目: 64 文字以内で入力してください / IP allowlist line 5: must be at most 64 characters');
      const settings = await handlers.settings(apiEvent({ claims: owner, sourceIp: office }));
      expect(json(settings).ipAllowlist).toEqual([]);
    });

    test('skips blank lines', async () => {
      const result = await handlers.allowlist(apiEvent({ claims: owner, body: { ipAllowlist: ['', '203.0.113.0/24', ' ', '203.0.113.25'] }, sourceIp: office }));

      expect(result.statusCode).toBe(200);
      expect(json(result).ipAllowlist).toEqual(['203.0.113.0/24', '203.0.113.25/32']);
      await handlers.allowlist(apiEvent({ claims: owner, body: { ipAllowlist: [] }, sourceIp: office }));
    });

    test('missing list names the field', async () => {
      const result = await handlers.allowlist(apiEvent({ claims: owner, body: {}, sourceIp: office }));

      expect(result.statusCode).toBe(400);
      expect(json(result).error.message).toBe('IP 許可リスト: 必須です（空の一覧で制限なし） / IP allowlist: required: an empty list allows every network');
    });

    test('rejects self lock-out', async () => {
      const result = await handlers.allowlist(apiEvent({ claims: owner, body: { ipAllowlist: ['198.51.100.0/24'] }, sourceIp: office }));

      expect(result.statusCode).toBe(400);
      expect(json(result).error.field).toBe('ipAllowlist');
    });

    test('refuses other networks once set', async () => {
      const set = await handlers.allowlist(apiEvent({ claims: owner, body: { ipAllowlist: ['203.0.113.7/24'] }, sourceIp: office }));
      expect(set.statusCode).toBe(200);
      expect(json(set).ipAllowlist).toEqual(['203.0.113.0/24']);

      const inside = await handlers.listFacilities(apiEvent({ claims: manager, sourceIp: office }));
      const outside = await handlers.listFacilities(apiEvent({ claims: manager, sourceIp: elsewhere }));

      expect(inside.statusCode).toBe(200);
      expect(outside.statusCode).toBe(403);
      expect(json(outside).error.code).toBe('network_not_allowed');
      expect(json(outside).error.message).toMatch(/^このネットワークからは管理画面を利用できません/);
      const record = (await auditActions()).find((item) => item.action === 'tenant.ip-allowlist');
      expect(record).toMatchObject({ userId: ownerId, changedFields: ['ipAllowlist'] });
    });

    test('empty list lifts it', async () => {
      await handlers.allowlist(apiEvent({ claims: owner, body: { ipAllowlist: [] }, sourceIp: office }));

      const outside = await handlers.listFacilities(apiEvent({ claims: manager, sourceIp: elsewhere }));

      expect(outside.statusCode).toBe(200);
    });
  });
});
