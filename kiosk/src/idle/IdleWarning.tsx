import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkInIdleMs, checkInWarningMs, IdleTimer } from './idle-timer';

const activityEvents = ['pointerdown', 'keydown', 'input', 'compositionupdate'] as const;

/**
 * Runs the idle timer while `active` and returns whether the warning is showing. Any touch,
 * key or IME composition on the page counts as activity.
 */
export function useIdleTimeout(active: boolean, onExpire: () => void): { warning: boolean; dismiss: () => void } {
  const [warning, setWarning] = useState(false);
  const timerRef = useRef<IdleTimer | undefined>(undefined);
  const expireRef = useRef(onExpire);
  expireRef.current = onExpire;

  useEffect(() => {
    if (!active) {
      setWarning(false);
      return;
    }
    const timer = new IdleTimer({
      idleMs: checkInIdleMs,
      warningMs: checkInWarningMs,
      onWarn: () => setWarning(true),
      onExpire: () => {
        setWarning(false);
        expireRef.current();
      },
    });
    timerRef.current = timer;
    const onActivity = () => {
      timer.recordActivity();
      setWarning(false);
    };
    for (const name of activityEvents) window.addEventListener(name, onActivity, { capture: true });
    return () => {
      timer.stop();
      timerRef.current = undefined;
      for (const name of activityEvents) window.removeEventListener(name, onActivity, { capture: true });
    };
  }, [active]);

  return {
    warning,
    dismiss: () => {
      timerRef.current?.recordActivity();
      setWarning(false);
    },
  };
}

/** Tells the guest that the form will be cleared soon, with a countdown and a way to continue. */
export function IdleWarning({ onContinue }: { onContinue: () => void }) {
  const { t } = useTranslation();
  const [secondsLeft, setSecondsLeft] = useState(Math.round(checkInWarningMs / 1000));

  useEffect(() => {
    const interval = window.setInterval(() => setSecondsLeft((seconds) => Math.max(0, seconds - 1)), 1000);
    return () => window.clearInterval(interval);
  }, []);

  return (
    <div className="idle-overlay" role="alertdialog" aria-labelledby="idle-title" data-testid="idle-warning">
      <div className="idle-dialog">
        <h2 id="idle-title">{t('idle.title')}</h2>
        <p>{t('idle.body', { seconds: secondsLeft })}</p>
        <button type="button" className="primary" onClick={onContinue} data-testid="idle-continue">
          {t('idle.continue')}
        </button>
      </div>
    </div>
  );
}
