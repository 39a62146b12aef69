// A team-level request limiter shared by every request sent with the same credential, kept in step with the server.

import { createHash } from "node:crypto";
import { systemClock, type Clock } from "./clock.js";
import type { RateLimitReading } from "./adapter.js";
import { DEFAULT_MAX_RETRY_AFTER_MS, msToNextWindow, retryAfterMs, type HeaderMap } from "./retry-policy.js";

export interface RateLimiterOptions {
  /** Requests allowed in any window of `windowMs` (despite the name, which dates from minute-only limits). */
  readonly limitPerMinute?: number;
  /** The destination's window. Default 60 s. */
  readonly windowMs?: number;
  /** Reads an answer's rate-limit headers (the integration's adapter); default: Kong-style x-ratelimit-*-minute. */
  readonly readHeaders?: (headers: HeaderMap) => RateLimitReading | undefined;
  /** A 429 stops sending for at most this long, whatever it asks. Default 5 minutes. */
  readonly maxWaitMs?: number;

  /**
   * Added to the window. Our send time and the server's count time differ by the network delay, so a strict
   * 60 s sliding window could still put limit + 1 requests into one of the server's minutes.
   */
  readonly safetyMarginMs?: number;
  readonly clock?: Clock;
}

export const DEFAULT_LIMIT_PER_MINUTE = 600;

/** The Kong gateway convention many APIs answer with: remaining and limit for the current clock minute. */
export function minuteWindowHeaders(headers: HeaderMap): RateLimitReading | undefined {
  const remaining = parseCount(headers["x-ratelimit-remaining-minute"]);
  const limit = parseCount(headers["x-ratelimit-limit-minute"]);
  if (remaining === undefined && limit === undefined) return undefined;
  return { ...(remaining !== undefined ? { remaining } : {}), ...(limit !== undefined ? { limit } : {}) };
}

/** Held while one request is on the wire; `done` gives its answer back so the limiter can learn from it. */
export interface RateLimitPermit {
  done(response?: { readonly status: number; readonly headers: HeaderMap }): void;
}

/** What the server told us: at most `remaining` more requests until `resetAt` (our clock). */
interface ServerBudget {
  remaining: number;
  resetAt: number;
}

interface Waiter {
  readonly grant: (permit: RateLimitPermit | undefined) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

/**
 * A sliding-window limiter (at most `limit` sends in any window, which also keeps every fixed clock minute under the
 * limit), tightened by the server's x-ratelimit-remaining-minute: when the server says fewer remain than we think
 * (other integrations share the team's limit), we believe it until its minute window ends. Waiters are served in order.
 */
export class RateLimiter {
  private limit: number;
  private readonly windowMs: number;
  private readonly baseWindowMs: number;
  private readonly readHeaders: (headers: HeaderMap) => RateLimitReading | undefined;
  private readonly maxWaitMs: number;
  private readonly marginMs: number;
  private readonly clock: Clock;
  private readonly sentAt: number[] = [];
  private readonly waiters: Waiter[] = [];
  private inFlight = 0;
  private budget: ServerBudget | undefined;
  private wake: { at: number; cancel: AbortController } | undefined;

  constructor(options: RateLimiterOptions = {}) {
    this.limit = Math.max(1, Math.floor(options.limitPerMinute ?? DEFAULT_LIMIT_PER_MINUTE));
    this.marginMs = Math.max(0, options.safetyMarginMs ?? 1000);
    this.baseWindowMs = options.windowMs !== undefined && options.windowMs > 0 ? options.windowMs : 60_000;
    this.windowMs = this.baseWindowMs + this.marginMs;
    this.readHeaders = options.readHeaders ?? minuteWindowHeaders;
    this.maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
    this.clock = options.clock ?? systemClock;
  }

  /** Resolves with a permit when a request may be sent, or undefined when `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<RateLimitPermit | undefined> {
    if (signal?.aborted) return Promise.resolve(undefined);
    return new Promise((grant) => {
      const waiter: Waiter = { grant, signal, onAbort: () => this.abandon(waiter) };
      signal?.addEventListener("abort", waiter.onAbort, { once: true });
      this.waiters.push(waiter);
      this.pump();
    });
  }

  /** For progress displays and tests. */
  snapshot(): { limit: number; sentInWindow: number; inFlight: number; serverRemaining: number | undefined } {
    const now = this.clock.now();
    this.forgetExpired(now);
    return {
      limit: this.limit,
      sentInWindow: this.sentAt.length,
      inFlight: this.inFlight,
      serverRemaining: this.budget?.remaining,
    };
  }

  private abandon(waiter: Waiter): void {
    const index = this.waiters.indexOf(waiter);
    if (index >= 0) this.waiters.splice(index, 1);
    waiter.grant(undefined);
    // Nobody left to wake: a pending timer would only keep the process alive after an interrupt.
    if (this.waiters.length === 0) {
      this.wake?.cancel.abort();
      this.wake = undefined;
    }
  }

