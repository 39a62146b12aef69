// The transform parts of `npm run bench`: throughput against the hand-written floor and the peers, and compile time.

import { benchmarkCompileTime, type CompileTimeRow } from "./compile-time.js";
import { META_BENCH_SETTINGS, META_HAND_WRITTEN, metaContenders, SALESLOFT_BENCH_SETTINGS } from "./contenders.js";
import { EVENT_MIXES } from "./events/generate.js";
import { ms, number, table, verdict } from "./format.js";
import { pinningText } from "./affinity.js";
import { bySize, type BenchContext, type BenchPart } from "./part.js";
import { benchmarkThroughput, type ThroughputOptions, type ThroughputResult } from "./throughput.js";

const THROUGHPUT = {
  full: { events: 50_000, runs: 10, passes: 20, passMs: 250, warmupMs: 1_500 },
  smoke: { events: 300, runs: 1, passes: 2, passMs: 100, warmupMs: 50 },
};
const COMPILE = { full: { processes: 5, warmRuns: 50 }, smoke: { processes: 1, warmRuns: 3 } };

/** Both mixes at the mode's size; `suite` says who is timed against which floor (Salesloft's when left out). */
function runThroughput(
  { mode, seed, log }: BenchContext,
  suite: Pick<ThroughputOptions, "settings" | "contenders" | "floor">,
): Promise<ThroughputResult> {
  const size = bySize(mode, THROUGHPUT);
  return benchmarkThroughput({
    count: size.events,
    runs: size.runs,
    passes: size.passes,
    passMs: size.passMs,
    seed,
    mixes: EVENT_MIXES,
    warmupMs: size.warmupMs,
    log,
    ...suite,
  });
}

function turns(mode: BenchContext["mode"]): string {
  const size = bySize(mode, THROUGHPUT);
  return `${size.runs} rounds × ${size.passes} turns`;
}

export const throughputPart: BenchPart<ThroughputResult> = {
  name: "throughput",
  title: "Transform throughput",
  sizes: (mode) => `${number(bySize(mode, THROUGHPUT).events)} events per mix × ${turns(mode)}`,
  run: (context) => runThroughput(context, { settings: SALESLOFT_BENCH_SETTINGS }),
  render: renderThroughput,
  targets: (value) => {
    const lines: string[] = [];
    for (const mix of new Set(value.rows.map((row) => row.mix))) {
      const compiled = value.rows.find((row) => row.mix === mix && row.contender === "compiled preset");
      const rudder = value.rows.find((row) => row.mix === mix && row.contender === "RudderStack template");
      if (!compiled || !rudder) continue;
      lines.push(
        `${mix}: compiled preset at ${number(compiled.ratioToFloor, 2)}× the floor (target ≥ 0.95): ${verdict(compiled.ratioToFloor >= 0.95)}`,
        `${mix}: compiled preset ${number(compiled.medianEventsPerSecond)} vs RudderStack ${number(rudder.medianEventsPerSecond)} events/s (target: ahead): ${verdict(compiled.medianEventsPerSecond > rudder.medianEventsPerSecond)}`,
      );
    }
    return lines;
  },
};

/** The Meta Conversions preset (SHA-256 of email, phone, names and id per event) against Meta written by hand. */
export const metaThroughputPart: BenchPart<ThroughputResult> = {
  name: "meta-throughput",
  title: "Transform throughput of the Meta Conversions preset",
  sizes: (mode) => `meta ${number(bySize(mode, THROUGHPUT).events)} events per mix × ${turns(mode)}`,
  run: (context) =>
    runThroughput(context, {
      settings: META_BENCH_SETTINGS,
      contenders: metaContenders(),
      floor: META_HAND_WRITTEN,
    }),
  render: renderThroughput,
  targets: (value) =>
    value.rows
      .filter((row) => row.contender === "Meta compiled preset")
      .map(
        (row) =>
          `${row.mix}: Meta compiled preset at ${number(row.ratioToFloor, 2)}× its hand-written floor (target ≥ 0.95): ${verdict(row.ratioToFloor >= 0.95)}`,
      ),
};

export const compilePart: BenchPart<CompileTimeRow[]> = {
  name: "compile",
  title: "Compile time of presets/salesloft/lead-capture.map",
  sizes: (mode) => `compile ${bySize(mode, COMPILE).processes} processes`,
  run: ({ mode }) => benchmarkCompileTime(bySize(mode, COMPILE).processes, bySize(mode, COMPILE).warmRuns),
  render: renderCompile,
  targets: (rows) => {
    const check = rows.find((row) => row.operation === "check");
    return check ? [`check warm ${ms(check.warmMs)} (target < 20 ms): ${verdict(check.warmMs < 20)}`] : [];
  },
};

function renderThroughput(value: ThroughputResult): string {
  let text = "";
  const { rows, unavailable, checkedEvents } = value;
  text += `Before timing, every contender gave the hand-written floor's outcome (kind, error code, body, number of warnings) for all ${number(checkedEvents)} events. `;
  text += `Each contender runs in its own fresh process, warmed up for ${ms(value.warmupMs)}; within a round every contender's process is ready and they take turns, one pass over the mix each (a pass stops after ${ms(value.passMs)}, so a slow peer is timed on the events it reached), ${value.passes} turns per round, ${value.rounds} round${value.rounds === 1 ? "" : "s"} of fresh processes. events/s is the median pass; × floor is the median, over every turn, of the contender's events/s over the floor's in the same turn, so a slow spell of the shared machine moves both sides of a pair together. ${pinningText(value.pinning)}\n\n`;
  text += table(
    ["mix", "contender", "median events/s", "× floor", "middle half of × floor", "range (events/s)"],
    rows.map((row) => [
      row.mix,
      row.contender + (row.async ? " (async)" : ""),
      number(row.medianEventsPerSecond),
      number(row.ratioToFloor, 2),
      // Figures from before the quartiles were kept have none.
      row.ratioQuartiles ? `${number(row.ratioQuartiles[0], 2)}–${number(row.ratioQuartiles[1], 2)}` : "",
      `${number(row.minEventsPerSecond)}–${number(row.maxEventsPerSecond)}`,
    ]),
  );
  text += "\n\nWhat one timed call of each contender includes:\n\n";
  const seen = new Set<string>();
  for (const row of rows)
    if (!seen.has(row.contender)) (seen.add(row.contender), (text += `- **${row.contender}**: ${row.includes}\n`));
  for (const missing of unavailable) text += `- **${missing.contender}: NOT AVAILABLE** — ${missing.reason}\n`;
  return text + "\n";
}

function renderCompile(value: CompileTimeRow[]): string {
  let text = "";
  text +=
    "Cold: the first call in a fresh process (after importing dist/index.js, timed separately). Warm: median of the following calls. Medians over processes.\n\n";
  text += table(
    ["operation", "import dist/index.js", "cold", "warm", "processes"],
    value.map((row) => [
      row.operation === "check" ? "check" : "compile (with prettier)",
      ms(row.importMs),
      ms(row.coldMs),
      ms(row.warmMs),
      String(row.processes),
    ]),
  );
  return text + "\n\n";
}
