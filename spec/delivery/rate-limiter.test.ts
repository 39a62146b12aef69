import { describe, expect, it } from "vitest";
import { RateLimiter, RateLimiterRegistry, limiterKey } from "../../delivery/rate-limiter.js";
import { manualClock } from "./helpers/manual-clock.js";

const START = Date.UTC(2025, 0, 6, 12, 0, 0);
const httpDate = (ms: number) => new Date(ms).toUTCString();

async function grantAll(limiter: RateLimiter, count: number) {
  const permits = [];
  for (let i = 0; i < count; i++) permits.push(await limiter.acquire());
  return permits;
}

describe("RateLimiter", () => {
  it("grants the limit at once, then makes the next request wait for the window", async () => {
    const clock = manualClock(START);
    const limiter = new RateLimiter({ limitPerMinute: 5, safetyMarginMs: 1000, clock });
    const permits = await grantAll(limiter, 5);
    permits.forEach((permit) => permit!.done());
    let granted = false;
    void limiter.acquire().then(() => (granted = true));
    await clock.advance(60_000);
    expect(granted).toBe(false);
    await clock.advance(1_000);
    expect(granted).toBe(true);
  });

  it("believes the server when it says fewer requests remain than we think (other integrations share the limit)", async () => {
    const clock = manualClock(START + 10_000);
    const limiter = new RateLimiter({ limitPerMinute: 600, safetyMarginMs: 0, clock });
    const [first] = await grantAll(limiter, 1);
    first!.done({ status: 200, headers: { "x-ratelimit-remaining-minute": "2", date: httpDate(clock.now()) } });
    await grantAll(limiter, 2);
    let third = false;
    void limiter.acquire().then(() => (third = true));
    await clock.advance(49_999);
    expect(third).toBe(false);
    await clock.advance(1);
    expect(third).toBe(true);
  });

  it("ignores a server that says more remain than we think", async () => {
    const clock = manualClock(START);
    const limiter = new RateLimiter({ limitPerMinute: 3, clock });
    const [first] = await grantAll(limiter, 3);
    first!.done({ status: 200, headers: { "x-ratelimit-remaining-minute": "500" } });
    let granted = false;
    void limiter.acquire().then(() => (granted = true));
    await clock.advance(10);
    expect(granted).toBe(false);
  });

  it("counts requests still on the wire against what the server said remains", async () => {
    const clock = manualClock(START);
    const limiter = new RateLimiter({ limitPerMinute: 600, clock });
    const permits = await grantAll(limiter, 4);
    // The server counted the first request only; three more are on their way, so only 2 of its 5 are left.
    permits[0]!.done({ status: 200, headers: { "x-ratelimit-remaining-minute": "5", date: httpDate(clock.now()) } });
    expect(limiter.snapshot().serverRemaining).toBe(2);
  });

  it("stops everyone after a 429 until the window the server names", async () => {
    const clock = manualClock(START);
    const limiter = new RateLimiter({ limitPerMinute: 600, safetyMarginMs: 0, clock });
    const [permit] = await grantAll(limiter, 1);
    permit!.done({ status: 429, headers: { "retry-after": "3" } });
    let granted = false;
    void limiter.acquire().then(() => (granted = true));
    await clock.advance(2_999);
    expect(granted).toBe(false);
    await clock.advance(1);
    expect(granted).toBe(true);
  });

  it("does not count a request the server refused with 429 against the window", async () => {
    const clock = manualClock(START);
    const limiter = new RateLimiter({ limitPerMinute: 2, clock });
    const [refused] = await grantAll(limiter, 1);
    refused!.done({ status: 429, headers: { "retry-after": "1" } });
    await clock.advance(2_000);
    expect(limiter.snapshot().sentInWindow).toBe(0);
  });

  it("adopts a lower limit announced in x-ratelimit-limit-minute", async () => {
    const clock = manualClock(START);
    const limiter = new RateLimiter({ limitPerMinute: 600, clock });
    const [permit] = await grantAll(limiter, 1);
    permit!.done({ status: 200, headers: { "x-ratelimit-limit-minute": "100" } });
    expect(limiter.snapshot().limit).toBe(100);
  });

  it("gives up waiting when the signal aborts", async () => {
    const clock = manualClock(START);
    const limiter = new RateLimiter({ limitPerMinute: 1, clock });
    await grantAll(limiter, 1);
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort();
    expect(await waiting).toBeUndefined();
  });
});

describe("RateLimiterRegistry", () => {
  it("shares one limiter per credential and origin, keyed by a hash that does not contain the key", () => {
    const registry = new RateLimiterRegistry();
    const a = registry.forCredential("https://api.salesloft.com", "Bearer sk-secret-1");
    expect(registry.forCredential("https://api.salesloft.com", "Bearer sk-secret-1")).toBe(a);
    expect(registry.forCredential("https://api.salesloft.com", "Bearer sk-secret-2")).not.toBe(a);
    expect(limiterKey("https://api.salesloft.com", "Bearer sk-secret-1")).not.toContain("sk-secret-1");
  });
});
