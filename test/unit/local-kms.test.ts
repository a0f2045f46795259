import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GetKeyRotationStatusCommand,
  GetPublicKeyCommand,
  IncorrectKeyException,
  InvalidCiphertextException,
  KMSClient,
  KMSInvalidStateException,
  ListResourceTagsCommand,
  NotFoundException,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
} from '@aws-sdk/client-kms';
import { constants, publicEncrypt, createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalKms, type LocalKms } from '../../local/kms';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

describe('local KMS endpoint', () => {
  let dataDir: string;
  let kms: LocalKms;
  let client: KMSClient;

  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'local-kms-'));
    kms = await startLocalKms({ port: 0, dataDir });
    client = new KMSClient({ endpoint: kms.endpoint, region: 'ap-northeast-1', credentials });
  });

  afterEach(async () => {
    client.destroy();
    await kms.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function createSymmetricKey(): Promise<string> {
    const created = await client.send(new CreateKeyCommand({ Description: 'test PII key' }));
    return created.KeyMetadata!.KeyId!;
  }

  test('data key round trip with context', async () => {
    const keyId = await createSymmetricKey();
    const context = { tenantId: 't-1', keyPeriod: '2026-05' };

    const generated = await client.send(
      new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: context }),
    );
    const decrypted = await client.send(
      new DecryptCommand({ CiphertextBlob: generated.CiphertextBlob, EncryptionContext: context }),
    );

    expect(generated.Plaintext).toHaveLength(32);
    expect(Buffer.from(decrypted.Plaintext!)).toEqual(Buffer.from(generated.Plaintext!));
    expect(decrypted.KeyId).toContain(keyId);
  });

  test('decrypt with other context rejected', async () => {
    const keyId = await createSymmetricKey();
    const generated = await client.send(
      new GenerateDataKeyCommand({
        KeyId: keyId,
        KeySpec: 'AES_256',
        EncryptionContext: { tenantId: 't-1', keyPeriod: '2026-05' },
      }),
    );

    const decrypt = client.send(
      new DecryptCommand({
        CiphertextBlob: generated.CiphertextBlob,
        EncryptionContext: { tenantId: 't-2', keyPeriod: '2026-05' },
      }),
    );

    await expect(decrypt).rejects.toBeInstanceOf(InvalidCiphertextException);
  });

  test('decrypt with wrong KeyId rejected', async () => {
    const keyId = await createSymmetricKey();
    const otherKeyId = await createSymmetricKey();
    const encrypted = await client.send(
      new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('secret') }),
    );

    const decrypt = client.send(
      new DecryptCommand({ KeyId: otherKeyId, CiphertextBlob: encrypted.CiphertextBlob }),
    );

    await expect(decrypt).rejects.toBeInstanceOf(IncorrectKeyException);
  });

  test('RSA key decrypts OAEP SHA-256', async () => {
    const created = await client.send(
      new CreateKeyCommand({ KeySpec: 'RSA_3072', KeyUsage: 'ENCRYPT_DECRYPT' }),
    );
    const keyId = created.KeyMetadata!.KeyId!;
    const publicKey = await client.send(new GetPublicKeyCommand({ KeyId: keyId }));
    const wrapped = publicEncrypt(
      {
        key: createPublicKey({ key: Buffer.from(publicKey.PublicKey!), format: 'der', type: 'spki' }),
        padding: constants.RSA_PKCS1_OAEP_PADDING,
        oaepHash: 'sha256',
      },
      Buffer.from('wrapped aes key'),
    );

    const decrypted = await client.send(
      new DecryptCommand({ KeyId: keyId, CiphertextBlob: wrapped, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }),
    );

    expect(created.KeyMetadata!.KeySpec).toBe('RSA_3072');
    expect(publicKey.EncryptionAlgorithms).toContain('RSAES_OAEP_SHA_256');
    expect(Buffer.from(decrypted.Plaintext!).toString()).toBe('wrapped aes key');
  });

  test('keys survive restart', async () => {
    const keyId = await createSymmetricKey();
    await client.send(new CreateAliasCommand({ AliasName: 'alias/pii', TargetKeyId: keyId }));
    const encrypted = await client.send(
      new EncryptCommand({ KeyId: 'alias/pii', Plaintext: Buffer.from('kept'), EncryptionContext: { a: 'b' } }),
    );

    await kms.stop();
    kms = await startLocalKms({ port: 0, dataDir });
    client = new KMSClient({ endpoint: kms.endpoint, region: 'ap-northeast-1', credentials });
    const described = await client.send(new DescribeKeyCommand({ KeyId: 'alias/pii' }));
    const decrypted = await client.send(
      new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob, EncryptionContext: { a: 'b' } }),
    );

    expect(described.KeyMetadata!.KeyId).toBe(keyId);
    expect(Buffer.from(decrypted.Plaintext!).toString()).toBe('kept');
    expect(statSync(path.join(dataDir, 'keys.json')).mode & 0o777).toBe(0o600);
  });

  test('scheduled deletion blocks decrypt', async () => {
    const keyId = await createSymmetricKey();
    const encrypted = await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('x') }));

    const scheduled = await client.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    const decrypt = client.send(new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob }));

    expect(scheduled.KeyState).toBe('PendingDeletion');
    await expect(decrypt).rejects.toBeInstanceOf(KMSInvalidStateException);
  });

  test('unknown key is NotFoundException', async () => {
    const describe = client.send(new DescribeKeyCommand({ KeyId: '00000000-0000-0000-0000-000000000000' }));

    await expect(describe).rejects.toBeInstanceOf(NotFoundException);
  });

  test('rotation status and call counts', async () => {
    const keyId = await createSymmetricKey();
    kms.resetCalls();

    await client.send(new EnableKeyRotationCommand({ KeyId: keyId }));
    const status = await client.send(new GetKeyRotationStatusCommand({ KeyId: keyId }));
    await client.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' }));
    await client.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' }));
    const overHttp = (await (await fetch(`${kms.endpoint}/__calls`)).json()) as Record<string, number>;

    expect(status.KeyRotationEnabled).toBe(true);
    expect(kms.calls()).toEqual({ EnableKeyRotation: 1, GetKeyRotationStatus: 1, GenerateDataKey: 2 });
    expect(overHttp).toEqual(kms.calls());
  });

  test('tags and alias deletion', async () => {
    const created = await client.send(
      new CreateKeyCommand({ Description: 'tenant key', Tags: [{ TagKey: 'open-sesame:stage', TagValue: 'test' }] }),
    );
    const keyId = created.KeyMetadata!.KeyId!;
    await client.send(new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: 'open-sesame:tenant', TagValue: 't-1' }] }));
    await client.send(new CreateAliasCommand({ AliasName: 'alias/test/t-1', TargetKeyId: keyId }));

    const tags = await client.send(new ListResourceTagsCommand({ KeyId: keyId }));
    await client.send(new DeleteAliasCommand({ AliasName: 'alias/test/t-1' }));

    expect(tags.Tags).toEqual([
      { TagKey: 'open-sesame:stage', TagValue: 'test' },
      { TagKey: 'open-sesame:tenant', TagValue: 't-1' },
    ]);
    await expect(client.send(new DescribeKeyCommand({ KeyId: 'alias/test/t-1' }))).rejects.toBeInstanceOf(NotFoundException);
  });
});

describe('local KMS key deletion', () => {
  test('key disappears after waiting period', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'local-kms-clock-'));
    let now = Date.parse('2026-05-01T00:00:00Z');
    const kms = await startLocalKms({ port: 0, dataDir, now: () => now });
    const client = new KMSClient({ endpoint: kms.endpoint, region: 'ap-northeast-1', credentials });
    try {
      const keyId = (await client.send(new CreateKeyCommand({ Description: 'doomed' }))).KeyMetadata!.KeyId!;
      const encrypted = await client.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('x') }));
      const scheduled = await client.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));

      now += 6 * 86_400_000;
      const beforeEnd = await client.send(new DescribeKeyCommand({ KeyId: keyId }));
      now += 2 * 86_400_000;

      expect(new Date(scheduled.DeletionDate!).toISOString()).toBe('2026-05-08T00:00:00.000Z');
      expect(beforeEnd.KeyMetadata!.KeyState).toBe('PendingDeletion');
      await expect(client.send(new DescribeKeyCommand({ KeyId: keyId }))).rejects.toBeInstanceOf(NotFoundException);
      await expect(client.send(new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob }))).rejects.toBeInstanceOf(
        InvalidCiphertextException,
      );
    } finally {
      client.destroy();
      await kms.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

