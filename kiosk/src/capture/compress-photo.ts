import {
  analysisLongEdge,
  assessPhotoQuality,
  assessResolution,
  lumaFromRgba,
  type PhotoKind,
  type PhotoProblem,
} from './photo-quality';

/** Upper bound for one stored photo, before sealing adds 28 bytes. */
export const maxPhotoBytes = 300 * 1024;
// Long edge in pixels: enough for the passport's photo page to stay legible.
const maxLongEdge = 1600;
const qualitySteps = [0.85, 0.75, 0.65, 0.55, 0.45, 0.35];

function canvasToJpeg(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('Canvas JPEG encoding failed.'))),
      'image/jpeg',
      quality,
    );
  });
}

/**
 * Downscales a photo on the device and JPEG-compresses it to at most 300 KB, lowering the
 * quality and then the size until it fits. The source is a camera frame or a picked file.
 */
export async function compressPhoto(
  source: CanvasImageSource,
  width: number,
  height: number,
): Promise<Uint8Array> {
  let scale = Math.min(1, maxLongEdge / Math.max(width, height));
  const canvas = document.createElement('canvas');

  for (let attempt = 0; attempt < 4; attempt += 1) {
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('Canvas 2D context is unavailable.');
    context.drawImage(source, 0, 0, canvas.width, canvas.height);

    for (const quality of qualitySteps) {
      const blob = await canvasToJpeg(canvas, quality);
      if (blob.size <= maxPhotoBytes) {
        const bytes = new Uint8Array(await blob.arrayBuffer());
        canvas.width = 0;
        canvas.height = 0;
        return bytes;
      }
    }
    scale *= 0.75;
  }
  throw new Error(`Photo could not be compressed below ${maxPhotoBytes} bytes.`);
}

/** A photo that is too small, too dark, too bright or blurred; the guest is asked to take it again. */
export class PhotoQualityError extends Error {
  constructor(readonly problem: PhotoProblem) {
    super(`Photo rejected: ${problem}.`);
    this.name = 'PhotoQualityError';
  }
}

/**
 * Checks the photo's resolution, then analyses a small grayscale copy of it, and throws
 * PhotoQualityError when it is unusable.
 */
export function checkPhotoQuality(kind: PhotoKind, source: CanvasImageSource, width: number, height: number): void {
  const resolutionProblem = assessResolution(kind, width, height);
  if (resolutionProblem) throw new PhotoQualityError(resolutionProblem);

  const scale = Math.min(1, analysisLongEdge / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('Canvas 2D context is unavailable.');
  context.drawImage(source, 0, 0, canvas.width, canvas.height);
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
  const problem = assessPhotoQuality(lumaFromRgba(pixels.data, canvas.width, canvas.height));
  canvas.width = 0;
  canvas.height = 0;
  if (problem) throw new PhotoQualityError(problem);
}

/** Checks a camera frame or decoded file and compresses it; see checkPhotoQuality and compressPhoto. */
export async function preparePhoto(
  kind: PhotoKind,
  source: CanvasImageSource,
  width: number,
  height: number,
): Promise<Uint8Array> {
  checkPhotoQuality(kind, source, width, height);
  return compressPhoto(source, width, height);
}

/** Decodes a picked image file, applying its EXIF orientation, then checks and compresses it. */
export async function preparePhotoFile(kind: PhotoKind, file: Blob): Promise<Uint8Array> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    return await preparePhoto(kind, bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}
