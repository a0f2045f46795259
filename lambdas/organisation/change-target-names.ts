import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AdminChangeTargetType } from './admin-audit';

/** Keys DynamoDB accepts in one BatchGetItem request. */
const batchGetMaxKeys = 100;

/** Target of an admin change: a facility, office, user, device or the tenant itself. */
export interface ChangeTarget {
  readonly type: AdminChangeTargetType;
  readonly id: string;
}

/** Key of `target` in the map that `readChangeTargetNames` returns. */
export function changeTargetKey(target: ChangeTarget): string {
  return `${target.type}#${target.id}`;
}

function directoryKey(tenantId: string, target: ChangeTarget): { pk: string; sk: string } {
  const pk = `TENANT#${tenantId}`;
  switch (target.type) {
    case 'facility':
      return { pk, sk: `FACILITY#${target.id}` };
    case 'office':
      return { pk, sk: `OFFICE#${target.id}` };
    case 'user':
      return { pk, sk: `USER#${target.id}` };
    case 'device':
      return { pk, sk: `DEVICE#${target.id}` };
    case 'tenant':
      // A tenant's changes target the tenant itself, whose profile item has no id in its key.
      return { pk: `TENANT#${target.id}`, sk: 'PROFILE' };
  }
}

/**
 * Reads the current name of each target from the tenant's Directory items, 100 keys a
 * BatchGetItem request, retrying keys that DynamoDB left unprocessed. A user is named by display
 * name or else email. A target of another tenant, or one whose item is gone, is missing from
 * the map, which is keyed by `changeTargetKey`.
 */
export async function readChangeTargetNames(
  client: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
  targets: readonly ChangeTarget[],
): Promise<Map<string, string>> {
  const targetsByItem = new Map<string, ChangeTarget>();
  for (const target of targets) {
    // The tenant target is read only for the caller's own tenant.
    if (target.type === 'tenant' && target.id !== tenantId) continue;
    const key = directoryKey(tenantId, target);
    targetsByItem.set(`${key.pk}|${key.sk}`, target);
  }

  const names = new Map<string, string>();
  const keys = [...targetsByItem.keys()].map((itemKey) => {
    const [pk, sk] = itemKey.split('|');
    return { pk, sk };
  });
  for (let start = 0; start < keys.length; start += batchGetMaxKeys) {
    let pending: Record<string, unknown>[] = keys.slice(start, start + batchGetMaxKeys);
    while (pending.length > 0) {
      const result = await client.send(
        new BatchGetCommand({
          RequestItems: {
            [tableName]: {
              Keys: pending,
              ProjectionExpression: 'pk, sk, #name, displayName, email',
              ExpressionAttributeNames: { '#name': 'name' },
            },
          },
        }),
      );
      for (const item of result.Responses?.[tableName] ?? []) {
        const target = targetsByItem.get(`${item.pk}|${item.sk}`);
        const name = target?.type === 'user' ? (item.displayName ?? item.email) : item.name;
        if (target && typeof name === 'string') names.set(changeTargetKey(target), name);
      }
      pending = result.UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
  }
  return names;
}
