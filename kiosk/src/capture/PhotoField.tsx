import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CapturedPhoto } from '../check-in/check-in-form';
import { compressPhoto, compressPhotoFile } from './compress-photo';

interface PassportPhotoFieldProps {
  photo: CapturedPhoto | undefined;
  onChange: (photo: CapturedPhoto | undefined) => void;
  /** Shown under the field; already translated. */
  error?: string;
}

type CameraState = 'idle' | 'starting' | 'live' | 'unavailable';

/**
 * Takes the passport photo with the rear camera, or from a picked file where the camera is
 * unavailable, and shows a preview with retake. The image stays in memory only.
 */
export function PassportPhotoField({ photo, onChange, error }: PassportPhotoFieldProps) {
  const { t } = useTranslation();
  const videoRef = useRef<HTMLVideoElement>(null);
  const streamRef = useRef<MediaStream | undefined>(undefined);
  const [cameraState, setCameraState] = useState<CameraState>('idle');
  const [processing, setProcessing] = useState(false);
  const [photoFailed, setPhotoFailed] = useState(false);
  const [previewUrl, setPreviewUrl] = useState<string>();

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
    setPhotoFailed(false);
    if (!navigator.mediaDevices?.getUserMedia) {
      setCameraState('unavailable');
      return;
    }
    setCameraState('starting');
    try {
      const stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: 'environment' }, width: { ideal: 1920 } },
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

  async function keepPhoto(compress: () => Promise<Uint8Array>) {
    setProcessing(true);
    setPhotoFailed(false);
    try {
      const jpeg = await compress();
      onChange({ imageId: crypto.randomUUID(), jpeg });
    } catch {
      setPhotoFailed(true);
    } finally {
      setProcessing(false);
    }
  }

  async function capture() {
    const video = videoRef.current;
    if (!video || video.videoWidth === 0) return;
    await keepPhoto(() => compressPhoto(video, video.videoWidth, video.videoHeight));
    stopCamera();
    setCameraState('idle');
  }

  async function pickFile(event: React.ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    stopCamera();
    setCameraState('idle');
    await keepPhoto(() => compressPhotoFile(file));
  }

  function retake() {
    onChange(undefined);
    void startCamera();
  }

  return (
    <fieldset className="field photo-field" aria-describedby="passport-photo-error">
      <legend>{t('guest.passportPhoto')}</legend>

      {photo && previewUrl ? (
        <div className="photo-preview">
          <img src={previewUrl} alt={t('camera.previewAlt')} data-testid="passport-preview" />
          <button type="button" onClick={retake} data-testid="passport-retake">
            {t('camera.retake')}
          </button>
        </div>
      ) : (
        <>
          <video
            ref={videoRef}
            className="camera-view"
            hidden={cameraState !== 'live'}
            playsInline
            muted
          />
          <div className="button-row">
            {cameraState === 'live' ? (
              <>
                <button type="button" className="primary" onClick={() => void capture()} data-testid="passport-capture">
                  {t('camera.capture')}
                </button>
                <button
                  type="button"
                  onClick={() => {
                    stopCamera();
                    setCameraState('idle');
                  }}
                  data-testid="passport-camera-cancel"
                >
                  {t('camera.cancel')}
                </button>
              </>
            ) : (
              <button
                type="button"
                onClick={() => void startCamera()}
                disabled={cameraState === 'starting'}
                data-testid="passport-camera-start"
              >
                {t('camera.start')}
              </button>
            )}
            <label className="button file-button">
              {t('camera.chooseFile')}
              <input
                type="file"
                accept="image/*"
                capture="environment"
                onChange={(event) => void pickFile(event)}
                data-testid="passport-file-input"
              />
            </label>
          </div>
        </>
      )}

      {processing && <p role="status">{t('camera.processing')}</p>}
      {cameraState === 'unavailable' && <p role="status">{t('camera.unavailable')}</p>}
      <p id="passport-photo-error" className="field-error" role="alert" data-testid="field-error-passportPhoto">
        {photoFailed ? t('validation.photoFailed') : error}
      </p>
    </fieldset>
  );
}