  private pump(): void {
    while (this.waiters.length > 0) {
      const now = this.clock.now();
      const waitMs = this.msUntilAvailable(now);
      if (waitMs > 0) return this.scheduleWake(now + waitMs);
      const waiter = this.waiters.shift()!;
      waiter.signal?.removeEventListener("abort", waiter.onAbort);
      waiter.grant(this.take(now));
    }
  }

  private msUntilAvailable(now: number): number {
    this.forgetExpired(now);
    let waitMs = 0;
    if (this.sentAt.length >= this.limit) {
      waitMs = this.sentAt[this.sentAt.length - this.limit]! + this.windowMs - now;
    }
    if (this.budget && this.budget.remaining <= 0) waitMs = Math.max(waitMs, this.budget.resetAt - now);
    return Math.max(0, waitMs);
  }

  private forgetExpired(now: number): void {
    while (this.sentAt.length > 0 && this.sentAt[0]! <= now - this.windowMs) this.sentAt.shift();
    if (this.budget && now >= this.budget.resetAt) this.budget = undefined;
  }

  private scheduleWake(at: number): void {
    if (this.wake && this.wake.at <= at) return;
    this.wake?.cancel.abort();
    const cancel = new AbortController();
    this.wake = { at, cancel };
    void this.clock.sleep(at - this.clock.now(), cancel.signal).then(() => {
      if (cancel.signal.aborted) return;
      this.wake = undefined;
      this.pump();
    });
  }

  private take(now: number): RateLimitPermit {
    this.sentAt.push(now);
    if (this.budget) this.budget.remaining -= 1;
    this.inFlight += 1;
    let finished = false;
    return {
      done: (response) => {
        if (finished) return;
        finished = true;
        this.inFlight -= 1;
        // A refused request is not counted against the limit by the server, so it no longer fills our window.
        if (response?.status === 429) this.forget(now);
        if (response) this.learn(response.status, response.headers);
        this.pump();
      },
    };
  }

  private forget(sentAt: number): void {
    const index = this.sentAt.indexOf(sentAt);
    if (index >= 0) this.sentAt.splice(index, 1);
  }

  private learn(status: number, headers: HeaderMap): void {
    const now = this.clock.now();
    const reading = this.readHeaders(headers);
    const serverLimit = reading?.limit;
    if (serverLimit !== undefined && serverLimit > 0 && serverLimit < this.limit) this.limit = serverLimit;
    const nextWindowMs = msToNextWindow(headers, now, this.baseWindowMs);
    if (status === 429) {
      // A Retry-After beyond the cap is the retry policy's to refuse; the limiter never stops everyone for longer.
      const waitMs = Math.min(retryAfterMs(headers, now) ?? nextWindowMs, this.maxWaitMs);
      this.budget = { remaining: 0, resetAt: Math.max(this.budget?.resetAt ?? 0, now + waitMs + this.marginMs) };
      return;
    }
    const remaining = reading?.remaining;
    const resetInMs = Math.min(reading?.resetInMs ?? nextWindowMs, this.maxWaitMs);
    if (remaining !== undefined) this.believeServer(remaining, now + resetInMs + this.marginMs, now);
  }

  // Requests still on the wire may not be counted in `remaining` yet, so they are taken off it: we may wait a little
  // longer than needed, never send one too many.
  private believeServer(remaining: number, resetAt: number, now: number): void {
    this.forgetExpired(now);
    const estimate = Math.max(0, remaining - this.inFlight);
    const ours = this.limit - this.sentAt.length;
    const sameWindow = this.budget !== undefined && Math.abs(resetAt - this.budget.resetAt) < 30_000;
    if (sameWindow) this.budget!.remaining = Math.min(this.budget!.remaining, estimate);
    else this.budget = estimate < ours ? { remaining: estimate, resetAt } : undefined;
  }
}

/** Limiters by credential: every request made with the same key, from any part of the program, shares one. */
export class RateLimiterRegistry {
  private readonly limiters = new Map<string, RateLimiter>();

  constructor(private readonly options: RateLimiterOptions = {}) {}

  forCredential(origin: string, credential: string): RateLimiter {
    return this.forKey(limiterKey(origin, credential));
  }

  /**
   * The limiter of a rate key (integration and a hash of its secret settings). `declared` (the module's
   * `rate limit`, the adapter's) applies when the registry was not given a limit of its own (--rate-limit).
   */
  forKey(key: string, declared: Partial<RateLimiterOptions> = {}): RateLimiter {
    let limiter = this.limiters.get(key);
    if (!limiter) {
      // No limit declared or given: nothing is held back up front, but 429s and rate-limit headers still count.
      const limit = this.options.limitPerMinute ?? declared.limitPerMinute ?? Number.MAX_SAFE_INTEGER;
      limiter = new RateLimiter({ ...declared, ...this.options, limitPerMinute: limit });
      this.limiters.set(key, limiter);
    }
    return limiter;
  }
}

/** The registry key: a hash, so the credential itself is never kept as a map key or shown in a debugger. */
export function limiterKey(origin: string, credential: string): string {
  return createHash("sha256").update(origin).update("\0").update(credential).digest("hex");
}

function parseCount(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}
