import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/StatusMessage';
import { AuditLogPage } from '../features/audit-log/AuditLogPage';
import { getIdToken, signOutOperator, useSignedIn } from '../features/auth/session';
import { AccountPage } from '../features/account/AccountPage';
import { SupportPage } from '../features/support/SupportPage';
import { FacilitiesPage } from '../features/facilities/FacilitiesPage';
import { FacilityFormPage } from '../features/facilities/FacilityFormPage';
import { ImportPage } from '../features/facility-import/ImportPage';
import { useOperator } from '../features/me/queries';
import { OfficesPage } from '../features/offices/OfficesPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { UsersPage } from '../features/users/UsersPage';
import { RegisterEntryPage } from '../features/guest-register/RegisterEntryPage';
import { RegisterPage } from '../features/guest-register/RegisterPage';
import { OperatorHeader } from '../features/me/OperatorHeader';
import { ReportsPage } from '../features/reports/ReportsPage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { ApiError, clientErrorCodes, createApiClient } from '../lib/api-client';
import { ApiClientProvider } from '../lib/api-context';
import type { AppConfig } from './config';
import { PermissionGate } from './PermissionGate';
import { requiredPermission } from './route-access';
import { routeHref, useRoute, type Route } from './routes';

// The Authenticator, its state machine, vocabularies and styles load only when someone has to sign in.
const SignInScreen = lazy(() => import('../features/auth/SignInScreen'));

/** Errors that a retry cannot fix: the request or the session is wrong, not the network. */
function isPermanent(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500;
}

export function App({ config }: { config: AppConfig }) {
  const { t } = useTranslation();
  const signedIn = useSignedIn();
  const checking = (
    <p className="status status-loading" role="status">
      {t('auth.checking')}
    </p>
  );

  if (signedIn === undefined) return checking;
  if (!signedIn) {
    return (
      <Suspense fallback={checking}>
        <SignInScreen />
      </Suspense>
    );
  }
  return <SignedInApp config={config} />;
}

function SignedInApp({ config }: { config: AppConfig }) {
  const queryClient = useMemo(
    () =>
      new QueryClient({
        queryCache: new QueryCache({
          onError: (error) => {
            if (error instanceof ApiError && error.code === clientErrorCodes.notSignedIn) void signOutOperator();
          },
        }),
        defaultOptions: {
          queries: { retry: (failures, error) => !isPermanent(error) && failures < 2 },
        },
      }),
    [],
  );
  const apiClient = useMemo(() => createApiClient({ apiUrl: config.apiUrl, getIdToken }), [config.apiUrl]);

  async function signOut() {
    // Drop every cached response first: they hold decrypted guest data.
    queryClient.clear();
    await signOutOperator();
  }

  return (
    <QueryClientProvider client={queryClient}>
      <ApiClientProvider client={apiClient}>
        <SignedInShell onSignOut={() => void signOut()} />
      </ApiClientProvider>
    </QueryClientProvider>
  );
}

/** Menu entries that only users with the route's permission see. */
type NavRoute = Extract<Route, { name: 'reports' | 'users' | 'settings' | 'audit-log' }>['name'];

function SignedInShell({ onSignOut }: { onSignOut: () => void }) {
  const { t } = useTranslation();
  const route = useRoute();
  const section = route.name.startsWith('facilit') ? 'facilities' : route.name === 'entry' ? 'register' : route.name;
  const operator = useOperator();
  // The menu lists only the screens whose data the API would serve to this user.
  const permissions = operator.data?.permissions ?? [];
  const canOpen = (name: NavRoute) => {
    const permission = requiredPermission({ name });
    return permission === null || permissions.includes(permission);
  };
  // An owner in prod must set up two-step verification before the API serves anything else.
  const mfaSetupRequired = operator.data?.mfaSetupRequired ?? false;
  // A disabled user may still hold a valid token. The API rejects every request, so show why once.
  const disabled = operator.error instanceof ApiError && operator.error.code === 'user_disabled';

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <OperatorHeader onSignOut={onSignOut} />
      <nav className="app-nav" aria-label={t('nav.label')}>
        <a href={routeHref({ name: 'dashboard' })} aria-current={section === 'dashboard' ? 'page' : undefined} data-testid="nav-dashboard">
          {t('nav.dashboard')}
        </a>
        <a href={routeHref({ name: 'facilities' })} aria-current={section === 'facilities' ? 'page' : undefined} data-testid="nav-facilities">
          {t('nav.facilities')}
        </a>
        <a href={routeHref({ name: 'register' })} aria-current={section === 'register' ? 'page' : undefined} data-testid="nav-register">
          {t('nav.register')}
        </a>
        {canOpen('reports') && (
          <a href={routeHref({ name: 'reports' })} aria-current={section === 'reports' ? 'page' : undefined} data-testid="nav-reports">
            {t('nav.reports')}
          </a>
        )}
        <a href={routeHref({ name: 'offices' })} aria-current={section === 'offices' ? 'page' : undefined} data-testid="nav-offices">
          {t('nav.offices')}
        </a>
        {canOpen('users') && (
          <a href={routeHref({ name: 'users' })} aria-current={section === 'users' ? 'page' : undefined} data-testid="nav-users">
            {t('nav.users')}
          </a>
        )}
        <a href={routeHref({ name: 'account' })} aria-current={section === 'account' ? 'page' : undefined} data-testid="nav-account">
          {t('nav.account')}
        </a>
        {canOpen('settings') && (
          <a href={routeHref({ name: 'settings' })} aria-current={section === 'settings' ? 'page' : undefined} data-testid="nav-settings">
            {t('nav.settings')}
          </a>
        )}
        {canOpen('audit-log') && (
          <a href={routeHref({ name: 'audit-log' })} aria-current={section === 'audit-log' ? 'page' : undefined} data-testid="nav-audit-log">
            {t('nav.auditLog')}
          </a>
        )}
        <a href={routeHref({ name: 'support' })} aria-current={section === 'support' ? 'page' : undefined} data-testid="nav-support">
          {t('nav.support')}
        </a>
      </nav>
      <main id="main" className="content">
        {disabled ? <ErrorMessage error={operator.error} /> : mfaSetupRequired ? (
          <AccountPage />
        ) : (
          <PermissionGate permission={requiredPermission(route)}>
            <Screen route={route} />
          </PermissionGate>
        )}
      </main>
    </div>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'dashboard':
      return <DashboardPage />;
    case 'facilities':
      return <FacilitiesPage />;
    case 'facility-new':
      return <FacilityFormPage />;
    case 'facility-edit':
      return <FacilityFormPage facilityId={route.facilityId} />;
    case 'facility-import':
      return <ImportPage />;
    case 'offices':
      return <OfficesPage />;
    case 'users':
      return <UsersPage />;
    case 'settings':
      return <SettingsPage />;
    case 'account':
      return <AccountPage />;
    case 'register':
      return <RegisterPage />;
    case 'entry':
      return <RegisterEntryPage entryId={route.entryId} />;
    case 'reports':
      return <ReportsPage />;
    case 'audit-log':
      return <AuditLogPage />;
    case 'support':
      return <SupportPage />;
  }
}
