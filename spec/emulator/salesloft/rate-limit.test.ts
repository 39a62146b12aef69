// The per-team fixed-minute rate limit, driven by an injected clock instead of real waiting.

import { describe, expect, it } from "vitest";
import type { Emulator } from "../../../presets/salesloft/emulator/index.js";
import { SEED_BODY, call, emulatorFor, upsert } from "./helpers.js";

const MINUTE_START = Date.UTC(2026, 0, 1, 12, 0, 0);

/** Sends `count` upserts in small concurrent batches and returns their statuses. */
async function spend(emulator: Emulator, count: number, token = "test-key"): Promise<number[]> {
  const statuses: number[] = [];
  for (let sent = 0; sent < count; sent += 50) {
    const batch = Array.from({ length: Math.min(50, count - sent) }, () => upsert(emulator, SEED_BODY, { token }));
    statuses.push(...(await Promise.all(batch)).map((response) => response.status));
  }
  return statuses;
}

describe("rate limit", () => {
  it("allows 600 per minute, answers 429 after that, and allows again in the next window", async () => {
    let clock = MINUTE_START + 10_000;
    const emulator = await emulatorFor({ now: () => clock });
    expect(new Set(await spend(emulator, 599))).toEqual(new Set([200]));

    const last = await upsert(emulator, SEED_BODY);
    expect(last.status).toBe(200);
    expect(last.headers.get("x-ratelimit-remaining-minute")).toBe("0");

    const refused = await upsert(emulator, SEED_BODY);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ error: "API rate limit exceeded" });
    expect(refused.headers.get("x-ratelimit-endpoint-cost")).toBe("1");
    expect(refused.headers.get("x-ratelimit-remaining-minute")).toBe("0");
    expect(refused.headers.get("x-ratelimit-limit-minute")).toBe("600");
    expect(refused.headers.get("retry-after")).toBeNull();
    expect(refused.headers.get("date")).toBe(new Date(clock).toUTCString());

    clock = MINUTE_START + 60_000;
    const nextWindow = await upsert(emulator, SEED_BODY);
    expect(nextWindow.status).toBe(200);
    expect(nextWindow.headers.get("x-ratelimit-remaining-minute")).toBe("599");
  });

  it("puts the rate-limit headers and the clock's Date on every answer", async () => {
    const emulator = await emulatorFor({ now: () => MINUTE_START });
    const ok = await upsert(emulator, SEED_BODY);
    expect(ok.headers.get("x-ratelimit-endpoint-cost")).toBe("1");
    expect(ok.headers.get("x-ratelimit-remaining-minute")).toBe("599");
    expect(ok.headers.get("x-ratelimit-limit-minute")).toBe("600");
    expect(ok.headers.get("date")).toBe("Thu, 01 Jan 2026 12:00:00 GMT");
    const invalid = await upsert(emulator, { first_name: "no email" });
    expect(invalid.headers.get("x-ratelimit-remaining-minute")).toBe("598");
  });

  it("shares one budget between the keys of a team, not across teams", async () => {
    const emulator = await emulatorFor({
      now: () => MINUTE_START,
      rateLimitPerMinute: 3,
      apiKeys: {
        "key-a": { team: "acme", scopes: ["people"] },
        "key-b": { team: "acme", scopes: ["people"] },
        "key-c": { team: "other", scopes: ["people"] },
      },
    });
    expect(await spend(emulator, 2, "key-a")).toEqual([200, 200]);
    expect(await spend(emulator, 2, "key-b")).toEqual([200, 429]);
    expect(await spend(emulator, 1, "key-c")).toEqual([200]);
  });

  it("sends Retry-After with the seconds left in the window only when switched on", async () => {
    const emulator = await emulatorFor({ now: () => MINUTE_START + 15_500, rateLimitPerMinute: 1 });
    await upsert(emulator, SEED_BODY);
    expect((await upsert(emulator, SEED_BODY)).headers.get("retry-after")).toBeNull();
    emulator.set({ retryAfterHeader: true });
    const refused = await upsert(emulator, SEED_BODY);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("45");
  });

  it("turns off with 0, leaving only the cost header", async () => {
    const emulator = await emulatorFor({ rateLimitPerMinute: 0 });
    const response = await call(emulator, "GET", "/v2/people");
    expect(response.status).toBe(200);
    expect(response.headers.get("x-ratelimit-endpoint-cost")).toBe("1");
    expect(response.headers.get("x-ratelimit-remaining-minute")).toBeNull();
  });
});
