import type { Route } from './routes';

/**
 * Returns the permission (as `GET /me` lists it) that the API requires for the data a screen
 * loads or saves, or null for screens every signed-in user may open.
 */
export function requiredPermission(route: Route): string | null {
  switch (route.name) {
    case 'users':
    case 'settings':
      return 'user:manage';
    case 'audit-log':
      return 'audit:read';
    case 'facility-new':
    case 'facility-edit':
    case 'facility-import':
      return 'facility:write';
    case 'facilities':
    case 'offices':
      return 'facility:read';
    case 'register':
    case 'entry':
      return 'register:read';
    case 'reports':
      return 'report:manage';
    case 'dashboard':
    case 'account':
    case 'support':
      return null;
  }
}
