/** A grayscale image: one luma byte (0 black … 255 white) per pixel, row by row. */
export interface LumaImage {
  width: number;
  height: number;
  luma: Uint8Array | Uint8ClampedArray;
}

/** Why a photo is rejected; each has advice in every guest language under `capture.advice.`. */
export type PhotoProblem = 'tooDark' | 'glare' | 'blurred';

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
