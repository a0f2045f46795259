import { useCallback, useEffect, useRef } from 'react';
import type { KioskConfig } from '../config/kiosk-config';
import type { PairedDevice } from './paired-device';
import { appVersion } from './app-version';
import { storeFacilitySettings, type FacilitySettings } from './facility-settings';
import { sendHeartbeat } from './heartbeat';

type SyncModule = typeof import('../sync');

/** Interval of the heartbeat; admin-web counts a device online while it was seen within 3 intervals. */
export const heartbeatIntervalMs = 60_000;
/** Interval of the heartbeat while the last one could not reach the API. */
export const unreachableRetryMs = 10_000;

/** True for a request that got no response at all: fetch's TypeError, or Amplify's NetworkError. */
function isNetworkFailure(error: unknown): boolean {
  return error instanceof TypeError || (error as Error | undefined)?.name === 'NetworkError';
}

/**
 * Reports the app version and the unsent count to the API. It reports every minute while online,
 * when the unsent count drops to zero, and whenever the network returns or sync reports rejected
 * credentials, when the screen becomes visible again, and when the caller calls the returned
 * function. It stores the facility settings the API returns, and calls `onRevoked` when the
 * API or Cognito rejects the device's credentials. While the API cannot be reached, although the
 * browser is online, it reports so and tries again every 10 seconds.
 */
export function useHeartbeat(
  config: KioskConfig | undefined,
  device: PairedDevice | undefined,
  sync: SyncModule | undefined,
  handlers: {
    onSettings: (settings: FacilitySettings) => void;
    onRevoked: () => void;
    /** Called after each heartbeat with whether the API sent any response. */
    onReachable?: (reachable: boolean) => void;
  },
): () => void {
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  const beatRef = useRef<() => void>(undefined);

  useEffect(() => {
    if (!config || !device || !sync) return;
    let pendingCount = 0;
    let stopped = false;
    let retryTimer: number | undefined;
    // Reports whether the API responded, and retries soon while it did not, so that the status
    // line shows the server back without waiting for the next minute.
    const reportReachable = (reachable: boolean) => {
      handlersRef.current.onReachable?.(reachable);
      window.clearTimeout(retryTimer);
      retryTimer = reachable ? undefined : window.setTimeout(() => void beat(), unreachableRetryMs);
    };
    const unsubscribe = sync.pendingCount().subscribe((count) => {
      const previous = pendingCount;
      pendingCount = count;
      // Reports the emptied outbox at once, so admin-web does not show sent check-ins as unsent
      // until the next interval, or for good when the kiosk closes before it.
      if (count === 0 && previous > 0) void beat();
    });

    async function beat() {
      if (stopped || !navigator.onLine || !config || !device) return;
      let idToken: string;
      try {
        // Already loaded with the sync module, so this import costs no request.
        const { deviceIdToken } = await import('../amplify/device-session');
        idToken = await deviceIdToken(config, device);
      } catch (error) {
        // Cognito answers NotAuthorizedException for a disabled user or a wrong password:
        // either way only pairing again helps.
        if ((error as Error).name === 'NotAuthorizedException') handlersRef.current.onRevoked();
        else console.warn('Heartbeat skipped: no device session', { errorName: (error as Error).name });
        if (!stopped && isNetworkFailure(error)) reportReachable(false);
        return;
      }
      try {
        const result = await sendHeartbeat(config.apiUrl, idToken, { appVersion, pendingCount });
        if (stopped) return;
        reportReachable(true);
        if (result.status === 'revoked') {
          handlersRef.current.onRevoked();
          return;
        }
        storeFacilitySettings(result.facility);
        handlersRef.current.onSettings(result.facility);
      } catch (error) {
        console.warn('Heartbeat failed; retrying at the next interval', { errorName: (error as Error).name });
        if (!stopped && isNetworkFailure(error)) reportReachable(false);
      }
    }

    void beat();
    const interval = window.setInterval(() => void beat(), heartbeatIntervalMs);
    const onOnline = () => void beat();
    window.addEventListener('online', onOnline);
    // A rejected sync request may mean a revocation, so the heartbeat queries the API at once.
    const stopAccessRejected = sync.onAccessRejected(() => void beat());
    const onVisibilityChange = () => {
      if (document.visibilityState === 'visible') void beat();
    };
    document.addEventListener('visibilitychange', onVisibilityChange);
    beatRef.current = () => void beat();
    return () => {
      stopped = true;
      window.clearTimeout(retryTimer);
      beatRef.current = undefined;
      unsubscribe();
      stopAccessRejected();
      window.clearInterval(interval);
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisibilityChange);
    };
  }, [config, device, sync]);

  return useCallback(() => beatRef.current?.(), []);
}
