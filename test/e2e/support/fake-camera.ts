import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The kiosk rejects a passport photo whose shorter side is under 600 pixels.
const width = 1280;
const height = 960;

/** Returns the luma of a passport-like test card: dark text lines on a light page, drawn at 640 × 480 and doubled. */
function testCardLuma(fullX: number, fullY: number): number {
  const [x, y] = [fullX >> 1, fullY >> 1];
  const inText = y > 60 && y < 420 && x > 40 && x < 600 && y % 24 < 3 && x % 16 < 12;
  const inBorder = x < 8 || x >= width / 2 - 8 || y < 8 || y >= height / 2 - 8;
  return inText || inBorder ? 40 : 205;
}

/**
 * Writes a two-frame Y4M video of a sharp test card and returns Chromium's flags that play it
 * as the camera (`--use-file-for-fake-video-capture`), with the permission prompt accepted.
 */
export function fakeCameraArgs(): string[] {
  const file = path.join(os.tmpdir(), `open-sesame-test-card-${process.pid}.y4m`);
  const luma = Buffer.alloc(width * height);
  for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) luma[y * width + x] = testCardLuma(x, y);
  // 4:2:0 chroma at half resolution; 128 is no colour.
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\n`), frame, frame]));
  return ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${file}`];
}
