// Sends one request until the retry policy says stop, waiting for the shared rate limiter before every attempt.

import type { Clock } from "./clock.js";
import type { HttpAnswer, HttpAttempt } from "./http-pools.js";
import type { RateLimiter } from "./rate-limiter.js";
import { isAmbiguous } from "./ambiguity.js";
import { ambiguityWindowMs, decideRetry, type AttemptObservation, type RetryPolicy } from "./retry-policy.js";

export interface RetryLoopOptions {
  readonly policy: RetryPolicy;
  readonly clock: Clock;
  readonly random: () => number;
  readonly limiter?: RateLimiter;
  /** Stops before the next attempt or wait; an attempt already on the wire is left to finish. */
  readonly stopSignal?: AbortSignal;
  /** Statuses the integration retries besides the default ones. */
  readonly retryStatuses?: readonly number[];
  /** The destination's rate-limit window, for a 429 without Retry-After. */
  readonly rateWindowMs?: number;
  /** The adapter's reading of an answer its status alone does not classify. */
  readonly retryAs?: (answer: HttpAnswer) => "transient" | "rate_limited" | undefined;
  /** Told of every attempt's result as it arrives (deliver's fail-fast circuit watches them). */
  readonly onAttempt?: (result: HttpAttempt) => void;
}

export interface RetryLoopResult {
  /** The last attempt's result; absent when stopped before the first attempt. */
  readonly last: HttpAttempt | undefined;
  readonly attempts: number;
  /** 429 answers seen. */
  readonly rateLimited: number;
  /** Stopped by the stop signal (or an attempt cancelled) before a final answer. */
  readonly interrupted: boolean;
  /** Set when the answer was worth retrying but attempts or time ran out. */
  readonly gaveUp?: string;
  /** Set when the server asked for a wait longer than the policy's maximum: says so, for the result's error. */
  readonly waitRefused?: string;
  /**
   * Set when the last attempt was ambiguous (it may still be applied) and its ambiguity window had not passed when
   * the loop ended: until then (clock time) nothing later for the same person may be sent.
   */
  readonly unsettledUntil?: number;
}

export async function sendWithRetries(
  attempt: () => Promise<HttpAttempt>,
  options: RetryLoopOptions,
): Promise<RetryLoopResult> {
  const { policy, clock, random, limiter, stopSignal } = options;
  const startedAt = clock.now();
  let attempts = 0;
  let rateLimited = 0;
  let last: HttpAttempt | undefined;
  let unsettledUntil: number | undefined;
  const unsettled = () => (unsettledUntil !== undefined && unsettledUntil > clock.now() ? { unsettledUntil } : {});
  const stopped = (): RetryLoopResult => ({ last, attempts, rateLimited, interrupted: true, ...unsettled() });
  for (;;) {
    if (stopSignal?.aborted) return stopped();
    const permit = limiter ? await limiter.acquire(stopSignal) : undefined;
    if (limiter && !permit) return stopped();
    attempts += 1;
    last = await attempt();
    options.onAttempt?.(last);
    permit?.done(last.kind === "response" ? last.answer : undefined);
    const now = clock.now();
    const observation = observe(last, options.retryAs);
    unsettledUntil = isAmbiguous(observation) ? now + ambiguityWindowMs(policy) : undefined;
    if (last.kind === "error" && last.code === "ABORTED") return stopped();
    if (last.kind === "response" && last.answer.status === 429) rateLimited += 1;
    const decision = decideRetry(policy, observation, {
      attempt: attempts,
      elapsedMs: now - startedAt,
      nowMs: now,
      random,
      retryStatuses: options.retryStatuses,
      rateWindowMs: options.rateWindowMs,
    });
    if (decision.action === "finish") return { last, attempts, rateLimited, interrupted: false };
    if (decision.action === "give_up")
      return {
        last,
        attempts,
        rateLimited,
        interrupted: false,
        gaveUp: decision.reason,
        ...(decision.waitRefused ? { waitRefused: decision.reason } : {}),
        ...unsettled(),
      };
    await clock.sleep(decision.delayMs, stopSignal);
  }
}

// An answer the adapter reads as transient is decided as a 503 would be, one it reads as a rate limit as a 429.
const STATUS_FOR = { transient: 503, rate_limited: 429 } as const;

function observe(result: HttpAttempt, retryAs: RetryLoopOptions["retryAs"]): AttemptObservation {
  if (result.kind === "error") return { kind: "error", code: result.code };
  const { status, headers } = result.answer;
  const failed = status < 200 || status >= 300;
  const as = failed && retryAs ? retryAs(result.answer) : undefined;
  return { kind: "response", status: as ? STATUS_FOR[as] : status, headers };
}
