import { useTranslation } from 'react-i18next';
import { ErrorMessage, LoadingMessage } from '../../components/StatusMessage';
import { toDataUrl } from './api';
import { useGuestImage } from './queries';

export function PassportImage(props: { entryId: string; imageId: string; guestName: string }) {
  const { t } = useTranslation();
  const image = useGuestImage(props.entryId, props.imageId);

  if (image.isPending) return <LoadingMessage />;
  if (image.isError) return <ErrorMessage error={image.error} onRetry={() => void image.refetch()} />;

  return (
    <img
      className="passport-image"
      src={toDataUrl(image.data)}
      alt={t('guest.passportImageAlt', { name: props.guestName })}
      data-testid="passport-image"
      data-image-id={props.imageId}
    />
  );
}
