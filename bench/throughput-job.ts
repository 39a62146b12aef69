// One timed throughput run inside a fresh process: generate the mix, load one contender, warm it up, time its passes.

import { contenderByName, type TransformFn } from "./contenders.js";
import { generateEventList, type EventMix } from "./events/generate.js";
import type { BenchSettings } from "./peers/envelope.js";
import { median } from "./stats.js";

export interface ThroughputJob {
  readonly kind: "throughput";
  readonly contender: string;
  readonly mix: EventMix;
  readonly count: number;
  readonly seed: number;
  readonly settings: BenchSettings;
  /** The warm-up pass stops after this long even if it has not seen every event. */
  readonly warmupMs: number;
}

export interface ThroughputRun {
  readonly eventsPerSecond: number;
  /** Sends in the timed pass: the same for every contender, so a run that did less work shows. */
  readonly sends: number;
  readonly async: boolean;
}

export async function runThroughputJob(job: ThroughputJob): Promise<ThroughputRun> {
  const contender = contenderByName(job.contender);
  if (contender === undefined) throw new Error(`no contender named ${JSON.stringify(job.contender)}`);
  const events = generateEventList(job.count, { mix: job.mix, seed: job.seed });
  const transform = await contender.load();
  // Engines whose API is async (JSONata 2) are awaited per event; sync ones are not charged for an await.
  const isAsync = transform(events[0], job.settings) instanceof Promise;
  const pass = isAsync ? asyncPass : syncPass;
  await pass(transform, events, job.settings, performance.now() + job.warmupMs);
  // Whole passes until a second of timing (at most nine): a pass of a fast contender takes a tenth of a second, and
  // one pass alone moved with every hiccup of the shared machine. The median pass is the process's figure.
  const rates: number[] = [];
  let sends = 0;
  for (let timed = 0; rates.length === 0 || (timed < TIMED_MS && rates.length < MAX_PASSES);) {
    const started = performance.now();
    sends = await pass(transform, events, job.settings, Number.POSITIVE_INFINITY);
    const ms = performance.now() - started;
    timed += ms;
    rates.push(events.length / (ms / 1000));
  }
  return { eventsPerSecond: median(rates), sends, async: isAsync };
}

const TIMED_MS = 1_000;
const MAX_PASSES = 9;

export async function syncPass(
  transform: TransformFn,
  events: readonly unknown[],
  settings: BenchSettings,
  deadline: number,
): Promise<number> {
  let sends = 0;
  for (let index = 0; index < events.length; index++) {
    if ((transform(events[index], settings) as { outcome: string }).outcome === "send") sends++;
    if ((index & 1023) === 0 && performance.now() > deadline) break;
  }
  return sends;
}

async function asyncPass(
  transform: TransformFn,
  events: readonly unknown[],
  settings: BenchSettings,
  deadline: number,
): Promise<number> {
  let sends = 0;
  for (let index = 0; index < events.length; index++) {
    if ((await transform(events[index], settings)).outcome === "send") sends++;
    if ((index & 1023) === 0 && performance.now() > deadline) break;
  }
  return sends;
}
