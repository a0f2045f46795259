import { encode } from 'jpeg-js';

/** Maximum long edge of a passport copy in the PDF, in pixels: about 200 dpi across its 80 mm box. */
export const printImageLongEdge = 640;
/** JPEG quality of a downscaled copy; text on a passport stays legible at this level. */
const printImageQuality = 75;
/**
 * Largest image decoded, in pixels, which keeps the export's memory bounded: kiosk photos are at
 * most 1600 px on the long edge (2.56 MP, 10 MB as RGBA).
 */
const maxDecodedPixels = 4_000_000;

/**
 * Loads libjpeg-turbo on the first image to decode. `@cwasm/jpeg-turbo` reads and compiles its
 * 139 KB WebAssembly module as soon as it is imported, which would otherwise add to the cold
 * start of every export, CSV exports included.
 */
function loadJpegDecoder(): typeof import('@cwasm/jpeg-turbo') {
  return require('@cwasm/jpeg-turbo') as typeof import('@cwasm/jpeg-turbo');
}

export class UnreadableImageError extends Error {
  constructor(reason: string) {
    super(`image is not a readable JPEG: ${reason}`);
    this.name = 'UnreadableImageError';
  }
}

/**
 * Returns a JPEG whose longest edge is at most `longEdge` pixels. A smaller image comes back
 * unchanged; a larger one is decoded, reduced by averaging the source pixels under each target
 * pixel, and encoded again. Throws UnreadableImageError for anything but a baseline or
 * progressive JPEG.
 */
export function downscaleForPrint(jpeg: Buffer, longEdge = printImageLongEdge): Buffer {
  const size = jpegSize(jpeg);
  if (Math.max(size.width, size.height) <= longEdge) return jpeg;
  if (size.width * size.height > maxDecodedPixels) {
    throw new UnreadableImageError(`${size.width} × ${size.height} px is more than ${maxDecodedPixels} pixels`);
  }

  // libjpeg-turbo (WebAssembly) decodes; it is about 4 times faster than jpeg-js and reuses its memory.
  const decoder = loadJpegDecoder();
  let source: { width: number; height: number; data: Uint8ClampedArray };
  try {
    source = decoder.decode(jpeg);
  } catch (error) {
    throw new UnreadableImageError(error instanceof Error ? error.message : String(error));
  }
  const scale = longEdge / Math.max(source.width, source.height);
  const width = Math.max(1, Math.round(source.width * scale));
  const height = Math.max(1, Math.round(source.height * scale));
  return Buffer.from(encode({ width, height, data: averagePixels(source, width, height) }, printImageQuality).data);
}

/** Reduces an RGBA image to `width` × `height` by the mean of the source pixels under each target pixel. */
function averagePixels(source: { width: number; height: number; data: Uint8ClampedArray }, width: number, height: number): Uint8Array {
  const target = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    const top = Math.floor((y * source.height) / height);
    const bottom = Math.max(top + 1, Math.floor(((y + 1) * source.height) / height));
    for (let x = 0; x < width; x += 1) {
      const left = Math.floor((x * source.width) / width);
      const right = Math.max(left + 1, Math.floor(((x + 1) * source.width) / width));
      let red = 0;
      let green = 0;
      let blue = 0;
      for (let sourceY = top; sourceY < bottom; sourceY += 1) {
        let offset = (sourceY * source.width + left) * 4;
        for (let sourceX = left; sourceX < right; sourceX += 1) {
          red += source.data[offset];
          green += source.data[offset + 1];
          blue += source.data[offset + 2];
          offset += 4;
        }
      }
      const count = (bottom - top) * (right - left);
      const targetOffset = (y * width + x) * 4;
      target[targetOffset] = Math.round(red / count);
      target[targetOffset + 1] = Math.round(green / count);
      target[targetOffset + 2] = Math.round(blue / count);
      target[targetOffset + 3] = 255;
    }
  }
  return target;
}

/** Reads width and height from the first start-of-frame marker, without decoding the image. */
export function jpegSize(jpeg: Buffer): { width: number; height: number } {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new UnreadableImageError('no JPEG start marker');
  let offset = 2;
  while (offset + 4 <= jpeg.length) {
    if (jpeg[offset] !== 0xff) throw new UnreadableImageError(`no marker at byte ${offset}`);
    const marker = jpeg[offset + 1];
    // Fill bytes (0xFF) may pad between markers.
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    const segmentLength = jpeg.readUInt16BE(offset + 2);
    // Markers C0 to CF are the start-of-frame markers SOF0 to SOF15 (ITU-T T.81, table B.1),
    // except C4 (DHT), C8 (JPG) and CC (DAC).
    const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isStartOfFrame) {
      if (offset + 9 > jpeg.length) break;
      return { height: jpeg.readUInt16BE(offset + 5), width: jpeg.readUInt16BE(offset + 7) };
    }
    offset += 2 + segmentLength;
  }
  throw new UnreadableImageError('no frame header');
}
