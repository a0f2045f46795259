import { readFileSync } from 'node:fs';
import path from 'node:path';
import { operatorRoles, type OperatorRole } from '../../lambdas/http/caller';
import { reachesOffice, requireInOffices, requireOfficeAssignable, withinOffices, type OperatorAccess } from '../../lambdas/organisation/access-context';
import {
  allows,
  effectivePermissions,
  grantablePermissions,
  permissions,
  requirePermission,
  seesAllOffices,
  type Permission,
} from '../../lambdas/organisation/permissions';

type Cell = 'yes' | 'no' | 'grant';

/** The matrix as the product defines it, written out independently of permissions.ts. */
const expectedMatrix: Record<Permission, Record<OperatorRole, Cell>> = {
  'register:read': { owner: 'yes', manager: 'yes', staff: 'yes' },
  'register:read-pii': { owner: 'yes', manager: 'yes', staff: 'grant' },
  'register:export': { owner: 'yes', manager: 'yes', staff: 'grant' },
  'register:correct': { owner: 'yes', manager: 'yes', staff: 'no' },
  'register:confirm-stay': { owner: 'yes', manager: 'yes', staff: 'yes' },
  'report:manage': { owner: 'yes', manager: 'yes', staff: 'no' },
  'facility:read': { owner: 'yes', manager: 'yes', staff: 'yes' },
  'facility:write': { owner: 'yes', manager: 'yes', staff: 'no' },
  'device:manage': { owner: 'yes', manager: 'yes', staff: 'yes' },
  'user:manage': { owner: 'yes', manager: 'no', staff: 'no' },
  'billing:manage': { owner: 'yes', manager: 'no', staff: 'no' },
  'audit:read': { owner: 'yes', manager: 'no', staff: 'no' },
};

const cells = permissions.flatMap((permission) => operatorRoles.map((role) => [permission, role, expectedMatrix[permission][role]] as const));

describe('permission matrix', () => {
  test('covers every permission', () => {
    expect(Object.keys(expectedMatrix).sort()).toEqual([...permissions].sort());
  });

  test.each(cells)('%s for %s is %s without grants', (permission, role, cell) => {
    expect(allows(role, permission)).toBe(cell === 'yes');
  });

  test.each(cells)('%s for %s is %s with every grant', (permission, role, cell) => {
    expect(allows(role, permission, [...grantablePermissions])).toBe(cell !== 'no');
  });

  test.each(cells)('requirePermission %s for %s (%s)', (permission, role, cell) => {
    const check = () => requirePermission({ role }, permission);

    if (cell === 'yes') expect(check).not.toThrow();
    else expect(check).toThrow(expect.objectContaining({ statusCode: 403, code: 'forbidden' }));
  });

  test('grants are exactly the grant cells', () => {
    const grantCells = cells.filter(([, , cell]) => cell === 'grant').map(([permission]) => permission);

    expect([...grantablePermissions].sort()).toEqual([...new Set(grantCells)].sort());
  });

  test('grants do not widen managers', () => {
    expect(allows('manager', 'user:manage', ['user:manage'])).toBe(false);
  });

  test('staff grant of billing ignored', () => {
    expect(allows('staff', 'billing:manage', ['billing:manage' as Permission])).toBe(false);
  });

  test('effective permissions follow the matrix', () => {
    expect(effectivePermissions('staff', ['register:export'])).toEqual(['register:read', 'register:export', 'register:confirm-stay', 'facility:read', 'device:manage']);
  });

  test('only owners see all offices', () => {
    expect(operatorRoles.filter(seesAllOffices)).toEqual(['owner']);
  });

  test('rejection message is bilingual', () => {
    expect(() => requirePermission({ role: 'staff' }, 'user:manage')).toThrow(/^この操作の権限がありません（user:manage） \/ you lack/);
  });

  test('docs table matches the matrix', () => {
    const doc = readFileSync(path.join(__dirname, '../../docs/permissions.md'), 'utf8');
    for (const permission of permissions) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${permission}\` |`));
      expect(row).toBeDefined();
      const documented = row!.split('|').slice(3, 6).map((text) => text.trim());
      const expected = operatorRoles.map((role) => ({ yes: '✓', grant: 'grant', no: '' })[expectedMatrix[permission][role]]);
      expect({ permission, documented }).toEqual({ permission, documented: expected });
    }
  });
});

describe('office scope', () => {
  const staff: OperatorAccess = {
    tenantId: 't',
    userId: 'u',
    email: 'u@example.invalid',
    role: 'staff',
    grants: [],
    officeIds: ['north'],
    allOffices: false,
    mfaSetupRequired: false,
    mfaEnabled: false,
  };
  const owner: OperatorAccess = { ...staff, role: 'owner', officeIds: [], allOffices: true };
  const notFound = { ja: '施設が見つかりません', en: 'facility not found', field: 'facilityId' };

  test('staff reaches own office', () => {
    expect(reachesOffice(staff, 'north')).toBe(true);
    expect(reachesOffice(staff, 'south')).toBe(false);
  });

  test('item without office is owner-only', () => {
    expect(reachesOffice(staff, undefined)).toBe(false);
    expect(reachesOffice(owner, undefined)).toBe(true);
  });

  test('lists are filtered', () => {
    const items = [{ id: 1, officeId: 'north' }, { id: 2, officeId: 'south' }, { id: 3 }];

    expect(withinOffices(staff, items).map((item) => item.id)).toEqual([1]);
    expect(withinOffices(owner, items).map((item) => item.id)).toEqual([1, 2, 3]);
  });

  test('out-of-scope item reads as missing', () => {
    const outside = () => requireInOffices(staff, { officeId: 'south' }, notFound);
    const missing = () => requireInOffices(staff, undefined, notFound);

    expect(outside).toThrow(expect.objectContaining({ statusCode: 404, field: 'facilityId' }));
    expect(missing).toThrow(expect.objectContaining({ statusCode: 404, field: 'facilityId' }));
  });

  test('assigning a foreign office is 403', () => {
    expect(() => requireOfficeAssignable(staff, 'south')).toThrow(expect.objectContaining({ statusCode: 403, field: 'officeId' }));
    expect(() => requireOfficeAssignable(owner, 'south')).not.toThrow();
  });
});
