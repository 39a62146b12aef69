// Transform throughput: check that every contender gives the floor's outcomes on the whole mix, then time each one
// in its own fresh process. Within a round every contender's process is warm and waiting, and they take turns, one
// pass each: a slow spell of the shared machine then falls on neighbouring passes of the floor and the contender
// alike, and × floor pairs each pass with the floor's pass of the same turn.

import { allContenders, HAND_WRITTEN, type Contender, type TransformFn } from "./contenders.js";
import { checkEquivalence, type OutcomeDifference } from "./equivalence.js";
import { generateEventList, type EventMix } from "./events/generate.js";
import { onOneCpu, type Pinning } from "./affinity.js";
import { openWorkerSession, type WorkerSession } from "./fork.js";
import type { BenchSettings } from "./peers/envelope.js";
import type { ThroughputJob, ThroughputRun } from "./throughput-job.js";
import { median, percentile } from "./stats.js";

export interface ThroughputOptions {
  readonly count: number;
  /** Rounds: fresh processes for every contender each round. */
  readonly runs: number;
  /** Turns per round: one timed pass of every contender each. */
  readonly passes: number;
  /** A pass stops after this long (a slow peer is timed on the events it reached). */
  readonly passMs: number;
  readonly seed: number;
  readonly mixes: readonly EventMix[];
  readonly settings: BenchSettings;
  readonly warmupMs: number;
  readonly log: (line: string) => void;
  /** Who is timed, the floor among them; the Salesloft suite when left out. */
  readonly contenders?: readonly Contender[];
  readonly floor?: Contender;
}

export interface ThroughputRow {
  readonly mix: EventMix;
  readonly contender: string;
  readonly includes: string;
  readonly medianEventsPerSecond: number;
  readonly minEventsPerSecond: number;
  readonly maxEventsPerSecond: number;
  /**
   * The median, over every turn of every round, of this contender's events/s over the floor's in the same turn: a
   * paired figure, so a slow spell of the shared machine moves both sides of a pair together.
   */
  readonly ratioToFloor: number;
  /** The middle half of those per-turn ratios (25th to 75th percentile): how tightly they agree. */
  readonly ratioQuartiles: readonly [number, number];
  readonly async: boolean;
}

export interface Unavailable {
  readonly contender: string;
  readonly reason: string;
}

export interface ThroughputResult {
  readonly rows: ThroughputRow[];
  readonly unavailable: Unavailable[];
  readonly checkedEvents: number;
  /** How it was timed, for the report. */
  readonly rounds: number;
  readonly passes: number;
  readonly passMs: number;
  readonly warmupMs: number;
  /** The CPU the turns ran on (figures from before pinning have none). */
  readonly pinning?: Pinning;
}

/** Thrown when a contender's outcomes differ from the floor's: timing different work would mean nothing. */
export class NotEquivalentError extends Error {
  constructor(readonly differences: readonly OutcomeDifference[]) {
    super(
      `contenders disagree with the hand-written floor:\n${differences.map((d) => `  ${d.contender}, event #${d.index} (${d.messageId}): ${d.detail}`).join("\n")}`,
    );
    this.name = "NotEquivalentError";
  }
}

export async function benchmarkThroughput(options: ThroughputOptions): Promise<ThroughputResult> {
  const floorContender = options.floor ?? HAND_WRITTEN;
  const { available, unavailable } = await loadContenders(options.contenders ?? allContenders(), floorContender);
  for (const missing of unavailable) options.log(`  ${missing.contender} is not available: ${missing.reason}`);
  let checkedEvents = 0;
  for (const mix of options.mixes) {
    const events = generateEventList(options.count, { mix, seed: options.seed });
    const floor = available.find((entry) => entry.contender === floorContender)!.transform;
    const others = available
      .filter((entry) => entry.contender !== floorContender)
      .map((entry) => ({ name: entry.contender.name, transform: entry.transform }));
    const report = await checkEquivalence(events, floor, others, options.settings);
    if (report.differences.length > 0) throw new NotEquivalentError(report.differences);
    checkedEvents += report.checked;
    options.log(`  ${mix}: all ${available.length} contenders give the same outcomes on ${report.checked} events`);
  }
  const { value: samples, pinning } = await onOneCpu(
    () =>
      timeRounds(
        available.map((entry) => entry.contender),
        options,
      ),
    options.log,
  );
  return {
    rows: summarise(
      samples,
      available.map((entry) => entry.contender),
      floorContender,
    ),
    unavailable,
    checkedEvents,
    rounds: options.runs,
    passes: options.passes,
    passMs: options.passMs,
    warmupMs: options.warmupMs,
    pinning,
  };
}

