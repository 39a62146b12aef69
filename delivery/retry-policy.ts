// When to retry a delivery attempt and how long to wait: the policy is data, the decisions are pure functions.

import { DEFAULT_AMBIGUITY_WINDOW_MS, isAmbiguous } from "./ambiguity.js";

/** Response headers with lower-cased names. */
export type HeaderMap = Readonly<Record<string, string | undefined>>;

export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  readonly maxAttempts: number;
  /** No retry is scheduled whose wait would end later than this after the first attempt started. */
  readonly maxTotalMs: number;
  /** Backoff ceiling for the first retry; doubles per retry up to `maxDelayMs`; full jitter picks in [0, ceiling). */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Time allowed for one attempt: connecting, the answer's headers and its body. */
  readonly attemptTimeoutMs: number;
  /** Added to every rate-limit wait: the Date header has one-second resolution and clocks drift. */
  readonly rateLimitMarginMs: number;
  /** The longest Retry-After (or rate-limit window) we wait out; a longer one fails the attempt. Default 5 minutes. */
  readonly maxRetryAfterMs?: number;
  /**
   * After an ambiguous attempt (a timeout, a reset connection, a 504: it may or may not have been applied), nothing
   * more is sent for that request or its person until this has passed, counted from the attempt's end: the
   * destination is assumed never to apply a request later than this. Default 2 minutes (delivery/ambiguity.ts).
   */
  readonly ambiguityWindowMs?: number;
}

export const DEFAULT_MAX_RETRY_AFTER_MS = 300_000;

// 150 s leaves room to wait out two one-minute rate-limit windows, which is what a team sharing its limit with
// other integrations can need; 6 attempts with 0.5 s doubling to 20 s cover a minute-long 5xx incident.
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  maxTotalMs: 150_000,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  attemptTimeoutMs: 15_000,
  rateLimitMarginMs: 250,
};

/** What one attempt produced: an HTTP answer, or an error before one arrived (identified by its code). */
export type AttemptObservation =
  | { readonly kind: "response"; readonly status: number; readonly headers: HeaderMap }
  | { readonly kind: "error"; readonly code: string | undefined };

export interface AttemptState {
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** Time since the first attempt started. */
  readonly elapsedMs: number;
  readonly nowMs: number;
  /** Uniform in [0, 1); injectable so jitter is testable. */
  readonly random: () => number;
  /** Statuses the integration's adapter retries besides the default ones. */
  readonly retryStatuses?: readonly number[];
  /** The destination's rate-limit window, for a 429 without Retry-After. Default one minute. */
  readonly rateWindowMs?: number;
}

export type RetryDecision =
  /** Success, or an answer that retrying cannot change (400, 401, 403, 404, 422, ...). */
  | { readonly action: "finish" }
  | { readonly action: "retry"; readonly delayMs: number; readonly reason: string }
  /** Worth retrying, but out of attempts or time. */
  | { readonly action: "give_up"; readonly reason: string; readonly waitRefused?: boolean };

export type AttemptClass = "success" | "rate_limited" | "transient" | "permanent";

