import { spawnSync } from 'node:child_process';
import path from 'node:path';

const formatModule = path.join(__dirname, '..', '..', 'admin-web', 'src', 'i18n', 'format.ts');

/** 15:30 UTC on 31 March is 00:30 on 1 April in Japan, but still 31 March in Los Angeles. */
const instant = '2026-03-31T15:30:00Z';

interface Formatted {
  runtimeZone: string;
  runtimeDay: number;
  dateTimeJa: string;
  dateTimeEn: string;
  timeJa: string;
}

/**
 * Formats `instant` in a Node.js process whose zone is Los Angeles, as a browser there would.
 * A child process is needed because jest's sandboxed `process.env` does not reach the runtime's zone.
 */
function formatOutsideJapan(): Formatted {
  const script = `
    const { formatDateTime, formatTime } = require(${JSON.stringify(formatModule)});
    const instant = ${JSON.stringify(instant)};
    console.log(JSON.stringify({
      runtimeZone: new Intl.DateTimeFormat().resolvedOptions().timeZone,
      runtimeDay: new Date(instant).getDate(),
      dateTimeJa: formatDateTime(instant, 'ja'),
      dateTimeEn: formatDateTime(instant, 'en'),
      timeJa: formatTime(new Date(instant), 'ja'),
    }));`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
    env: { ...process.env, TZ: 'America/Los_Angeles' },
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`formatting process failed (exit ${child.status}): ${child.stderr}`);
  return JSON.parse(child.stdout) as Formatted;
}

describe('admin-web time formatting outside Japan', () => {
  let formatted: Formatted;

  beforeAll(() => {
    formatted = formatOutsideJapan();
  });

  test('runtime zone is Los Angeles', () => {
    expect(formatted.runtimeZone).toBe('America/Los_Angeles');
    expect(formatted.runtimeDay).toBe(31);
  });

  test('date-time in Japanese is Japan time with JST', () => {
    expect(formatted.dateTimeJa).toBe('2026/04/01 0:30 JST');
  });

  test('date-time in English is Japan time with JST', () => {
    expect(formatted.dateTimeEn).toMatch(/^Apr 1, 2026/);
    expect(formatted.dateTimeEn).toMatch(/12:30\sAM JST$/);
  });

  test('time of day is Japan time with JST', () => {
    expect(formatted.timeJa).toBe('00:30 JST');
  });
});
