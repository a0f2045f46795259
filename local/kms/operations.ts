import {
  constants,
  createCipheriv,
  createDecipheriv,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
} from 'node:crypto';
import type { KeySpec, KeyStore, StoredKey } from './key-store';

/** A KMS error as the JSON 1.1 protocol returns it; `__type` lets @aws-sdk/client-kms map it. */
export class KmsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
  }
}

type Json = Record<string, unknown>;

const symmetricBlobVersion = 1;
const keyIdLength = 36;
const ivLength = 12;
const tagLength = 16;
const rsaAlgorithm = 'RSAES_OAEP_SHA_256';

/** The operations the product uses, named as in `X-Amz-Target: TrentService.<Op>`. */
export function createOperations(store: KeyStore, now: () => number = Date.now): Record<string, (input: Json) => Json> {
  return {
    CreateKey: (input) => createKey(store, input, now),
    DescribeKey: (input) => ({ KeyMetadata: keyMetadata(requireKey(store, input.KeyId)) }),
    CreateAlias: (input) => createAlias(store, input),
    ListAliases: () => ({
      Aliases: store.listAliases().map(({ aliasName, keyId }) => ({
        AliasName: aliasName,
        TargetKeyId: keyId,
      })),
      Truncated: false,
    }),
    GenerateDataKey: (input) => generateDataKey(store, input),
    Encrypt: (input) => encrypt(store, input),
    Decrypt: (input) => decrypt(store, input),
    GetPublicKey: (input) => getPublicKey(store, input),
    EnableKeyRotation: (input) => {
      const key = requireUsableKey(store, input.KeyId);
      if (key.keySpec !== 'SYMMETRIC_DEFAULT') {
        throw new KmsError('UnsupportedOperationException', 'Key rotation applies to symmetric keys only.');
      }
      key.rotationEnabled = true;
      store.save();
      return {};
    },
    GetKeyRotationStatus: (input) => ({
      KeyRotationEnabled: requireKey(store, input.KeyId).rotationEnabled,
    }),
    ScheduleKeyDeletion: (input) => scheduleKeyDeletion(store, input, now),
    DeleteAlias: (input) => {
      const aliasName = requireString(input, 'AliasName');
      if (!store.hasAlias(aliasName)) throw new KmsError('NotFoundException', `Alias ${aliasName} not found.`);
      store.deleteAlias(aliasName);
      return {};
    },
    TagResource: (input) => {
      const key = requireKey(store, input.KeyId);
      key.tags = { ...key.tags, ...tagsOf(input) };
      store.save();
      return {};
    },
    ListResourceTags: (input) => ({
      Tags: Object.entries(requireKey(store, input.KeyId).tags ?? {}).map(([TagKey, TagValue]) => ({ TagKey, TagValue })),
      Truncated: false,
    }),
  };
}

function tagsOf(input: Json): Record<string, string> {
  const tags = (input.Tags ?? []) as { TagKey?: string; TagValue?: string }[];
  return Object.fromEntries(tags.map((tag) => [String(tag.TagKey), String(tag.TagValue ?? '')]));
}

