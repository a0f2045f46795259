import { requiredPermission } from '../../admin-web/src/app/route-access';
import { parseRoute } from '../../admin-web/src/app/routes';
import { permissions } from '../../lambdas/organisation/permissions';

/** One URL hash per screen, as the menu and links write them. */
const hashes = [
  '#/dashboard',
  '#/facilities',
  '#/facilities/new',
  '#/facilities/f-1/edit',
  '#/facilities/import',
  '#/offices',
  '#/users',
  '#/settings',
  '#/account',
  '#/register',
  '#/register/e-1',
  '#/reports',
  '#/audit-log',
];

describe('admin route permissions', () => {
  test.each(hashes.map((hash) => [hash]))('%s needs a known permission or none', (hash) => {
    const permission = requiredPermission(parseRoute(hash));

    expect(permission === null || (permissions as readonly string[]).includes(permission)).toBe(true);
  });

  test.each([
    ['#/users', 'user:manage'],
    ['#/settings', 'user:manage'],
    ['#/audit-log', 'audit:read'],
    ['#/reports', 'report:manage'],
    ['#/facilities/new', 'facility:write'],
    ['#/facilities/f-1/edit', 'facility:write'],
    ['#/facilities/import', 'facility:write'],
    ['#/register/e-1', 'register:read'],
  ])('%s needs %s', (hash, permission) => {
    expect(requiredPermission(parseRoute(hash))).toBe(permission);
  });

  test.each([['#/dashboard'], ['#/account']])('%s open to every user', (hash) => {
    expect(requiredPermission(parseRoute(hash))).toBeNull();
  });
});
