/** Timer functions the idle timer runs on; tests pass a fake clock. */
export interface IdleClock {
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const browserClock: IdleClock = {
  setTimeout: (callback, delayMs) => window.setTimeout(callback, delayMs),
  clearTimeout: (handle) => window.clearTimeout(handle as number),
};

export interface IdleTimerOptions {
  /** Inactivity before the warning appears. */
  idleMs: number;
  /** How long the warning stays before the form is wiped. */
  warningMs: number;
  onWarn: () => void;
  onExpire: () => void;
  clock?: IdleClock;
}

/** Idle limits of a check-in in progress: a warning after 2 minutes, the wipe 30 seconds later. */
export const checkInIdleMs = 120_000;
export const checkInWarningMs = 30_000;

/**
 * Watches for inactivity: after `idleMs` without `recordActivity()` it calls `onWarn`, and
 * after another `warningMs` it calls `onExpire` once. Activity during the warning starts the
 * wait again from zero.
 */
export class IdleTimer {
  private readonly clock: IdleClock;
  private handle: unknown;
  private stopped = false;

  constructor(private readonly options: IdleTimerOptions) {
    this.clock = options.clock ?? browserClock;
    this.startIdleWait();
  }

  recordActivity(): void {
    if (this.stopped) return;
    this.startIdleWait();
  }

  stop(): void {
    this.stopped = true;
    this.clearPending();
  }

  private clearPending(): void {
    if (this.handle !== undefined) this.clock.clearTimeout(this.handle);
    this.handle = undefined;
  }

  private startIdleWait(): void {
    this.clearPending();
    this.handle = this.clock.setTimeout(() => {
      this.options.onWarn();
      this.handle = this.clock.setTimeout(() => {
        this.handle = undefined;
        this.stopped = true;
        this.options.onExpire();
      }, this.options.warningMs);
    }, this.options.idleMs);
  }
}
