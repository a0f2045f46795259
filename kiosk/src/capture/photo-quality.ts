/** A grayscale image: one luma byte (0 black … 255 white) per pixel, row by row. */
export interface LumaImage {
  width: number;
  height: number;
  luma: Uint8Array | Uint8ClampedArray;
}

/** Kind of photo a field takes: the passport's photo page (rear camera) or the guest's face (front camera). */
export type PhotoKind = 'passport' | 'face';

/** Why a photo is rejected; each has advice in every guest language under `capture.advice.`. */
export type PhotoProblem = 'tooSmall' | 'tooDark' | 'glare' | 'blurred';

/**
 * Minimum shorter side in pixels of the photo as taken, before it is downscaled for storage.
 *
 * NOTE: both are estimates, not measured on real iPad photos. A passport data page is 125 × 88 mm
 * (ICAO 9303 TD3). A page filling about two thirds of a 600-pixel shorter side is imaged at
 * about 4.5 px/mm. The passport number, printed about 2 mm high, then gets about 9 pixels of
 * height, near the least a reader or OCR can work with. For the face, 480 pixels (VGA)
 * gives a face filling half the frame about 240 pixels, enough to compare with a passport photo.
 */
export const minShorterSide: Record<PhotoKind, number> = { passport: 600, face: 480 };

/** Returns 'tooSmall' when the photo's resolution is below minShorterSide for its kind. */
export function assessResolution(kind: PhotoKind, width: number, height: number): PhotoProblem | undefined {
  return Math.min(width, height) < minShorterSide[kind] ? 'tooSmall' : undefined;
}

// NOTE: these thresholds are estimates tuned on synthetic test images (text cards, blurred
// copies, dark and white frames) at the 320-pixel analysis size, not on photos from real iPads.
/** Mean luma below which a photo counts as too dark. */
export const minMeanLuma = 60;
/** Share of nearly white pixels (luma ≥ 250) above which a photo counts as glare. */
export const maxGlareShare = 0.2;
/** Variance of the Laplacian below which a photo counts as blurred. */
export const minSharpness = 60;

/** Long edge of the copy a photo is analysed at, so the thresholds do not depend on the camera. */
export const analysisLongEdge = 320;

/** Converts RGBA pixels (as canvas ImageData holds them) to luma with the Rec. 601 weights. */
export function lumaFromRgba(rgba: Uint8ClampedArray, width: number, height: number): LumaImage {
  const luma = new Uint8ClampedArray(width * height);
  for (let pixel = 0; pixel < luma.length; pixel += 1) {
    const offset = pixel * 4;
    luma[pixel] = 0.299 * rgba[offset] + 0.587 * rgba[offset + 1] + 0.114 * rgba[offset + 2];
  }
  return { width, height, luma };
}

/**
 * Returns the variance of the 4-neighbour Laplacian over the interior pixels: a standard focus
 * measure, high for sharp edges and low for blur.
 */
export function laplacianVariance({ width, height, luma }: LumaImage): number {
  let sum = 0;
  let sumOfSquares = 0;
  let count = 0;
  for (let y = 1; y < height - 1; y += 1) {
    for (let x = 1; x < width - 1; x += 1) {
      const index = y * width + x;
      const laplacian = luma[index - 1] + luma[index + 1] + luma[index - width] + luma[index + width] - 4 * luma[index];
      sum += laplacian;
      sumOfSquares += laplacian * laplacian;
      count += 1;
    }
  }
  if (count === 0) return 0;
  const mean = sum / count;
  return sumOfSquares / count - mean * mean;
}

/** Returns the first problem found (darkness, then glare, then blur), or undefined for a usable photo. */
export function assessPhotoQuality(image: LumaImage): PhotoProblem | undefined {
  const pixels = image.luma.length;
  if (pixels === 0) return 'tooDark';
  let total = 0;
  let white = 0;
  for (const value of image.luma) {
    total += value;
    if (value >= 250) white += 1;
  }
  if (total / pixels < minMeanLuma) return 'tooDark';
  if (white / pixels > maxGlareShare) return 'glare';
  if (laplacianVariance(image) < minSharpness) return 'blurred';
  return undefined;
}
