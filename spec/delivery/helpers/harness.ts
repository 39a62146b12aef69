// Runs the delivery pipeline against a real emulator on 127.0.0.1 and collects what came out.

import { deliverEvents, type DeliverOptions } from "../../../delivery/deliver.js";
import type { DeliveryResult, DeliverySummary } from "../../../delivery/results.js";
import { RateLimiterRegistry } from "../../../delivery/rate-limiter.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "../../../delivery/retry-policy.js";
import { createSalesloftSender } from "../../../presets/salesloft/sender.js";
import type { Clock } from "../../../delivery/clock.js";
import type { RequestSender } from "../../../delivery/sender.js";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../../presets/salesloft/emulator/index.js";
import { testPreset } from "./test-preset.js";

export const API_KEY = "sk-live-9f8e7d6c5b4a3210";

export interface Run {
  readonly results: DeliveryResult[];
  readonly summary: DeliverySummary;
}

export interface HarnessOptions {
  readonly policy?: Partial<RetryPolicy>;
  readonly clock?: Clock;
  readonly concurrency?: number;
  readonly random?: () => number;
  readonly apiKey?: string;
  readonly limitPerMinute?: number;
}

/** Emulator that knows API_KEY, with the clock (when given) shared so rate-limit windows agree. */
export async function emulatorFor(options: EmulatorOptions = {}, clock?: Clock): Promise<Emulator> {
  return startEmulator({
    apiKeys: { [API_KEY]: { team: "team-1", scopes: ["people"] } },
    ...(clock ? { now: () => clock.now() } : {}),
    ...options,
  });
}

export function senderFor(emulator: Emulator, options: HarnessOptions = {}): RequestSender {
  return createSalesloftSender({
    baseUrl: emulator.url,
    concurrency: options.concurrency ?? 8,
    // Waits on the scale of these tests; spec/delivery/ambiguous-timeout.test.ts sets its own ambiguity window.
    policy: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 10, maxDelayMs: 50, ambiguityWindowMs: 50, ...options.policy },
    limiters: new RateLimiterRegistry({ clock: options.clock, limitPerMinute: options.limitPerMinute }),
    ...(options.clock ? { clock: options.clock } : {}),
    random: options.random ?? (() => 0.5),
  });
}

/** Delivers `lines` with the test preset; a sender passed in options is used and left open. */
export async function deliverTo(
  emulator: Emulator,
  lines: Iterable<unknown> | AsyncIterable<unknown>,
  options: HarnessOptions & Partial<DeliverOptions> = {},
): Promise<Run> {
  const preset = testPreset();
  const settings = preset.validateSettings({ api_key: options.apiKey ?? API_KEY });
  if (!settings.ok) throw new Error(settings.problems.join("; "));
  const sender = options.sender ?? senderFor(emulator, options);
  const results: DeliveryResult[] = [];
  try {
    const summary = await deliverEvents(lines, {
      preset,
      settings: settings.settings,
      secrets: [options.apiKey ?? API_KEY],
      ...options,
      sender,
      onResult: (result) => {
        results.push(result);
        options.onResult?.(result);
      },
    });
    return { results: results.sort((a, b) => a.line - b.line), summary };
  } finally {
    if (!options.sender) await sender.close();
  }
}
