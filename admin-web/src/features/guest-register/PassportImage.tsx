import { useTranslation } from 'react-i18next';
import { ErrorMessage, LoadingMessage } from '../../components/StatusMessage';
import { toDataUrl } from './api';
import { useGuestImage } from './queries';

/** A decrypted guest image: the passport copy, or the face photo taken with it at the kiosk. */
export function PassportImage(props: { entryId: string; imageId: string; guestName: string; kind?: 'passport' | 'face' }) {
  const { t } = useTranslation();
  const image = useGuestImage(props.entryId, props.imageId);

  if (image.isPending) return <LoadingMessage />;
  if (image.isError) return <ErrorMessage error={image.error} onRetry={() => void image.refetch()} />;

  return (
    <img
      className="passport-image"
      src={toDataUrl(image.data)}
      alt={t(props.kind === 'face' ? 'guest.faceImageAlt' : 'guest.passportImageAlt', { name: props.guestName })}
      data-testid={props.kind === 'face' ? 'face-image' : 'passport-image'}
      data-image-id={props.imageId}
    />
  );
}
