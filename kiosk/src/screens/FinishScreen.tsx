import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

interface FinishScreenProps {
  /** The facility's door or keybox code; set only when every guest of the stay is complete. */
  doorCode: string | undefined;
  onDone: () => void;
}

// The next guest should not find the previous guest's language, thanks and door code on screen.
const returnToStartMs = 60_000;

/** Thanks the guest and shows the door code; the form state was already wiped when this screen appeared. */
export function FinishScreen({ doorCode, onDone }: FinishScreenProps) {
  const { t } = useTranslation();
  useEffect(() => {
    const timer = setTimeout(onDone, returnToStartMs);
    return () => clearTimeout(timer);
  }, [onDone]);
  return (
    <div className="screen finish" data-testid="finish-screen">
      <h1>{t('finish.title')}</h1>
      <p>{t('finish.body')}</p>
      {doorCode && (
        <div className="door-code" data-testid="door-code-panel">
          <h2>{t('finish.doorCode')}</h2>
          <p className="door-code-value" data-testid="door-code">
            {doorCode}
          </p>
          <p className="hint">{t('finish.doorCodeNote')}</p>
        </div>
      )}
      <button type="button" className="primary" onClick={onDone} data-testid="finish-done">
        {t('finish.done')}
      </button>
    </div>
  );
}
