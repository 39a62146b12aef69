// Delivery against the emulator on loopback: throughput and latency with rate limiting off, and the achieved rate
// and count of 429s at a configured limit on an accelerated clock (so minutes pass in seconds).

import type { Clock } from "../delivery/clock.js";
import { deliverEvents } from "../delivery/deliver.js";
import { RateLimiterRegistry } from "../delivery/rate-limiter.js";
import { createSalesloftSender } from "../presets/salesloft/sender.js";
import type { RequestSender, SendContext, SendReport } from "../delivery/sender.js";
import { DEFAULT_API_KEY } from "../presets/salesloft/emulator/index.js";
import { loadPreset } from "../loader/load-preset.js";
import type { HttpRequest } from "../runtime/outcome.js";
import { startEmulatorProcess, sharedClock, type SharedClockSpec } from "./emulator-process.js";
import { generateEvents } from "./events/generate.js";
import { transformLeadCaptureByHand } from "./peers/hand-written.js";
import { SALESLOFT_PRESET } from "./paths.js";
import { median, percentile } from "./stats.js";

// The emulator's own fake key: it grants nothing anywhere else.
const SETTINGS = { api_key: DEFAULT_API_KEY, default_phone_region: "US" };

export interface UnlimitedDeliveryRow {
  readonly requests: number;
  readonly concurrency: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly failed: number;
}

export interface LimitedDeliveryRow {
  readonly requests: number;
  readonly limitPerMinute: number;
  readonly clockFactor: number;
  /** Upserts per emulated minute, averaged over the clock minutes that ran whole. */
  readonly achievedPerMinute: number;
  readonly maxInAnyMinute: number;
  readonly wholeMinutes: number;
  /** 429 answers the emulator gave: must be 0. */
  readonly status429: number;
  readonly failed: number;
}

/** Events the preset sends, so every event is one request. */
function* sendableEvents(count: number, seed: number): Generator<unknown> {
  let yielded = 0;
  for (const event of generateEvents(Number.MAX_SAFE_INTEGER, { mix: "phones", seed })) {
    if (yielded >= count) return;
    if (transformLeadCaptureByHand(event, SETTINGS).outcome !== "send") continue;
    yielded++;
    yield event;
  }
}

/** Times each send: HTTP round trip, retries and any rate-limit wait inside the sender. */
class TimedSender implements RequestSender {
  readonly latenciesMs: number[] = [];
  constructor(private readonly inner: RequestSender) {}
  async send(request: HttpRequest, context: SendContext): Promise<SendReport> {
    const started = performance.now();
    const report = await this.inner.send(request, context);
    this.latenciesMs.push(performance.now() - started);
    return report;
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

async function deliverTo(
  url: string,
  events: Iterable<unknown>,
  concurrency: number,
  limitPerMinute: number,
  clock?: Clock,
) {
  const preset = await loadPreset(SALESLOFT_PRESET);
  const limiters = new RateLimiterRegistry({ limitPerMinute, ...(clock ? { clock } : {}) });
  const sender = new TimedSender(
    createSalesloftSender({ baseUrl: url, concurrency, limiters, ...(clock ? { clock } : {}) }),
  );
  const started = performance.now();
  try {
    const summary = await deliverEvents(events, {
      preset,
      settings: SETTINGS,
      sender,
      concurrency,
      secrets: [SETTINGS.api_key],
      ...(clock ? { clock } : {}),
    });
    return { summary, seconds: (performance.now() - started) / 1000, latenciesMs: sender.latenciesMs };
  } finally {
    await sender.close();
  }
}

export async function benchmarkUnlimitedDelivery(
  requests: number,
  concurrency: number,
  seed: number,
): Promise<UnlimitedDeliveryRow> {
  const emulator = await startEmulatorProcess({ kind: "emulator", rateLimitPerMinute: 0 });
  try {
    // The client limiter is set out of the way too: this measures the pipeline, not a limit.
    const run = await deliverTo(emulator.url, sendableEvents(requests, seed), concurrency, Number.POSITIVE_INFINITY);
    return {
      requests: run.summary.delivered + run.summary.failed,
      concurrency,
      requestsPerSecond: run.latenciesMs.length / run.seconds,
      p50Ms: median(run.latenciesMs),
      p99Ms: percentile(run.latenciesMs, 0.99),
      failed: run.summary.failed,
    };
  } finally {
    await emulator.stop();
  }
}

export async function benchmarkLimitedDelivery(
  requests: number,
  limitPerMinute: number,
  clockFactor: number,
  concurrency: number,
  seed: number,
): Promise<LimitedDeliveryRow> {
  // Start the emulated clock just after a minute boundary so the first window is (nearly) whole.
  const spec: SharedClockSpec = {
    factor: clockFactor,
    realStartMs: Date.now(),
    startMs: Date.UTC(2025, 0, 1, 12, 0, 0, 100),
  };
  const emulator = await startEmulatorProcess({ kind: "emulator", rateLimitPerMinute: limitPerMinute, clock: spec });
  let failed: number;
  try {
    failed = (
      await deliverTo(emulator.url, sendableEvents(requests, seed), concurrency, limitPerMinute, sharedClock(spec))
    ).summary.failed;
  } catch (error) {
    await emulator.stop().catch(() => undefined);
    throw error;
  }
  const stats = await emulator.stop();
  const perMinute = new Map<number, number>();
  for (const upsert of stats.upserts) {
    if (upsert.status !== 200) continue;
    const minute = Math.floor(upsert.time / 60_000);
    perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1);
  }
  // The last minute is cut short when the events run out; every earlier one ran whole.
  const minutes = [...perMinute.keys()].sort((a, b) => a - b);
  const whole = minutes.slice(0, -1).map((minute) => perMinute.get(minute)!);
  return {
    requests: stats.upserts.length,
    limitPerMinute,
    clockFactor,
    achievedPerMinute: whole.length > 0 ? whole.reduce((sum, count) => sum + count, 0) / whole.length : Number.NaN,
    maxInAnyMinute: Math.max(0, ...perMinute.values()),
    wholeMinutes: whole.length,
    status429: stats.upserts.filter((upsert) => upsert.status === 429).length,
    failed,
  };
}
