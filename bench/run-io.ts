// Bench part run-io: `signal-map run` against its floor (bench/run-floor.ts) on the same JSONL, and where the floor's
// own time goes. Each figure is the median wall time of fresh processes writing to /dev/null; both sides load the
// same shipped preset, so start-up is in both. Outputs are compared before timing (the floor does not redact, so its
// key is replaced by the redaction mark first).

import { createWriteStream, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onOneCpu, pinningText, type Pinning } from "./affinity.js";
import { writeEventsJsonl, type EventMix, EVENT_MIXES } from "./events/generate.js";
import { number, table, verdict } from "./format.js";
import { bySize, type BenchPart } from "./part.js";
import { DIST_BENCH, DIST_CLI, REPO_ROOT, SALESLOFT_PRESET } from "./paths.js";
import { median } from "./stats.js";
import { wallMs } from "./wall-time.js";

const SIZES = { full: { events: 200_000, runs: 7, checked: 5_000 }, smoke: { events: 2_000, runs: 1, checked: 500 } };
const STAGES = ["load", "split", "parse", "transform", "serialise", "write"] as const;
const KEY = "bench-key-not-secret";

export interface RunIoRow {
  readonly mix: EventMix;
  readonly runSeconds: number;
  readonly floorSeconds: number;
  /** Floor time over run time: 1 means run costs nothing beyond the floor. */
  readonly ratio: number;
  /** Median seconds of the floor stopped after each stage. */
  readonly stages: Readonly<Record<(typeof STAGES)[number], number>>;
}

export interface RunIoResult {
  readonly events: number;
  readonly runs: number;
  readonly rows: readonly RunIoRow[];
  /** The CPU every process ran on (figures from before pinning have none). */
  readonly pinning?: Pinning;
}

/** Wall seconds of one fresh process with stdout to `out` (a file descriptor). */
const timed = async (args: readonly string[], out: number) => (await wallMs(args, out)) / 1000;

async function writeEvents(path: string, count: number, mix: EventMix, seed: number): Promise<void> {
  const file = createWriteStream(path);
  await writeEventsJsonl(count, { mix, seed }, file);
  await new Promise<void>((resolve, reject) => file.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

const runArgs = (settings: string, events: string) => [
  DIST_CLI,
  "run",
  SALESLOFT_PRESET,
  "--settings",
  settings,
  events,
];
const floorArgs = (settings: string, events: string, stage = "write") => [
  join(DIST_BENCH, "run-floor.js"),
  "--stage",
  stage,
  SALESLOFT_PRESET,
  settings,
  events,
];

/** Both programs give the same outcomes, line for line, once the floor's key is shown as run shows it. */
async function checkSameOutput(dir: string, settings: string, events: string): Promise<void> {
  const outputs = [join(dir, "run.out"), join(dir, "floor.out")];
  for (const [index, args] of [runArgs(settings, events), floorArgs(settings, events)].entries()) {
    const fd = openSync(outputs[index]!, "w");
    try {
      await timed(args, fd);
    } finally {
      closeSync(fd);
    }
  }
  const ran = readFileSync(outputs[0]!, "utf8");
  const floor = readFileSync(outputs[1]!, "utf8").replaceAll(`Bearer ${KEY}`, "Bearer [redacted]");
  if (ran !== floor) throw new Error("run and its floor disagree on the outcomes: the comparison would be meaningless");
}

async function measureMix(dir: string, settings: string, mix: EventMix, size: typeof SIZES.full, seed: number) {
  const checkedFile = join(dir, `${mix}-checked.jsonl`);
  await writeEvents(checkedFile, size.checked, mix, seed);
  await checkSameOutput(dir, settings, checkedFile);
  const events = join(dir, `${mix}.jsonl`);
  await writeEvents(events, size.events, mix, seed);
  const devNull = openSync("/dev/null", "w");
  const times: Record<string, number[]> = { run: [], ...Object.fromEntries(STAGES.map((stage) => [stage, []])) };
  try {
    // Interleaved, so a slow spell of the shared machine hits every side alike.
    for (let run = 0; run < size.runs; run++) {
      times.run!.push(await timed(runArgs(settings, events), devNull));
      for (const stage of STAGES) times[stage]!.push(await timed(floorArgs(settings, events, stage), devNull));
    }
  } finally {
    closeSync(devNull);
  }
  const stages = Object.fromEntries(STAGES.map((stage) => [stage, median(times[stage]!)])) as RunIoRow["stages"];
  const runSeconds = median(times.run!);
  // Paired by run: each run of `run` against the floor's write run of the same round, then the median.
  const ratio = median(times.run!.map((seconds, round) => times.write![round]! / seconds));
  return { mix, runSeconds, floorSeconds: stages.write, ratio, stages };
}

export const runIoPart: BenchPart<RunIoResult> = {
  name: "run-io",
  title: "`signal-map run` against its floor",
  sizes: (mode) => `run-io ${number(bySize(mode, SIZES).events)} events × ${bySize(mode, SIZES).runs} runs`,
  run: async ({ mode, seed, log }) => {
    const size = bySize(mode, SIZES);
    const dir = mkdtempSync(join(tmpdir(), "signal-map-run-io-"));
    try {
      const settings = join(dir, "settings.json");
      writeFileSync(settings, JSON.stringify({ api_key: KEY, default_phone_region: "US" }));
      const rows: RunIoRow[] = [];
      // On one CPU, as the throughput parts: the two vCPUs differ in speed, and a round whose run and floor landed on
      // different ones moved the ratio by 0.1 and more.
      const { pinning } = await onOneCpu(async () => {
        for (const mix of EVENT_MIXES) {
          rows.push(await measureMix(dir, settings, mix, size, seed));
          log(`  ${mix}: run at ${rows.at(-1)!.ratio.toFixed(2)}× its floor`);
        }
      }, log);
      return { events: size.events, runs: size.runs, rows, pinning };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  render: renderRunIo,
  targets: (value) =>
    value.rows.map(
      (row) => `${row.mix}: run at ${number(row.ratio, 2)}× its floor (target ≥ 0.8): ${verdict(row.ratio >= 0.8)}`,
    ),
};

function renderRunIo(value: RunIoResult): string {
  let text = `\`node dist/cli/main.js run presets/salesloft/lead-capture.map --settings S EVENTS\` against \`dist/bench/run-floor.js\` (read, split, \`JSON.parse\`, the same preset's \`transform\`, \`JSON.stringify\`, 64 KiB writes), ${number(value.events)} events per mix, output to /dev/null, median of ${value.runs} fresh processes each (start-up included on both sides); × floor is the median over rounds of the floor's time over run's in the same round. Before timing, both gave the same outcomes for the same events. ${pinningText(value.pinning)}\n\n`;
  text += table(
    ["mix", "run", "floor", "× floor"],
    value.rows.map((row) => [
      row.mix,
      `${number(row.runSeconds, 2)} s`,
      `${number(row.floorSeconds, 2)} s`,
      number(row.ratio, 2),
    ]),
  );
  text += "\n\nWhere the floor's time goes (the floor stopped after each stage; each step is the difference):\n\n";
  text += table(
    ["mix", ...STAGES.map((stage) => `${stage}`)],
    value.rows.map((row) => [
      row.mix,
      ...STAGES.map((stage, index) => {
        const step = row.stages[stage] - (index === 0 ? 0 : row.stages[STAGES[index - 1]!]);
        return `${number(step, 2)} s (${number((100 * step) / row.stages.write)}%)`;
      }),
    ]),
  );
  return (
    text + "\n\nThe split stage includes start-up (loading Node, the preset and its settings) and reading the file.\n\n"
  );
}
