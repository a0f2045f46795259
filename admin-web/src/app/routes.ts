import { useEffect, useState } from 'react';

/** Screens of the app, addressed by the URL hash so the browser's back button works. */
export type Route =
  | { name: 'facilities' }
  | { name: 'register' }
  | { name: 'entry'; entryId: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'register' && parts[1]) return { name: 'entry', entryId: decodeURIComponent(parts[1]) };
  if (parts[0] === 'register') return { name: 'register' };
  return { name: 'facilities' };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'facilities':
      return '#/facilities';
    case 'register':
      return '#/register';
    case 'entry':
      return `#/register/${encodeURIComponent(route.entryId)}`;
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
