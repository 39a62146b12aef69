// A clock that moves only when the test says so, for exact, instant tests of waits and windows.

import type { Clock } from "../../../delivery/clock.js";

export interface ManualClock extends Clock {
  /** Moves time forward, waking every sleeper that is due, in time order. */
  advance(ms: number): Promise<void>;
  /** Sleeps not yet woken. */
  sleepers(): number;
}

export function manualClock(startMs = Date.UTC(2025, 0, 6, 12, 0, 0)): ManualClock {
  let now = startMs;
  const timers: { at: number; wake: () => void }[] = [];
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 20; i++) await Promise.resolve();
  };
  return {
    now: () => now,
    sleep(ms, signal) {
      if (signal?.aborted || !(ms > 0)) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = { at: now + ms, wake: () => resolve() };
        timers.push(timer);
        signal?.addEventListener("abort", () => {
          timers.splice(timers.indexOf(timer), 1);
          resolve();
        });
      });
    },
    async advance(ms) {
      const target = now + ms;
      await settle();
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const due = timers[0];
        if (!due || due.at > target) break;
        timers.shift();
        now = Math.max(now, due.at);
        due.wake();
        await settle();
      }
      now = target;
      await settle();
    },
    sleepers: () => timers.length,
  };
}
