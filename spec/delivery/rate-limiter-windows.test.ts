// The limiter beyond the minute: a declared window (HubSpot's 10 s), an adapter's header reader, and a 429 that asks
// for more than the maximum wait stopping everyone for that maximum only.

import { describe, expect, it } from "vitest";
import { RateLimiter, RateLimiterRegistry } from "../../delivery/rate-limiter.js";
import { manualClock } from "./helpers/manual-clock.js";

const START = Date.UTC(2025, 0, 6, 12, 0, 0);

/** Asks for a permit; `granted()` says whether it came yet. */
function ask(limiter: RateLimiter): { granted: () => boolean } {
  let done = false;
  void limiter.acquire().then((permit) => {
    done = true;
    permit?.done();
  });
  return { granted: () => done };
}

describe("RateLimiter windows", () => {
  it("holds the limit per declared window", async () => {
    const clock = manualClock(START);
    const limiter = new RateLimiter({ limitPerMinute: 2, windowMs: 10_000, safetyMarginMs: 0, clock });
    for (let i = 0; i < 2; i++) (await limiter.acquire())!.done();
    const third = ask(limiter);
    await clock.advance(9_999);
    expect(third.granted()).toBe(false);
    await clock.advance(1);
    expect(third.granted()).toBe(true);
  });

  it("stops everyone for at most the maximum wait when a 429 asks for longer", async () => {
    const clock = manualClock(START);
    const limiter = new RateLimiter({ limitPerMinute: 600, safetyMarginMs: 0, maxWaitMs: 5_000, clock });
    (await limiter.acquire())!.done({ status: 429, headers: { "retry-after": "999999999" } });
    const next = ask(limiter);
    await clock.advance(4_999);
    expect(next.granted()).toBe(false);
    await clock.advance(1);
    expect(next.granted()).toBe(true);
  });

  it("reads remaining requests with the adapter's header reader", async () => {
    const clock = manualClock(START);
    const readHeaders = (headers: Record<string, string | undefined>) => ({
      remaining: Number(headers["x-left"]),
      resetInMs: 3_000,
    });
    const limiter = new RateLimiter({ limitPerMinute: 100, windowMs: 10_000, safetyMarginMs: 0, readHeaders, clock });
    (await limiter.acquire())!.done({ status: 200, headers: { "x-left": "0" } });
    const next = ask(limiter);
    await clock.advance(2_999);
    expect(next.granted()).toBe(false);
    await clock.advance(1);
    expect(next.granted()).toBe(true);
  });

  it("gives a key the declared limit unless --rate-limit says otherwise, and none when nothing is declared", () => {
    const registry = new RateLimiterRegistry();
    expect(registry.forKey("a", { limitPerMinute: 100, windowMs: 10_000 }).snapshot().limit).toBe(100);
    expect(registry.forKey("b").snapshot().limit).toBe(Number.MAX_SAFE_INTEGER);
    expect(new RateLimiterRegistry({ limitPerMinute: 7 }).forKey("c", { limitPerMinute: 100 }).snapshot().limit).toBe(
      7,
    );
  });
});
