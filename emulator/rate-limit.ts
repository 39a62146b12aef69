// A destination's rate limit per account, emulated as a fixed window aligned to the clock, whose clock the caller supplies.

export const WINDOW_MS = 60_000;

/** What one request learned from the limiter; `limit` is undefined when limiting is off. */
export interface RateDecision {
  readonly allowed: boolean;
  readonly limit: number | undefined;
  readonly remaining: number | undefined;
  /** Milliseconds since the epoch at which the current window ends. */
  readonly windowEndsAt: number;
}

interface TeamWindow {
  start: number;
  used: number;
}

/**
 * A fixed window aligned to the clock (the minute by default), so a client that waits for the next minute by the Date header (as
 * FACTS suggests when Retry-After is absent) is right. The budget is per team: every key of a team shares it.
 */
export class FixedWindowRateLimiter {
  private readonly windows = new Map<string, TeamWindow>();

  /** Spends one unit of the team's budget when there is one left; a refused request spends nothing. */
  take(team: string, limitPerMinute: number, now: number, cost = 1, windowMs = WINDOW_MS): RateDecision {
    const start = Math.floor(now / windowMs) * windowMs;
    const windowEndsAt = start + windowMs;
    if (!isLimited(limitPerMinute)) return { allowed: true, limit: undefined, remaining: undefined, windowEndsAt };
    const window = this.currentWindow(team, start);
    if (window.used + cost > limitPerMinute) {
      return { allowed: false, limit: limitPerMinute, remaining: 0, windowEndsAt };
    }
    window.used += cost;
    return { allowed: true, limit: limitPerMinute, remaining: limitPerMinute - window.used, windowEndsAt };
  }

  reset(): void {
    this.windows.clear();
  }

  private currentWindow(team: string, start: number): TeamWindow {
    const existing = this.windows.get(team);
    if (existing && existing.start === start) return existing;
    const fresh = { start, used: 0 };
    this.windows.set(team, fresh);
    return fresh;
  }
}

export function isLimited(limitPerMinute: number): boolean {
  return limitPerMinute > 0 && Number.isFinite(limitPerMinute);
}

/** Whole seconds until the window ends, at least 1 so a client never retries in a tight loop. */
export function secondsUntil(windowEndsAt: number, now: number): number {
  return Math.max(1, Math.ceil((windowEndsAt - now) / 1000));
}

/** How many requests of one team reached the limiter in one window, and how many of them it refused. */
export interface WindowCount {
  readonly team: string;
  /** Milliseconds since the epoch at which the window (the clock minute by default) starts. */
  readonly windowStart: number;
  readonly requests: number;
  readonly refused: number;
}

/**
 * Counts every request the limiter decided on, per team and window, so a test can check that clients together
 * never even asked above the limit (refused requests count too). Keeps the newest `maxWindows` windows.
 */
export class WindowTally {
  private readonly counts = new Map<string, { team: string; windowStart: number; requests: number; refused: number }>();

  constructor(private readonly maxWindows = 10_000) {}

  count(team: string, now: number, allowed: boolean, windowMs = WINDOW_MS): void {
    const windowStart = Math.floor(now / windowMs) * windowMs;
    const key = `${windowStart} ${team}`;
    const entry = this.counts.get(key) ?? { team, windowStart, requests: 0, refused: 0 };
    entry.requests++;
    if (!allowed) entry.refused++;
    this.counts.set(key, entry);
    if (this.counts.size > this.maxWindows) this.counts.delete(this.counts.keys().next().value!);
  }

  /** Every kept window, oldest first. */
  list(): WindowCount[] {
    return [...this.counts.values()].map((entry) => ({ ...entry })).sort((a, b) => a.windowStart - b.windowStart);
  }

  reset(): void {
    this.counts.clear();
  }
}
