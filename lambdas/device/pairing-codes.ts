import { DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createHash, randomInt } from 'node:crypto';
import { writeWithAttached, type Attach } from '../aws/transact-write';

/** Letters and digits without the look-alikes 0/O, 1/I/L, so a code is easy to type on a tablet. */
export const pairingCodeAlphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const pairingCodeLength = 8;
export const pairingCodeLifetimeMs = 10 * 60_000;

export interface PairingCode {
  /** The code in clear; returned once to the operator and never stored. */
  readonly code: string;
  readonly tenantId: string;
  readonly facilityId: string;
  readonly expiresAt: Date;
}

export interface ConsumedPairingCode {
  readonly tenantId: string;
  readonly facilityId: string;
}

/** Upper-cases and strips spaces and hyphens, so `abcd-2345` and `ABCD2345` are one code. */
export function normalisePairingCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

function hashPairingCode(code: string): string {
  return createHash('sha256').update(normalisePairingCode(code)).digest('hex');
}

/**
 * One-time pairing codes, stored only as their SHA-256 (`PAIRING#<sha256>`/`PAIRING`) with a
 * TTL. DynamoDB deletes expired items late, so consumption also checks `expiresAt` itself.
 */
export class PairingCodeRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createPairingCode(input: {
    tenantId: string;
    facilityId: string;
    createdBy: string;
    now?: Date;
  }, attach?: Attach<PairingCode>): Promise<PairingCode> {
    const now = input.now ?? new Date();
    const code = Array.from({ length: pairingCodeLength }, () => pairingCodeAlphabet[randomInt(pairingCodeAlphabet.length)]).join('');
    const expiresAt = new Date(now.getTime() + pairingCodeLifetimeMs);
    const pairingCode: PairingCode = { code, tenantId: input.tenantId, facilityId: input.facilityId, expiresAt };
    const put = {
      TableName: this.tableName,
      Item: {
        pk: `PAIRING#${hashPairingCode(code)}`,
        sk: 'PAIRING',
        type: 'pairing-code',
        tenantId: input.tenantId,
        facilityId: input.facilityId,
        createdBy: input.createdBy,
        createdAt: now.toISOString(),
        expiresAt: Math.floor(expiresAt.getTime() / 1000),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    };
    await writeWithAttached(this.client, [{ Put: put }], attach?.(pairingCode));
    return pairingCode;
  }

  /**
   * Deletes the code if it exists and has not expired, in one conditional write, so two
   * devices racing with one code cannot both pair. Returns undefined for an unknown, used or
   * expired code.
   */
  async consumePairingCode(code: string, now = new Date()): Promise<ConsumedPairingCode | undefined> {
    try {
      const result = await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { pk: `PAIRING#${hashPairingCode(code)}`, sk: 'PAIRING' },
          ConditionExpression: 'attribute_exists(pk) AND expiresAt > :now',
          ExpressionAttributeValues: { ':now': Math.floor(now.getTime() / 1000) },
          ReturnValues: 'ALL_OLD',
        }),
      );
      const item = result.Attributes!;
      return { tenantId: item.tenantId as string, facilityId: item.facilityId as string };
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return undefined;
      throw error;
    }
  }
}
