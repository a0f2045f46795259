import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, LoadingMessage } from '../components/StatusMessage';
import { useOperator } from '../features/me/queries';

/**
 * Renders the children only when the signed-in user has the permission. Otherwise it shows a
 * no-permission page in Japanese and English, so a screen opened by URL never shows a form first.
 */
export function PermissionGate({ permission, children }: { permission: string | null; children: ReactNode }) {
  const operator = useOperator();

  if (permission === null) return children;
  if (operator.isPending) return <LoadingMessage />;
  if (operator.isError) return <ErrorMessage error={operator.error} onRetry={() => void operator.refetch()} />;
  if (!operator.data.permissions.includes(permission)) return <NoPermissionPage />;
  return children;
}

function NoPermissionPage() {
  const { i18n } = useTranslation();
  const japanese = i18n.getFixedT('ja');
  const english = i18n.getFixedT('en');

  return (
    <section className="card" aria-labelledby="no-permission-title" data-testid="no-permission">
      <h1 id="no-permission-title">
        {japanese('access.deniedTitle')} <span lang="en">/ {english('access.deniedTitle')}</span>
      </h1>
      <p>{japanese('access.deniedBody')}</p>
      <p lang="en">{english('access.deniedBody')}</p>
    </section>
  );
}
