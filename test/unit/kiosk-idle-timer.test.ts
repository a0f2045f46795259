import { IdleTimer, type IdleClock } from '../../kiosk/src/idle/idle-timer';

/** A manual clock: `advance(ms)` runs every timer that falls due, in order. */
class FakeClock implements IdleClock {
  private now = 0;
  private nextHandle = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  setTimeout(callback: () => void, delayMs: number): unknown {
    const handle = this.nextHandle++;
    this.timers.set(handle, { at: this.now + delayMs, callback });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.timers].filter(([, timer]) => timer.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.now = due[1].at;
      due[1].callback();
    }
    this.now = until;
  }

  get pending(): number {
    return this.timers.size;
  }
}

function startTimer(clock: FakeClock) {
  const events: string[] = [];
  const timer = new IdleTimer({
    idleMs: 120_000,
    warningMs: 30_000,
    onWarn: () => events.push('warn'),
    onExpire: () => events.push('expire'),
    clock,
  });
  return { timer, events };
}

describe('IdleTimer', () => {
  test('warns after the idle time', () => {
    const clock = new FakeClock();
    const { events } = startTimer(clock);

    clock.advance(119_999);
    expect(events).toEqual([]);
    clock.advance(1);
    expect(events).toEqual(['warn']);
  });

  test('expires after the warning', () => {
    const clock = new FakeClock();
    const { events } = startTimer(clock);

    clock.advance(120_000 + 29_999);
    expect(events).toEqual(['warn']);
    clock.advance(1);
    expect(events).toEqual(['warn', 'expire']);
  });

  test('activity restarts the idle wait', () => {
    const clock = new FakeClock();
    const { timer, events } = startTimer(clock);

    clock.advance(100_000);
    timer.recordActivity();
    clock.advance(100_000);
    expect(events).toEqual([]);
    clock.advance(20_000);
    expect(events).toEqual(['warn']);
  });

  test('activity during the warning cancels the wipe', () => {
    const clock = new FakeClock();
    const { timer, events } = startTimer(clock);

    clock.advance(130_000);
    timer.recordActivity();
    clock.advance(119_000);
    expect(events).toEqual(['warn']);
    clock.advance(1_000 + 30_000);
    expect(events).toEqual(['warn', 'warn', 'expire']);
  });

  test('expires only once', () => {
    const clock = new FakeClock();
    const { timer, events } = startTimer(clock);

    clock.advance(150_000);
    timer.recordActivity();
    clock.advance(600_000);
    expect(events).toEqual(['warn', 'expire']);
    expect(clock.pending).toBe(0);
  });

  test('stop cancels every timer', () => {
    const clock = new FakeClock();
    const { timer, events } = startTimer(clock);

    timer.stop();
    clock.advance(600_000);
    expect(events).toEqual([]);
    expect(clock.pending).toBe(0);
  });
});
