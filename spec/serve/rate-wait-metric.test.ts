// serve's rate-limit wait metric (signal_map_rate_limit_wait_seconds_total) counts the time a claimed event waits on
// the shared, cross-process rate limit before it is sent.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RequestSender, SendReport } from "../../delivery/sender.js";
import { loadPreset } from "../../loader/load-preset.js";
import { IntegrationTarget } from "../../serve/targets.js";
import type { RateDecision, Store } from "../../store/store.js";

const presets = join(import.meta.dirname, "../../presets/salesloft");
const fixture = JSON.parse(readFileSync(join(presets, "tests", "absent-optional-traits.json"), "utf8")) as {
  event: unknown;
};

const delivered: SendReport = {
  status: "delivered",
  httpStatus: 200,
  attempts: 1,
  warnings: [],
  interrupted: false,
  rateLimited: 0,
};

describe("the rate-limit wait metric", () => {
  it("is told how long an event waited on the shared limit before it was sent", async () => {
    const preset = await loadPreset(join(presets, "lead-capture.map"));
    let now = 1_000_000;
    const decisions: RateDecision[] = [{ ok: false, retryAtMs: now + 40 }, { ok: true }];
    const store = { acquireRate: async () => decisions.shift() ?? { ok: true } } as unknown as Store;
    const sent: unknown[] = [];
    const sender: RequestSender = { send: async (request) => (sent.push(request), delivered), close: async () => {} };
    const waits: number[] = [];
    const target = new IntegrationTarget({
      name: "salesloft",
      preset,
      settings: { api_key: "test-key-not-secret" },
      paused: false,
      sender,
      store,
      rateLimit: { limit: 600, windowMs: 60_000 },
      now: () => now,
      onRateWait: (ms) => ((now += ms), waits.push(ms)),
    });
    const result = await target.attempt(JSON.stringify(fixture.event));
    expect(result.kind).toBe("delivered");
    expect(waits).toEqual([40]);
    expect(sent).toHaveLength(1);
  });
});