async function loadContenders(contenders: readonly Contender[], floor: Contender) {
  const available: { contender: Contender; transform: TransformFn }[] = [];
  const unavailable: Unavailable[] = [];
  for (const contender of contenders) {
    try {
      available.push({ contender, transform: await contender.load() });
    } catch (error) {
      if (contender === floor) throw error;
      unavailable.push({
        contender: contender.name,
        reason: error instanceof Error ? error.message.split("\n")[0]! : String(error),
      });
    }
  }
  return { available, unavailable };
}

/** Per `mix\0contender`, its timed passes: turn t of round r at the same index for every contender. */
type Samples = Map<string, ThroughputRun[]>;

async function timeRounds(contenders: readonly Contender[], options: ThroughputOptions): Promise<Samples> {
  const samples: Samples = new Map();
  for (let round = 1; round <= options.runs; round++) {
    for (const mix of options.mixes) {
      // Warmed up one after another, so no warm-up competes with another for the two cores.
      const sessions: WorkerSession<ThroughputRun>[] = [];
      for (const contender of contenders) sessions.push(await openSession(contender, mix, options));
      for (let turn = 0; turn < options.passes; turn++) {
        // The order rotates with the turn, so no contender always runs right after the same other one.
        for (let k = 0; k < contenders.length; k++) {
          const index = (k + turn) % contenders.length;
          const key = `${mix}\u0000${contenders[index]!.name}`;
          const run = await sessions[index]!.request();
          samples.set(key, [...(samples.get(key) ?? []), run]);
        }
      }
      for (const session of sessions) await session.close();
    }
    options.log(`  round ${round}/${options.runs} done`);
  }
  return samples;
}

function openSession(
  contender: Contender,
  mix: EventMix,
  options: ThroughputOptions,
): Promise<WorkerSession<ThroughputRun>> {
  const job: ThroughputJob = {
    kind: "throughput",
    contender: contender.name,
    mix,
    count: options.count,
    seed: options.seed,
    settings: options.settings,
    warmupMs: options.warmupMs,
    passMs: options.passMs,
  };
  return openWorkerSession<ThroughputRun>(job);
}

function summarise(samples: Samples, contenders: readonly Contender[], floorContender: Contender): ThroughputRow[] {
  const rows: ThroughputRow[] = [];
  const mixes = [...new Set([...samples.keys()].map((key) => key.split("\u0000")[0] as EventMix))];
  for (const mix of mixes) {
    const floorRates = (samples.get(`${mix}\u0000${floorContender.name}`) ?? []).map((run) => run.eventsPerSecond);
    for (const contender of contenders) {
      const runs = samples.get(`${mix}\u0000${contender.name}`) ?? [];
      const rates = runs.map((run) => run.eventsPerSecond);
      // Turn i's pass is at index i of every contender's list: timeRounds appends one per turn.
      const ratios = rates.map((rate, turn) => rate / floorRates[turn]!);
      rows.push({
        mix,
        contender: contender.name,
        includes: contender.includes,
        medianEventsPerSecond: median(rates),
        minEventsPerSecond: Math.min(...rates),
        maxEventsPerSecond: Math.max(...rates),
        ratioToFloor: median(ratios),
        ratioQuartiles: [percentile(ratios, 0.25), percentile(ratios, 0.75)],
        async: runs.some((run) => run.async),
      });
    }
  }
  return rows;
}
