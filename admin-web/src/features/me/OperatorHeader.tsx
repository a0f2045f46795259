import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useOperator } from './queries';

/** Top bar with the operator's tenant, user and role, the language switch and sign-out. */
export function OperatorHeader({ onSignOut }: { onSignOut: () => void }) {
  const { t } = useTranslation();
  const operator = useOperator();

  return (
    <header className="app-header">
      <div className="brand">{t('app.name')}</div>
      {operator.data && (
        <dl className="operator" data-testid="operator">
          <div>
            <dt>{t('header.tenant')}</dt>
            <dd data-testid="operator-tenant">{operator.data.tenantName}</dd>
          </div>
          <div>
            <dt>{t('header.user')}</dt>
            <dd data-testid="operator-user">
              {operator.data.displayName ?? operator.data.email}
              <span className="role-badge" data-testid="operator-role">
                {t(`header.role.${operator.data.role}`)}
              </span>
            </dd>
          </div>
        </dl>
      )}
      <div className="header-actions">
        <LanguageSwitch />
        <button type="button" className="button secondary" onClick={onSignOut} data-testid="sign-out">
          {t('auth.signOut')}
        </button>
      </div>
    </header>
  );
}
