import { useEffect, useState } from 'react';

/** Screens of the app, addressed by the URL hash so the browser's back button works. */
export type Route =
  | { name: 'dashboard' }
  | { name: 'facilities' }
  | { name: 'facility-new' }
  | { name: 'facility-edit'; facilityId: string }
  | { name: 'facility-import' }
  | { name: 'offices' }
  | { name: 'users' }
  | { name: 'settings' }
  | { name: 'account' }
  | { name: 'register' }
  | { name: 'entry'; entryId: string }
  | { name: 'reports' }
  | { name: 'audit-log' }
  | { name: 'support' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'register' && parts[1]) return { name: 'entry', entryId: decodeURIComponent(parts[1]) };
  if (parts[0] === 'register') return { name: 'register' };
  if (parts[0] === 'facilities' && parts[1] === 'new') return { name: 'facility-new' };
  if (parts[0] === 'facilities' && parts[1] === 'import') return { name: 'facility-import' };
  if (parts[0] === 'facilities' && parts[1] && parts[2] === 'edit') return { name: 'facility-edit', facilityId: decodeURIComponent(parts[1]) };
  if (parts[0] === 'offices') return { name: 'offices' };
  if (parts[0] === 'users') return { name: 'users' };
  if (parts[0] === 'settings') return { name: 'settings' };
  if (parts[0] === 'account') return { name: 'account' };
  if (parts[0] === 'reports') return { name: 'reports' };
  if (parts[0] === 'audit-log') return { name: 'audit-log' };
  if (parts[0] === 'support') return { name: 'support' };
  if (parts[0] === 'facilities') return { name: 'facilities' };
  return { name: 'dashboard' };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'dashboard':
      return '#/dashboard';
    case 'facilities':
      return '#/facilities';
    case 'facility-new':
      return '#/facilities/new';
    case 'facility-import':
      return '#/facilities/import';
    case 'facility-edit':
      return `#/facilities/${encodeURIComponent(route.facilityId)}/edit`;
    case 'offices':
      return '#/offices';
    case 'users':
      return '#/users';
    case 'settings':
      return '#/settings';
    case 'account':
      return '#/account';
    case 'register':
      return '#/register';
    case 'entry':
      return `#/register/${encodeURIComponent(route.entryId)}`;
    case 'reports':
      return '#/reports';
    case 'audit-log':
      return '#/audit-log';
    case 'support':
      return '#/support';
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
