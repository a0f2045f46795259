import {
  assessPhotoQuality,
  assessResolution,
  laplacianVariance,
  lumaFromRgba,
  minSharpness,
  type LumaImage,
} from '../../kiosk/src/capture/photo-quality';

const width = 320;
const height = 220;

function image(pixel: (x: number, y: number) => number): LumaImage {
  const luma = new Uint8ClampedArray(width * height);
  for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) luma[y * width + x] = pixel(x, y);
  return { width, height, luma };
}

/** Dark strokes on a light card, like the text of a passport's photo page. */
const textCard = (x: number, y: number) => (x % 12 < 2 || (y % 18 < 2 && x % 40 < 30) ? 40 : 200);

/** Blurs one axis with a box of the given radius. */
function boxBlurAxis(source: Uint8ClampedArray, radius: number, horizontal: boolean): Uint8ClampedArray {
  const blurred = new Uint8ClampedArray(source.length);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      let sum = 0;
      for (let offset = -radius; offset <= radius; offset += 1) {
        const sx = horizontal ? Math.min(width - 1, Math.max(0, x + offset)) : x;
        const sy = horizontal ? y : Math.min(height - 1, Math.max(0, y + offset));
        sum += source[sy * width + sx];
      }
      blurred[y * width + x] = sum / (2 * radius + 1);
    }
  }
  return blurred;
}

/** Approximates a Gaussian blur (three box passes), as an out-of-focus lens gives. */
function gaussianBlur(source: LumaImage, radius: number): LumaImage {
  let luma = source.luma as Uint8ClampedArray;
  for (let pass = 0; pass < 3; pass += 1) luma = boxBlurAxis(boxBlurAxis(luma, radius, true), radius, false);
  return { width, height, luma };
}

describe('assessPhotoQuality', () => {
  test('accepts a sharp, well-lit card', () => {
    expect(assessPhotoQuality(image(textCard))).toBeUndefined();
  });

  test('rejects a dark photo', () => {
    expect(assessPhotoQuality(image((x, y) => textCard(x, y) / 5))).toBe('tooDark');
  });

  test('rejects glare', () => {
    // The left half is blown out by a lamp's reflection.
    expect(assessPhotoQuality(image((x, y) => (x < width / 2 ? 255 : textCard(x, y))))).toBe('glare');
  });

  test('accepts slight softness', () => {
    expect(assessPhotoQuality(gaussianBlur(image(textCard), 1))).toBeUndefined();
  });

  test('rejects a blurred photo', () => {
    // Three box passes of radius 2 are a Gaussian of σ ≈ 2.4 pixels at the analysis size.
    const blurred = gaussianBlur(image(textCard), 2);
    expect(laplacianVariance(blurred)).toBeLessThan(minSharpness);
    expect(assessPhotoQuality(blurred)).toBe('blurred');
  });

  test('rejects a uniform frame', () => {
    expect(assessPhotoQuality(image(() => 128))).toBe('blurred');
  });

  test('rejects an empty image', () => {
    expect(assessPhotoQuality({ width: 0, height: 0, luma: new Uint8ClampedArray(0) })).toBe('tooDark');
  });
});

describe('lumaFromRgba', () => {
  test('weights red, green and blue', () => {
    const rgba = new Uint8ClampedArray([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255]);
    expect([...lumaFromRgba(rgba, 2, 2).luma]).toEqual([76, 150, 29, 255]);
  });
});

describe('assessResolution', () => {
  test.each([
    ['passport', 60, 40],
    ['passport', 640, 480],
    ['passport', 1920, 599],
    ['face', 60, 40],
    ['face', 479, 640],
  ] as const)('rejects a %s photo of %i × %i', (kind, photoWidth, photoHeight) => {
    expect(assessResolution(kind, photoWidth, photoHeight)).toBe('tooSmall');
  });

  test.each([
    ['passport', 800, 600],
    ['passport', 1920, 1080],
    ['passport', 1080, 1920],
    ['face', 640, 480],
    ['face', 1280, 720],
  ] as const)('accepts a %s photo of %i × %i', (kind, photoWidth, photoHeight) => {
    expect(assessResolution(kind, photoWidth, photoHeight)).toBeUndefined();
  });
});