// Errors that mean the connection failed or timed out; the upsert is idempotent, so sending again is safe even when
// the first request may have reached the server. ENOTFOUND is left out: a host that does not exist is a setup error.
const TRANSIENT_ERROR_CODES = new Set([
  "ATTEMPT_TIMEOUT",
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

export function isTransientErrorCode(code: string | undefined): boolean {
  return code !== undefined && TRANSIENT_ERROR_CODES.has(code);
}

export function classifyAttempt(observation: AttemptObservation, retryStatuses: readonly number[] = []): AttemptClass {
  if (observation.kind === "error") return isTransientErrorCode(observation.code) ? "transient" : "permanent";
  const { status } = observation;
  if (status >= 200 && status < 300) return "success";
  if (status === 429) return "rate_limited";
  if (retryStatuses.includes(status)) return "transient";
  // 501 Not Implemented will not change on retry; 408 is the server giving up on a slow request.
  if (status === 408 || (status >= 500 && status !== 501)) return "transient";
  return "permanent";
}

/** Milliseconds to wait from a Retry-After header (delay-seconds or HTTP date); absent when there is none. */
export function retryAfterMs(headers: HeaderMap, nowMs: number): number | undefined {
  const value = headers["retry-after"]?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  // An HTTP date is on the server's clock: measure it against the server's own Date header when there is one.
  const serverNow = parseHttpDate(headers["date"]) ?? nowMs;
  return Math.max(0, at - serverNow);
}

/** Milliseconds from the server's clock (Date header, else ours) to the start of the next minute window. */
export function msToNextMinute(headers: HeaderMap, nowMs: number): number {
  return msToNextWindow(headers, nowMs, 60_000);
}

/** Milliseconds from the server's clock (Date header, else ours) to the start of the next window of `windowMs`. */
export function msToNextWindow(headers: HeaderMap, nowMs: number, windowMs: number): number {
  const serverNow = parseHttpDate(headers["date"]) ?? nowMs;
  return windowMs - (((serverNow % windowMs) + windowMs) % windowMs);
}

/** How long a 429 asks us to wait: Retry-After when given, else until the next window opens. */
export function rateLimitWaitMs(policy: RetryPolicy, headers: HeaderMap, nowMs: number, windowMs = 60_000): number {
  const explicit = retryAfterMs(headers, nowMs);
  return (explicit ?? msToNextWindow(headers, nowMs, windowMs)) + policy.rateLimitMarginMs;
}

/** Full jitter: uniform in [0, min(maxDelay, base * 2^(retry-1))). */
export function backoffDelayMs(policy: RetryPolicy, attempt: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(clampUnit(random()) * ceiling);
}

export function decideRetry(policy: RetryPolicy, observation: AttemptObservation, state: AttemptState): RetryDecision {
  const kind = classifyAttempt(observation, state.retryStatuses);
  if (kind === "success" || kind === "permanent") return { action: "finish" };
  const headers = observation.kind === "response" ? observation.headers : {};
  const asked = retryAfterMs(headers, state.nowMs);
  const waitMs =
    kind === "rate_limited"
      ? rateLimitWaitMs(policy, headers, state.nowMs, state.rateWindowMs)
      : Math.max(backoffDelayMs(policy, state.attempt, state.random), asked ?? 0);
  // A retry sent while the ambiguous attempt may still be applied could land before it: wait the window out first.
  const delayMs = isAmbiguous(observation) ? Math.max(waitMs, ambiguityWindowMs(policy)) : waitMs;
  const reason = describeObservation(observation);
  const maxWaitMs = policy.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  if (asked !== undefined && asked > maxWaitMs) {
    return {
      action: "give_up",
      reason: `the server asked to wait ${Math.ceil(asked / 1000)} s (Retry-After), more than the ${Math.round(maxWaitMs / 1000)} s maximum wait (--max-wait); not retried`,
      waitRefused: true,
    };
  }
  if (state.attempt >= policy.maxAttempts) {
    return { action: "give_up", reason: `${reason}; gave up after ${state.attempt} attempts` };
  }
  if (state.elapsedMs + delayMs > policy.maxTotalMs) {
    const seconds = Math.round((state.elapsedMs + delayMs) / 1000);
    const limit = Math.round(policy.maxTotalMs / 1000);
    return {
      action: "give_up",
      reason: `${reason}; the next retry would end after ${seconds} s, over the ${limit} s limit`,
    };
  }
  return { action: "retry", delayMs, reason };
}

export function ambiguityWindowMs(policy: RetryPolicy): number {
  return policy.ambiguityWindowMs ?? DEFAULT_AMBIGUITY_WINDOW_MS;
}

export function describeObservation(observation: AttemptObservation): string {
  return observation.kind === "response" ? `HTTP ${observation.status}` : (observation.code ?? "request error");
}

function parseHttpDate(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : at;
}

function clampUnit(value: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0;
}
