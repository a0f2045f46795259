import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type KeySpec = 'SYMMETRIC_DEFAULT' | 'RSA_3072';
export type KeyState = 'Enabled' | 'PendingDeletion';

/** One KMS key with its material. Stored in `keys.json`, readable only by the owner (0600). */
export interface StoredKey {
  readonly keyId: string;
  readonly arn: string;
  readonly keySpec: KeySpec;
  readonly description: string;
  readonly createdAt: string;
  keyState: KeyState;
  rotationEnabled: boolean;
  deletionDate?: string;
  /** Tags as KMS returns them in ListResourceTags. */
  tags?: Record<string, string>;
  /** AES-256 key, base64; symmetric keys only. */
  readonly symmetricKeyBase64?: string;
  /** PKCS#8 PEM private key; RSA keys only. */
  readonly privateKeyPem?: string;
  /** SPKI DER public key, base64; RSA keys only. */
  readonly publicKeySpkiBase64?: string;
}

interface KeyFile {
  keys: StoredKey[];
  /** Alias name (`alias/...`) to key id. */
  aliases: Record<string, string>;
}

/**
 * Keys and aliases of the local KMS endpoint, persisted as one JSON file under `dataDir` so a
 * restarted endpoint can still decrypt what it encrypted before. Development use only: the
 * material sits unencrypted on disk.
 */
export class KeyStore {
  private readonly file: string;
  private readonly state: KeyFile;

  constructor(
    dataDir: string,
    private readonly region: string,
    private readonly accountId: string,
  ) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    this.file = path.join(dataDir, 'keys.json');
    this.state = existsSync(this.file)
      ? (JSON.parse(readFileSync(this.file, 'utf8')) as KeyFile)
      : { keys: [], aliases: {} };
  }

  create(keySpec: KeySpec, description: string, now = Date.now()): StoredKey {
    const keyId = randomUUID();
    const base = {
      keyId,
      arn: `arn:aws:kms:${this.region}:${this.accountId}:key/${keyId}`,
      keySpec,
      description,
      createdAt: new Date(now).toISOString(),
      keyState: 'Enabled' as const,
      rotationEnabled: false,
    };
    let key: StoredKey;
    if (keySpec === 'RSA_3072') {
      const pair = generateKeyPairSync('rsa', { modulusLength: 3072 });
      key = {
        ...base,
        privateKeyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        publicKeySpkiBase64: pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
      };
    } else {
      key = { ...base, symmetricKeyBase64: randomBytes(32).toString('base64') };
    }
    this.state.keys.push(key);
    this.save();
    return key;
  }

  /** Finds a key by id, key ARN, alias name or alias ARN. */
  find(keyReference: string): StoredKey | undefined {
    const aliasName = keyReference.includes(':alias/')
      ? keyReference.slice(keyReference.indexOf('alias/'))
      : keyReference;
    const keyId = aliasName.startsWith('alias/') ? this.state.aliases[aliasName] : keyReference;
    if (keyId === undefined) return undefined;
    return this.state.keys.find((key) => key.keyId === keyId || key.arn === keyId);
  }

  findByIdOnly(keyId: string): StoredKey | undefined {
    return this.state.keys.find((key) => key.keyId === keyId);
  }

  hasAlias(aliasName: string): boolean {
    return aliasName in this.state.aliases;
  }

  setAlias(aliasName: string, keyId: string): void {
    this.state.aliases[aliasName] = keyId;
    this.save();
  }

  deleteAlias(aliasName: string): void {
    delete this.state.aliases[aliasName];
    this.save();
  }

  /**
   * Deletes the keys whose waiting period has ended, as KMS does: the key and its material are
   * gone from the key file, so nothing encrypted under it can be decrypted again. Its aliases go
   * too.
   */
  deleteDueKeys(now: number): void {
    const dueIds = new Set(
      this.state.keys.filter((key) => key.deletionDate !== undefined && Date.parse(key.deletionDate) <= now).map((key) => key.keyId),
    );
    if (dueIds.size === 0) return;
    this.state.keys = this.state.keys.filter((key) => !dueIds.has(key.keyId));
    for (const [aliasName, keyId] of Object.entries(this.state.aliases)) {
      if (dueIds.has(keyId)) delete this.state.aliases[aliasName];
    }
    this.save();
  }

  listAliases(): { aliasName: string; keyId: string }[] {
    return Object.entries(this.state.aliases).map(([aliasName, keyId]) => ({ aliasName, keyId }));
  }

  /** Writes the file through a temporary name so a crash never leaves half a key file. */
  save(): void {
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.state, null, 2), { mode: 0o600 });
    renameSync(temporary, this.file);
  }
}
