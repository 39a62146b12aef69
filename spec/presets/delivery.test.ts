// End to end per shipped integration: a mixed stream (samples plus generated people, dropped kinds and refused
// events) goes through deliverEvents and the integration's emulator with faults injected, and the emulator's record
// shows every sendable item landed once, in order per person, in batches within the declared limits.

import { afterEach, describe, expect, it } from "vitest";
import { acceleratedClock } from "../../delivery/clock.js";
import { deliverEvents } from "../../delivery/deliver.js";
import { createHttpSender } from "../../delivery/http-sender.js";
import { RateLimiterRegistry } from "../../delivery/rate-limiter.js";
import { findAdapter } from "../../delivery/registry.js";
import type { DeliveryResult } from "../../delivery/results.js";
import { DEFAULT_RETRY_POLICY } from "../../delivery/retry-policy.js";
import { startGenericEmulator, type RunningEmulator } from "../../emulator/generic.js";
import type { RecordedRequest } from "../../emulator/recorder.js";
import { findEmulator } from "../../emulator/registry.js";
import { loadPreset } from "../../loader/load-preset.js";
import { itemsAt, mixedStream, presetPath, SHIPPED, type Shipped } from "./delivery.support.js";

const CREDENTIAL: Record<string, string> = {
  meta: "e2e-meta-token-5f1c",
  ga4: "e2e-ga4-secret-77aa",
  hubspot: "pat-e2e-hubspot-0c9d",
  mixpanel: "e2e-sa:e2e-sa-secret-31b8",
};

const FAULTS = [
  { status: 429, headers: { "retry-after": "2" } },
  { status: 429 },
  { status: 502 },
  "drop" as const,
  { status: 503 },
  { status: 500 },
];

let running: RunningEmulator | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

interface Expected {
  readonly person: string;
  readonly seq: number;
}

describe.each(SHIPPED)("delivering a mixed stream to the $name emulator", (shipped: Shipped) => {
  it("lands every sendable item once, in order per person, within the batch limits, and shows no secret", async () => {
    const credential = CREDENTIAL[shipped.name]!;
    const clock = acceleratedClock(50);
    const module = (await findEmulator(shipped.name))!;
    running = await startGenericEmulator(shipped.name, module, {
      credentials: [credential],
      failNext: FAULTS,
      latencyMs: 3,
      now: () => clock.now(),
    });
    const preset = await loadPreset(presetPath(shipped));
    const settings = preset.validateSettings(shipped.settings(credential));
    if (!settings.ok) throw new Error(settings.problems.join("; "));
    const events = mixedStream(shipped, 5);

    // What should land, computed from the preset itself: every item of every `send` outcome, keyed by its JSON.
    const expected = new Map<string, Expected>();
    let limits: Limits = {};
    events.forEach((event, seq) => {
      const prepared = preset.prepare!(event, settings.settings);
      if (prepared.outcome.outcome !== "send") return;
      limits = { ...prepared.send?.batch };
      // The person is the preset's order key (`order by`, or by default userId ?? anonymousId).
      expect(prepared.orderKey).toBeDefined();
      for (const item of itemsAt(prepared.outcome.request.body, limits.path)) {
        expected.set(JSON.stringify(item), { person: prepared.orderKey!, seq });
      }
    });
    expect(expected.size).toBeGreaterThan(10);

    const factory = await findAdapter(shipped.name);
    const integration = preset.meta.integration as { rateLimit?: { limit: number; windowMs: number } };
    const sender = createHttpSender({
      adapter: factory?.({ clock }),
      baseUrl: running.url,
      clock,
      limiters: new RateLimiterRegistry({ clock }),
      rateLimit: integration.rateLimit,
      // The emulator applies nothing it drops, so the ambiguity window after a drop can be short; the default two
      // minutes, after the scripted 429 waits, would exceed maxTotalMs (spec/delivery/ambiguous-timeout.test.ts).
      policy: {
        ...DEFAULT_RETRY_POLICY,
        maxAttempts: 10,
        baseDelayMs: 20,
        maxDelayMs: 200,
        attemptTimeoutMs: 5_000,
        ambiguityWindowMs: 1_000,
      },
      random: () => 0.5,
    });
    const results: DeliveryResult[] = [];
    try {
      await deliverEvents(events, {
        preset,
        settings: settings.settings,
        sender,
        clock,
        secrets: shipped.secrets(credential),
        batchWaitMs: 20,
        onResult: (result) => results.push(result),
      });
    } finally {
      await sender.close();
    }

    expect(results).toHaveLength(events.length);
    expect(results.filter((r) => r.status === "failed" && !/missing_required/.test(r.error ?? ""))).toEqual([]);
    const recorded = running.requests();
    expectLandedOnce(recorded, expected, limits, shipped.dedupKey);
    // No secret in any result line nor in the emulator's record.
    const printed = results.map((r) => JSON.stringify(r)).join("\n") + JSON.stringify(recorded);
    for (const secret of shipped.secrets(credential)) expect(printed).not.toContain(secret);
  });
});

type Limits = { maxItems?: number; maxBytes?: number; path?: readonly string[] };

/** Every expected item landed once (by dedup key too), in order per person, in requests within the limits. */
function expectLandedOnce(
  recorded: readonly RecordedRequest[],
  expected: ReadonlyMap<string, Expected>,
  limits: Limits,
  dedupKey: string | undefined,
): void {
  expect(recorded.filter((r) => r.status >= 300 || r.status === 0).length).toBeGreaterThanOrEqual(FAULTS.length);

  const accepted = recorded.filter((r) => r.status >= 200 && r.status < 300);
  const landed = accepted.flatMap((r) => itemsAt(r.body, limits.path).map((item) => JSON.stringify(item)));
  // Exactly once: each expected item landed, none twice, nothing else.
  expect([...landed].sort()).toEqual([...expected.keys()].sort());
  if (dedupKey) {
    const keys = landed.map((item) => (JSON.parse(item) as Record<string, unknown>)[dedupKey] ?? "");
    const inner = landed.map((item) => JSON.parse(item) as { properties?: Record<string, unknown> });
    const dedup = keys.map((key, i) => key || inner[i]!.properties?.[dedupKey]);
    expect(new Set(dedup).size).toBe(landed.length);
    expect(dedup.every((key) => typeof key === "string" && key !== "")).toBe(true);
  }
  // In order per person: the emulator's record, in the order it accepted, keeps each person's input order.
  const byPerson = new Map<string, number[]>();
  for (const item of landed) {
    const { person, seq } = expected.get(item)!;
    byPerson.set(person, [...(byPerson.get(person) ?? []), seq]);
  }
  for (const [person, seqs] of byPerson) {
    expect({ person, seqs }).toEqual({ person, seqs: [...seqs].sort((a, b) => a - b) });
  }
  // Batched within the declared limits.
  for (const request of accepted) {
    const count = itemsAt(request.body, limits.path).length;
    if (limits.maxItems !== undefined) expect(count).toBeLessThanOrEqual(limits.maxItems);
    const bytes = Buffer.byteLength(JSON.stringify(request.body));
    if (limits.maxBytes !== undefined) expect(bytes).toBeLessThanOrEqual(limits.maxBytes);
  }
}
