import { decode } from 'jpeg-js';
import { downscaleForPrint, jpegSize, UnreadableImageError } from '../../lambdas/guest-register/print-image';
import { inventedPassportJpeg } from '../support/invented-passport-photo';

describe('downscaleForPrint', () => {
  test('large photo shrinks to long edge', () => {
    const photo = inventedPassportJpeg(800, 600);

    const printed = downscaleForPrint(photo, 320);

    expect(jpegSize(printed)).toEqual({ width: 320, height: 240 });
    expect(printed.length).toBeLessThan(photo.length);
  });

  test('portrait photo keeps aspect', () => {
    expect(jpegSize(downscaleForPrint(inventedPassportJpeg(450, 750), 300))).toEqual({ width: 180, height: 300 });
  });

  test('downscaled colours are averaged', () => {
    const printed = decode(downscaleForPrint(inventedPassportJpeg(800, 600), 320), { useTArray: true });
    // The top-left corner of the gradient is red 40, green 60, blue 180.
    expect(Math.abs(printed.data[0] - 40)).toBeLessThan(12);
    expect(Math.abs(printed.data[2] - 180)).toBeLessThan(12);
  });

  test('small photo is returned unchanged', () => {
    const photo = inventedPassportJpeg(240, 160);

    expect(downscaleForPrint(photo, 320)).toBe(photo);
  });

  test('non-JPEG bytes are rejected', () => {
    expect(() => downscaleForPrint(Buffer.from('%PDF-1.7 not an image'))).toThrow(UnreadableImageError);
  });

  test('truncated JPEG is rejected', () => {
    const photo = inventedPassportJpeg(800, 600);

    expect(() => downscaleForPrint(photo.subarray(0, 40))).toThrow(UnreadableImageError);
  });
});

describe('jpegSize', () => {
  test('reads frame header', () => {
    expect(jpegSize(inventedPassportJpeg(321, 123))).toEqual({ width: 321, height: 123 });
  });
});
