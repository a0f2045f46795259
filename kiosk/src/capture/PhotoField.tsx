import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CapturedPhoto } from '../check-in/check-in-form';
import { PhotoQualityError, preparePhoto, preparePhotoFile } from './compress-photo';
import type { PhotoKind } from './photo-quality';

interface PhotoFieldProps {
  kind: PhotoKind;
  photo: CapturedPhoto | undefined;
  onChange: (photo: CapturedPhoto | undefined) => void;
  /** Shown under the field; already translated. */
  error?: string;
}

type CameraState = 'idle' | 'starting' | 'live' | 'unavailable';

const facingModes: Record<PhotoKind, 'environment' | 'user'> = { passport: 'environment', face: 'user' };

/**
 * Takes a photo with the iPad camera, or from a picked file where the camera is unavailable,
 * rejects small, dark, glaring or blurred photos with advice, and shows a preview with retake. The
 * image stays in memory only. Test ids start with the kind: `passport-capture`, `face-preview`.
 */
export function PhotoField({ kind, photo, onChange, error }: PhotoFieldProps) {
  const { t } = useTranslation();
  const videoRef = useRef<HTMLVideoElement>(null);
  const streamRef = useRef<MediaStream | undefined>(undefined);
  const [cameraState, setCameraState] = useState<CameraState>('idle');
  const [processing, setProcessing] = useState(false);
  const [rejectionKey, setRejectionKey] = useState<string>();
  const [previewUrl, setPreviewUrl] = useState<string>();
  const errorId = `${kind}-photo-error`;

  useEffect(() => {
    if (!photo) {
      setPreviewUrl(undefined);
      return;
    }
    const url = URL.createObjectURL(new Blob([new Uint8Array(photo.jpeg)], { type: 'image/jpeg' }));
    setPreviewUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [photo]);

  useEffect(() => stopCamera, []);

  function stopCamera() {
    streamRef.current?.getTracks().forEach((track) => track.stop());
    streamRef.current = undefined;
  }

  async function startCamera() {
    setRejectionKey(undefined);
    if (!navigator.mediaDevices?.getUserMedia) {
      setCameraState('unavailable');
      return;
    }
    setCameraState('starting');
    try {
      const stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: facingModes[kind] }, width: { ideal: 1920 } },
        audio: false,
      });
      streamRef.current = stream;
      setCameraState('live');
      if (videoRef.current) {
        videoRef.current.srcObject = stream;
        await videoRef.current.play();
      }
    } catch {
      stopCamera();
      setCameraState('unavailable');
    }
  }

  /** Returns true when the photo was kept, false when it was rejected. */
  async function keepPhoto(prepare: () => Promise<Uint8Array>): Promise<boolean> {
    setProcessing(true);
    setRejectionKey(undefined);
    try {
      const jpeg = await prepare();
      onChange({ imageId: crypto.randomUUID(), jpeg });
      return true;
    } catch (error) {
      setRejectionKey(error instanceof PhotoQualityError ? `capture.advice.${error.problem}` : 'validation.photoFailed');
      return false;
    } finally {
      setProcessing(false);
    }
  }

  async function capture() {
    const video = videoRef.current;
    if (!video || video.videoWidth === 0) return;
    // A rejected frame keeps the camera running, so the guest can adjust and capture again.
    if (await keepPhoto(() => preparePhoto(kind, video, video.videoWidth, video.videoHeight))) {
      stopCamera();
      setCameraState('idle');
    }
  }

  async function pickFile(event: React.ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    stopCamera();
    setCameraState('idle');
    await keepPhoto(() => preparePhotoFile(kind, file));
  }

  function retake() {
    onChange(undefined);
    void startCamera();
  }

  return (
    <fieldset className="field photo-field" aria-describedby={errorId} data-field={`${kind}Photo`}>
      <legend>{t(`guest.${kind}Photo`)}</legend>
      <p className="hint">{t(`capture.${kind}Hint`)}</p>

      {photo && previewUrl ? (
        <div className="photo-preview">
          <img src={previewUrl} alt={t(`capture.${kind}PreviewAlt`)} data-testid={`${kind}-preview`} />
          <button type="button" onClick={retake} data-testid={`${kind}-retake`}>
            {t('capture.retake')}
          </button>
        </div>
      ) : (
        <>
          <video
            ref={videoRef}
            className={kind === 'face' ? 'camera-view mirrored' : 'camera-view'}
            hidden={cameraState !== 'live'}
            playsInline
            muted
            data-testid={`${kind}-camera-view`}
          />
          <div className="button-row">
            {cameraState === 'live' ? (
              <>
                <button
                  type="button"
                  className="primary"
                  disabled={processing}
                  onClick={() => void capture()}
                  data-testid={`${kind}-capture`}
                >
                  {t('capture.capture')}
                </button>
                <button
                  type="button"
                  onClick={() => {
                    stopCamera();
                    setCameraState('idle');
                  }}
                  data-testid={`${kind}-camera-cancel`}
                >
                  {t('capture.cancel')}
                </button>
              </>
            ) : (
              <button
                type="button"
                onClick={() => void startCamera()}
                disabled={cameraState === 'starting'}
                data-testid={`${kind}-camera-start`}
              >
                {t('capture.start')}
              </button>
            )}
            <label className="button file-button">
              {t('capture.chooseFile')}
              <input
                type="file"
                accept="image/*"
                capture={facingModes[kind]}
                onChange={(event) => void pickFile(event)}
                data-testid={`${kind}-file-input`}
              />
            </label>
          </div>
        </>
      )}

      {processing && <p role="status">{t('capture.processing')}</p>}
      {cameraState === 'unavailable' && <p role="status">{t('capture.unavailable')}</p>}
      <p id={errorId} className="field-error" role="alert" data-testid={`field-error-${kind}Photo`}>
        {rejectionKey ? t(rejectionKey) : error}
      </p>
    </fieldset>
  );
}
