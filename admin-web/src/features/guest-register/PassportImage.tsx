import { useTranslation } from 'react-i18next';
import { ErrorMessage, LoadingMessage } from '../../components/StatusMessage';
import { ApiError } from '../../lib/api-client';
import { toDataUrl } from './api';
import { useGuestImage } from './queries';

type GuestImageKind = 'passport' | 'face';

/** A decrypted guest image: the passport copy, or the face photo taken with it at the kiosk. */
export function PassportImage(props: { entryId: string; imageId: string; guestName: string; kind?: GuestImageKind }) {
  const { t } = useTranslation();
  const image = useGuestImage(props.entryId, props.imageId);
  const kind = props.kind ?? 'passport';

  if (image.isPending) return <LoadingMessage />;
  // A 403 means that the operator lacks `register:read-pii`, so a retry cannot help.
  if (image.isError && image.error instanceof ApiError && image.error.status === 403) return <GuestImageHidden kind={kind} />;
  if (image.isError) return <ErrorMessage error={image.error} onRetry={() => void image.refetch()} />;

  return (
    <img
      className="passport-image"
      src={toDataUrl(image.data)}
      alt={t(kind === 'face' ? 'guest.faceImageAlt' : 'guest.passportImageAlt', { name: props.guestName })}
      data-testid={kind === 'face' ? 'face-image' : 'passport-image'}
      data-image-id={props.imageId}
    />
  );
}

/** Shows a neutral note in place of a guest image that the operator has no permission to view. */
export function GuestImageHidden(props: { kind: GuestImageKind }) {
  const { t } = useTranslation();
  return (
    <p className="muted" data-testid={`${props.kind}-image-hidden`}>
      {t(props.kind === 'face' ? 'guest.faceImageHidden' : 'guest.passportImageHidden')}
    </p>
  );
}
