import { encode } from 'jpeg-js';

/**
 * Encodes an invented passport photo as a JPEG: a colour gradient with a dark band where the
 * machine-readable lines would be. It shows no person and no real document.
 */
export function inventedPassportJpeg(width = 1600, height = 1200, quality = 80): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const offset = (y * width + x) * 4;
      const band = y > height * 0.8 && y < height * 0.9;
      data[offset] = band ? 20 : Math.round((x / width) * 200) + 40;
      data[offset + 1] = band ? 20 : Math.round((y / height) * 160) + 60;
      data[offset + 2] = band ? 20 : 180;
      data[offset + 3] = 255;
    }
  }
  return Buffer.from(encode({ width, height, data }, quality).data);
}
