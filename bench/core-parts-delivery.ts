// The delivery parts of `npm run bench`: the Salesloft emulator with and without a rate limit, and streaming memory.

import { DEFAULT_SEED } from "./events/generate.js";
import {
  benchmarkLimitedDelivery,
  benchmarkUnlimitedDelivery,
  type LimitedDeliveryRow,
  type UnlimitedDeliveryRow,
} from "./delivery.js";
import { ms, number, table, verdict } from "./format.js";
import { benchmarkMemory, type MemoryComparison } from "./memory.js";
import { bySize, type BenchPart } from "./part.js";

const DELIVERY = {
  full: { unlimited: 5_000, limited: 2_000, limitPerMinute: 600, clockFactor: 30 },
  smoke: { unlimited: 100, limited: 250, limitPerMinute: 120, clockFactor: 40 },
};
const MEMORY = { full: { small: 100_000, large: 1_000_000 }, smoke: { small: 200, large: 2_000 } };

interface DeliveryResult {
  readonly unlimited: UnlimitedDeliveryRow;
  readonly limited: LimitedDeliveryRow;
}

export const deliveryPart: BenchPart<DeliveryResult> = {
  name: "delivery",
  title: "Delivery to the Salesloft emulator on loopback",
  sizes: (mode) => `delivery ${bySize(mode, DELIVERY).unlimited} + ${bySize(mode, DELIVERY).limited} requests`,
  run: async ({ mode }) => {
    const size = bySize(mode, DELIVERY);
    return {
      unlimited: await benchmarkUnlimitedDelivery(size.unlimited, 8, DEFAULT_SEED),
      limited: await benchmarkLimitedDelivery(size.limited, size.limitPerMinute, size.clockFactor, 8, DEFAULT_SEED),
    };
  },
  render: renderDelivery,
  targets: (value) => [
    `429s at the configured limit: ${value.limited.status429} (target 0): ${verdict(value.limited.status429 === 0)}`,
  ],
};

export const memoryPart: BenchPart<MemoryComparison> = {
  name: "memory",
  title: "Streaming memory of `signal-map run`",
  sizes: (mode) => `memory ${number(bySize(mode, MEMORY).small)} vs ${number(bySize(mode, MEMORY).large)} events`,
  run: ({ mode, seed }) => benchmarkMemory(bySize(mode, MEMORY).small, bySize(mode, MEMORY).large, seed),
  render: renderMemory,
  targets: (value) => [
    `streaming memory ${number(value.ratio, 2)}× from ${number(value.small.events)} to ${number(value.large.events)} events (target: flat, ≤ 1.2×): ${verdict(value.ratio <= 1.2)}`,
  ],
};

function renderDelivery(value: DeliveryResult): string {
  let text = "";
  const { unlimited, limited } = value;
  text +=
    "The emulator runs in its own process; latency is one sender call (HTTP round trip, retries and any rate-limit wait).\n\n";
  text += table(
    ["rate limit", "requests", "concurrency", "requests/s", "p50", "p99", "failed"],
    [
      [
        "off",
        number(unlimited.requests),
        String(unlimited.concurrency),
        number(unlimited.requestsPerSecond),
        ms(unlimited.p50Ms),
        ms(unlimited.p99Ms),
        String(unlimited.failed),
      ],
    ],
  );
  text += `\n\nAt a limit of ${limited.limitPerMinute}/min, with both processes on one clock running ${limited.clockFactor}× real time:\n\n`;
  text += table(
    ["upserts", "limit/min", "achieved/min (whole minutes)", "× limit", "max in one minute", "429s", "failed"],
    [
      [
        number(limited.requests),
        String(limited.limitPerMinute),
        `${number(limited.achievedPerMinute, 1)} (${limited.wholeMinutes})`,
        number(limited.achievedPerMinute / limited.limitPerMinute, 3),
        String(limited.maxInAnyMinute),
        String(limited.status429),
        String(limited.failed),
      ],
    ],
  );
  return text + "\n\n";
}

function renderMemory(value: MemoryComparison): string {
  let text = "";
  const { small, large, ratio } = value;
  text += `Generated events piped into \`node dist/cli/main.js run presets/salesloft/lead-capture.map -\`; peak RSS read with ${small.method === "gnu-time" ? "/usr/bin/time -v" : "/proc/<pid>/status VmHWM"}.\n\n`;
  text += table(
    ["events", "peak RSS", "seconds", "events/s"],
    [small, large].map((run) => [
      number(run.events),
      `${number(run.peakRssMiB, 1)} MiB`,
      number(run.seconds, 1),
      number(run.events / run.seconds),
    ]),
  );
  return (
    text +
    `\n\nPeak RSS at ${number(large.events)} events is ${number(ratio, 2)}× the peak at ${number(small.events)}.\n\n`
  );
}
