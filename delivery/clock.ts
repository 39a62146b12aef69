// Time as an injectable dependency, so retry waits and rate-limit windows can be tested without real waiting.

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Waits `ms`; resolves early (never rejects) when `signal` aborts, so callers check the signal afterwards. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleepFor(ms, signal, (callback, delay) => setTimeout(callback, delay)),
};

/**
 * A clock that runs `factor` times faster than real time, starting at `startMs`. Tests share one between the
 * delivery code and the emulator so a one-minute rate-limit window passes in a fraction of a second while
 * ordering and concurrency stay real.
 */
export function acceleratedClock(factor: number, startMs: number = Date.now()): Clock {
  const realStart = Date.now();
  return {
    now: () => startMs + (Date.now() - realStart) * factor,
    sleep: (ms, signal) => sleepFor(ms / factor, signal, (callback, delay) => setTimeout(callback, delay)),
  };
}

type Schedule = (callback: () => void, delayMs: number) => ReturnType<typeof setTimeout>;

/** The longest delay a Node timer takes; a longer one fires at once. A longer sleep ends here and callers wait again. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Exported for tests: `schedule` is setTimeout in real clocks. */
export function sleepFor(ms: number, signal: AbortSignal | undefined, schedule: Schedule): Promise<void> {
  if (signal?.aborted || !(ms > 0)) return Promise.resolve();
  return new Promise((resolve) => {
    const finish = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", finish);
      resolve();
    };
    const timer = schedule(finish, Math.min(Math.ceil(ms), MAX_TIMER_MS));
    signal?.addEventListener("abort", finish, { once: true });
  });
}