function createKey(store: KeyStore, input: Json, now: () => number): Json {
  const keySpec = (input.KeySpec ?? input.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT') as string;
  const keyUsage = (input.KeyUsage ?? 'ENCRYPT_DECRYPT') as string;
  if (keySpec !== 'SYMMETRIC_DEFAULT' && keySpec !== 'RSA_3072') {
    throw new KmsError('UnsupportedOperationException', `KeySpec ${keySpec} is not supported locally; use SYMMETRIC_DEFAULT or RSA_3072.`);
  }
  if (keyUsage !== 'ENCRYPT_DECRYPT') {
    throw new KmsError('UnsupportedOperationException', `KeyUsage ${keyUsage} is not supported locally; use ENCRYPT_DECRYPT.`);
  }
  const key = store.create(keySpec as KeySpec, String(input.Description ?? ''), now());
  const tags = tagsOf(input);
  if (Object.keys(tags).length > 0) {
    key.tags = tags;
    store.save();
  }
  return { KeyMetadata: keyMetadata(key) };
}

function createAlias(store: KeyStore, input: Json): Json {
  const aliasName = requireString(input, 'AliasName');
  if (!aliasName.startsWith('alias/')) {
    throw new KmsError('ValidationException', `AliasName ${aliasName} must start with alias/.`);
  }
  if (store.hasAlias(aliasName)) {
    throw new KmsError('AlreadyExistsException', `Alias ${aliasName} already exists.`);
  }
  store.setAlias(aliasName, requireKey(store, input.TargetKeyId).keyId);
  return {};
}

function generateDataKey(store: KeyStore, input: Json): Json {
  const key = requireSymmetricKey(store, input.KeyId);
  const byteCount = dataKeyLength(input);
  const plaintext = randomBytes(byteCount);
  return {
    KeyId: key.arn,
    Plaintext: plaintext.toString('base64'),
    CiphertextBlob: sealSymmetric(key, plaintext, encryptionContext(input)).toString('base64'),
  };
}

function encrypt(store: KeyStore, input: Json): Json {
  const key = requireUsableKey(store, input.KeyId);
  const plaintext = requireBlob(input, 'Plaintext');
  if (key.keySpec === 'RSA_3072') {
    requireRsaAlgorithm(input.EncryptionAlgorithm);
    const ciphertext = publicEncrypt(
      { key: rsaPublicKeyPem(key), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      plaintext,
    );
    return { KeyId: key.arn, CiphertextBlob: ciphertext.toString('base64'), EncryptionAlgorithm: rsaAlgorithm };
  }
  return {
    KeyId: key.arn,
    CiphertextBlob: sealSymmetric(key, plaintext, encryptionContext(input)).toString('base64'),
    EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
  };
}

function decrypt(store: KeyStore, input: Json): Json {
  const blob = requireBlob(input, 'CiphertextBlob');
  if (input.KeyId !== undefined) {
    const requested = requireUsableKey(store, input.KeyId);
    if (requested.keySpec === 'RSA_3072') {
      requireRsaAlgorithm(input.EncryptionAlgorithm);
      return { KeyId: requested.arn, Plaintext: openRsa(requested, blob).toString('base64'), EncryptionAlgorithm: rsaAlgorithm };
    }
    const { key, plaintext } = openSymmetric(store, blob, encryptionContext(input));
    if (key.keyId !== requested.keyId) {
      throw new KmsError('IncorrectKeyException', 'The ciphertext was not encrypted under the KeyId in the request.');
    }
    return { KeyId: key.arn, Plaintext: plaintext.toString('base64'), EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
  }
  const { key, plaintext } = openSymmetric(store, blob, encryptionContext(input));
  return { KeyId: key.arn, Plaintext: plaintext.toString('base64'), EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
}

function getPublicKey(store: KeyStore, input: Json): Json {
  const key = requireUsableKey(store, input.KeyId);
  if (key.keySpec !== 'RSA_3072' || !key.publicKeySpkiBase64) {
    throw new KmsError('UnsupportedOperationException', `Key ${key.keyId} is symmetric and has no public key.`);
  }
  return {
    KeyId: key.arn,
    PublicKey: key.publicKeySpkiBase64,
    KeySpec: key.keySpec,
    CustomerMasterKeySpec: key.keySpec,
    KeyUsage: 'ENCRYPT_DECRYPT',
    EncryptionAlgorithms: ['RSAES_OAEP_SHA_1', rsaAlgorithm],
  };
}

function scheduleKeyDeletion(store: KeyStore, input: Json, now: () => number): Json {
  const key = requireUsableKey(store, input.KeyId);
  const days = input.PendingWindowInDays === undefined ? 30 : Number(input.PendingWindowInDays);
  if (!Number.isInteger(days) || days < 7 || days > 30) {
    throw new KmsError('ValidationException', `PendingWindowInDays must be an integer from 7 to 30, got ${String(input.PendingWindowInDays)}.`);
  }
  const deletionDate = new Date(now() + days * 86_400_000);
  key.keyState = 'PendingDeletion';
  key.deletionDate = deletionDate.toISOString();
  store.save();
  return {
    KeyId: key.arn,
    DeletionDate: deletionDate.getTime() / 1000,
    KeyState: key.keyState,
    PendingWindowInDays: days,
  };
}

function keyMetadata(key: StoredKey): Json {
  const symmetric = key.keySpec === 'SYMMETRIC_DEFAULT';
  return {
    AWSAccountId: key.arn.split(':')[4],
    KeyId: key.keyId,
    Arn: key.arn,
    CreationDate: Date.parse(key.createdAt) / 1000,
    Enabled: key.keyState === 'Enabled',
    Description: key.description,
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeyState: key.keyState,
    Origin: 'AWS_KMS',
    KeyManager: 'CUSTOMER',
    KeySpec: key.keySpec,
    CustomerMasterKeySpec: key.keySpec,
    EncryptionAlgorithms: symmetric ? ['SYMMETRIC_DEFAULT'] : ['RSAES_OAEP_SHA_1', rsaAlgorithm],
    MultiRegion: false,
    ...(key.deletionDate ? { DeletionDate: Date.parse(key.deletionDate) / 1000 } : {}),
  };
}

/**
 * Symmetric ciphertext blob: version (1) || key id (36, ASCII) || iv (12) || ciphertext ||
 * tag (16). The encryption context is bound as AES-GCM additional data, so Decrypt fails with
 * InvalidCiphertextException when the context differs, as in AWS KMS.
 */
function sealSymmetric(key: StoredKey, plaintext: Buffer, context: Buffer): Buffer {
  const iv = randomBytes(ivLength);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(key.symmetricKeyBase64!, 'base64'), iv);
  cipher.setAAD(context);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([
    Buffer.from([symmetricBlobVersion]),
    Buffer.from(key.keyId, 'ascii'),
    iv,
    ciphertext,
    cipher.getAuthTag(),
  ]);
}

function openSymmetric(store: KeyStore, blob: Buffer, context: Buffer): { key: StoredKey; plaintext: Buffer } {
  const headerLength = 1 + keyIdLength + ivLength;
  if (blob.length < headerLength + tagLength || blob[0] !== symmetricBlobVersion) {
    throw invalidCiphertext();
  }
  const keyId = blob.subarray(1, 1 + keyIdLength).toString('ascii');
  const key = store.findByIdOnly(keyId);
  if (!key) throw invalidCiphertext();
  assertEnabled(key);
  const decipher = createDecipheriv(
    'aes-256-gcm',
    Buffer.from(key.symmetricKeyBase64!, 'base64'),
    blob.subarray(1 + keyIdLength, headerLength),
  );
  decipher.setAAD(context);
  decipher.setAuthTag(blob.subarray(blob.length - tagLength));
  try {
    const plaintext = Buffer.concat([decipher.update(blob.subarray(headerLength, blob.length - tagLength)), decipher.final()]);
    return { key, plaintext };
  } catch {
    throw invalidCiphertext();
  }
}

function openRsa(key: StoredKey, blob: Buffer): Buffer {
  try {
    return privateDecrypt(
      { key: key.privateKeyPem!, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      blob,
    );
  } catch {
    throw invalidCiphertext();
  }
}

function rsaPublicKeyPem(key: StoredKey): string {
  const body = key.publicKeySpkiBase64!.replace(/(.{64})/g, '$1\n');
  return `-----BEGIN PUBLIC KEY-----\n${body}\n-----END PUBLIC KEY-----\n`;
}

/** Canonical bytes of an encryption context: its pairs sorted by key, as JSON. */
function encryptionContext(input: Json): Buffer {
  const context = (input.EncryptionContext ?? {}) as Record<string, string>;
  const sorted = Object.keys(context)
    .sort()
    .map((name) => [name, context[name]]);
  return Buffer.from(JSON.stringify(sorted), 'utf8');
}

function dataKeyLength(input: Json): number {
  if (input.KeySpec === 'AES_256') return 32;
  if (input.KeySpec === 'AES_128') return 16;
  if (input.KeySpec !== undefined) {
    throw new KmsError('ValidationException', `KeySpec ${String(input.KeySpec)} is invalid; use AES_256 or AES_128.`);
  }
  const count = Number(input.NumberOfBytes);
  if (!Number.isInteger(count) || count < 1 || count > 1024) {
    throw new KmsError('ValidationException', 'Set KeySpec (AES_256 or AES_128) or NumberOfBytes (1 to 1024).');
  }
  return count;
}

function requireKey(store: KeyStore, keyReference: unknown): StoredKey {
  if (typeof keyReference !== 'string' || keyReference === '') {
    throw new KmsError('ValidationException', 'KeyId is required.');
  }
  const key = store.find(keyReference);
  if (!key) throw new KmsError('NotFoundException', `Key ${keyReference} not found.`);
  return key;
}

function requireUsableKey(store: KeyStore, keyReference: unknown): StoredKey {
  const key = requireKey(store, keyReference);
  assertEnabled(key);
  return key;
}

function requireSymmetricKey(store: KeyStore, keyReference: unknown): StoredKey {
  const key = requireUsableKey(store, keyReference);
  if (key.keySpec !== 'SYMMETRIC_DEFAULT') {
    throw new KmsError('InvalidKeyUsageException', `Key ${key.keyId} is asymmetric; GenerateDataKey needs a symmetric key.`);
  }
  return key;
}

function assertEnabled(key: StoredKey): void {
  if (key.keyState !== 'Enabled') {
    throw new KmsError('KMSInvalidStateException', `Key ${key.arn} is ${key.keyState}.`);
  }
}

function requireRsaAlgorithm(algorithm: unknown): void {
  if (algorithm !== rsaAlgorithm) {
    throw new KmsError(
      'InvalidKeyUsageException',
      `EncryptionAlgorithm ${String(algorithm)} is not supported locally for RSA keys; use ${rsaAlgorithm}.`,
    );
  }
}

function requireString(input: Json, name: string): string {
  const value = input[name];
  if (typeof value !== 'string' || value === '') {
    throw new KmsError('ValidationException', `${name} is required.`);
  }
  return value;
}

function requireBlob(input: Json, name: string): Buffer {
  return Buffer.from(requireString(input, name), 'base64');
}

function invalidCiphertext(): KmsError {
  return new KmsError('InvalidCiphertextException', 'The ciphertext is invalid, or the encryption context does not match.');
}
