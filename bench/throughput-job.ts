// Throughput inside a fresh process: generate the mix, load one contender, warm it up, then time passes over the mix
// as the parent asks for them, one at a time, so the parent can alternate them with the floor's process.

import { contenderByName, type TransformFn } from "./contenders.js";
import { generateEventList, type EventMix } from "./events/generate.js";
import type { BenchSettings } from "./peers/envelope.js";

export interface ThroughputJob {
  readonly kind: "throughput";
  readonly contender: string;
  readonly mix: EventMix;
  readonly count: number;
  readonly seed: number;
  readonly settings: BenchSettings;
  /** Passes over the mix before any is timed, for this long. */
  readonly warmupMs: number;
  /** A timed pass stops after this long: a slow contender is timed on the events it reached. */
  readonly passMs: number;
}

export interface ThroughputRun {
  readonly eventsPerSecond: number;
  readonly async: boolean;
}

/** A warmed-up contender in this process: `pass()` times one pass over the mix. */
export interface ThroughputSession {
  pass(): Promise<ThroughputRun>;
}

export async function openThroughputSession(job: ThroughputJob): Promise<ThroughputSession> {
  const contender = contenderByName(job.contender);
  if (contender === undefined) throw new Error(`no contender named ${JSON.stringify(job.contender)}`);
  const events = generateEventList(job.count, { mix: job.mix, seed: job.seed });
  const transform = await contender.load();
  // Engines whose API is async (JSONata 2) are awaited per event; sync ones are not charged for an await.
  const isAsync = transform(events[0], job.settings) instanceof Promise;
  const pass = isAsync ? asyncPass : syncPass;
  // Whole passes (the last one cut) until the warm-up time is spent, so V8 has optimised what it will run.
  const warm = performance.now() + job.warmupMs;
  while (performance.now() < warm) await pass(transform, events, job.settings, warm);
  return {
    async pass() {
      const started = performance.now();
      const reached = await pass(transform, events, job.settings, started + job.passMs);
      return { eventsPerSecond: reached / ((performance.now() - started) / 1000), async: isAsync };
    },
  };
}

/** Calls the transform on each event until the deadline (checked every 1,024 events); gives how many it reached. */
export async function syncPass(
  transform: TransformFn,
  events: readonly unknown[],
  settings: BenchSettings,
  deadline: number,
): Promise<number> {
  for (let index = 0; index < events.length; index++) {
    transform(events[index], settings);
    if ((index & 1023) === 0 && performance.now() > deadline) return index + 1;
  }
  return events.length;
}

async function asyncPass(
  transform: TransformFn,
  events: readonly unknown[],
  settings: BenchSettings,
  deadline: number,
): Promise<number> {
  for (let index = 0; index < events.length; index++) {
    await transform(events[index], settings);
    if ((index & 1023) === 0 && performance.now() > deadline) return index + 1;
  }
  return events.length;
}
