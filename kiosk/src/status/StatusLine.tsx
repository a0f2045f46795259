import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PendingCountObservable } from '../sync';

interface StatusLineProps {
  /** Absent until the sync module has loaded. */
  pendingCount: PendingCountObservable | undefined;
  /** Unsent check-ins of the facility of an earlier pairing; absent until the sync module has loaded. */
  previousFacilityCount: PendingCountObservable | undefined;
  /** False while the API sends no response although the browser is online, as on Wi-Fi without internet. */
  serverReachable: boolean;
}

function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/** Shows staff a discreet line with the network state and the check-ins not yet sent (未送信). */
export function StatusLine({ pendingCount, previousFacilityCount, serverReachable }: StatusLineProps) {
  const { t } = useTranslation();
  const browserOnline = useOnline();
  const online = browserOnline && serverReachable;
  let networkStatusKey = 'status.offline';
  if (online) networkStatusKey = 'status.online';
  else if (browserOnline) networkStatusKey = 'status.unreachable';
  // Undefined until the sync module has counted the stored check-ins, so that a reload shows no
  // count rather than 0 in the meantime.
  const [count, setCount] = useState<number>();
  const [previousCount, setPreviousCount] = useState(0);
  useEffect(() => pendingCount?.subscribe(setCount), [pendingCount]);
  useEffect(() => previousFacilityCount?.subscribe(setPreviousCount), [previousFacilityCount]);

  return (
    <footer className="status-line" data-testid="status-line">
      <span data-testid="status-online" data-online={online} data-reachable={serverReachable}>
        {t(networkStatusKey)}
      </span>
      {count !== undefined && (
        <span data-testid="status-pending" data-count={count}>
          {t('status.unsent', { count })}
        </span>
      )}
      {previousCount > 0 && (
        <span data-testid="status-previous-facility" data-count={previousCount}>
          {t('status.previousFacility', { count: previousCount })}
        </span>
      )}
    </footer>
  );
}
