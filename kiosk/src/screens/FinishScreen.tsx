import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

interface FinishScreenProps {
  onDone: () => void;
}

// The next guest should not find the previous guest's language and thanks on screen.
const returnToStartMs = 30_000;

/** Thanks the guest; the form state was already wiped when this screen appeared. */
export function FinishScreen({ onDone }: FinishScreenProps) {
  const { t } = useTranslation();
  useEffect(() => {
    const timer = setTimeout(onDone, returnToStartMs);
    return () => clearTimeout(timer);
  }, [onDone]);
  return (
    <div className="screen finish" data-testid="finish-screen">
      <h1>{t('finish.title')}</h1>
      <p>{t('finish.body')}</p>
      <button type="button" className="primary" onClick={onDone} data-testid="finish-done">
        {t('finish.done')}
      </button>
    </div>
  );
}
