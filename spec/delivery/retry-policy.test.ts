import { describe, expect, it } from "vitest";
import {
  DEFAULT_RETRY_POLICY,
  backoffDelayMs,
  decideRetry,
  retryAfterMs,
  type AttemptObservation,
  type RetryPolicy,
} from "../../delivery/retry-policy.js";

const NOW = Date.UTC(2025, 0, 6, 12, 0, 45, 300);
const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, rateLimitMarginMs: 250 };
const state = (attempt = 1, elapsedMs = 0, random = () => 0.5) => ({ attempt, elapsedMs, nowMs: NOW, random });
const answer = (status: number, headers: Record<string, string> = {}): AttemptObservation => ({
  kind: "response",
  status,
  headers,
});
const failure = (code: string): AttemptObservation => ({ kind: "error", code });

describe("what a 429 waits for", () => {
  it("waits the Retry-After seconds when the server gives them", () => {
    expect(decideRetry(policy, answer(429, { "retry-after": "7" }), state())).toEqual({
      action: "retry",
      delayMs: 7_250,
      reason: "HTTP 429",
    });
  });

  it("reads a Retry-After HTTP date against the server's own Date header, not our clock", () => {
    const headers = { "retry-after": "Mon, 06 Jan 2025 12:01:00 GMT", date: "Mon, 06 Jan 2025 12:00:50 GMT" };
    expect(retryAfterMs(headers, NOW)).toBe(10_000);
  });

  it("without Retry-After waits until the next minute window by the server's Date header", () => {
    const headers = { date: "Mon, 06 Jan 2025 12:00:20 GMT", "x-ratelimit-remaining-minute": "0" };
    const decision = decideRetry(policy, answer(429, headers), state());
    expect(decision).toMatchObject({ action: "retry", delayMs: 40_000 + 250 });
  });

  it("without any header waits until the next minute by our own clock", () => {
    expect(decideRetry(policy, answer(429), state())).toMatchObject({ action: "retry", delayMs: 14_700 + 250 });
  });

  it("gives up when the wait would end after maxTotalMs", () => {
    const decision = decideRetry(policy, answer(429, { "retry-after": "3600" }), state());
    expect(decision.action).toBe("give_up");
  });
});

describe("server errors and broken connections", () => {
  it.each([500, 502, 503, 408])("retries HTTP %i with exponential backoff", (status) => {
    expect(decideRetry(policy, answer(status), state(1))).toMatchObject({ action: "retry", delayMs: 250 });
  });

  it("retries HTTP 504 only after the ambiguity window: the destination may still apply the request", () => {
    expect(decideRetry(policy, answer(504), state(1))).toMatchObject({ action: "retry", delayMs: 120_000 });
  });

  it.each(["ECONNRESET", "UND_ERR_SOCKET", "ECONNREFUSED", "UND_ERR_HEADERS_TIMEOUT", "ETIMEDOUT"])(
    "retries a %s error",
    (code) => {
      expect(decideRetry(policy, failure(code), state()).action).toBe("retry");
    },
  );

  it("uses full jitter: any delay from 0 up to the doubled ceiling, capped by maxDelayMs", () => {
    expect(backoffDelayMs(policy, 1, () => 0)).toBe(0);
    expect(backoffDelayMs(policy, 3, () => 0.999)).toBe(Math.floor(0.999 * 2_000));
    expect(backoffDelayMs(policy, 20, () => 0.5)).toBe(policy.maxDelayMs / 2);
  });

  it("gives up after maxAttempts", () => {
    const decision = decideRetry(policy, answer(503), state(policy.maxAttempts));
    expect(decision).toMatchObject({ action: "give_up" });
    expect((decision as { reason: string }).reason).toContain(`after ${policy.maxAttempts} attempts`);
  });

  it("honours a Retry-After on a 503 when it asks for more than the backoff", () => {
    expect(decideRetry(policy, answer(503, { "retry-after": "5" }), state(1))).toMatchObject({ delayMs: 5_000 });
  });
});

describe("answers retrying cannot change", () => {
  it.each([200, 201, 400, 401, 403, 404, 422, 501])("does not retry HTTP %i", (status) => {
    expect(decideRetry(policy, answer(status), state())).toEqual({ action: "finish" });
  });

  it("does not retry a host that does not exist", () => {
    expect(decideRetry(policy, failure("ENOTFOUND"), state())).toEqual({ action: "finish" });
  });
});
