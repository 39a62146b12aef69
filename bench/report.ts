// Formats benchmark results as a terminal table and as bench/RESULTS.md, with the machine they were measured on.

import { cpus, release, totalmem } from "node:os";
import { ratioPerTenfold, type CheckScaleResult } from "./check-scale.js";
import type { CompileTimeRow } from "./compile-time.js";
import type { LimitedDeliveryRow, UnlimitedDeliveryRow } from "./delivery.js";
import type { MemoryComparison } from "./memory.js";
import type { ThroughputResult } from "./throughput.js";

/** Each part's figures, or why the part failed; absent when it was not run. */
export type PartResult<T> = (
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string }
) & {
  /** ISO time the part finished; parts of one RESULTS.md may come from different runs. */
  readonly measuredAt: string;
};

export interface BenchResults {
  readonly mode: "full" | "smoke";
  readonly sizes: string;
  readonly throughput?: PartResult<ThroughputResult>;
  readonly compile?: PartResult<CompileTimeRow[]>;
  readonly delivery?: PartResult<{ unlimited: UnlimitedDeliveryRow; limited: LimitedDeliveryRow }>;
  readonly memory?: PartResult<MemoryComparison>;
  readonly checkScale?: PartResult<CheckScaleResult>;
}

export function machineLine(): string {
  const cpu = cpus();
  const memoryGiB = (totalmem() / 1024 ** 3).toFixed(1);
  return `${cpu[0]?.model.trim() ?? "unknown CPU"}, ${cpu.length} cores, ${memoryGiB} GiB, Linux ${release()}, Node ${process.version}`;
}

const number = (value: number, digits = 0) =>
  Number.isFinite(value)
    ? value.toLocaleString("en-GB", { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : "n/a";
const ms = (value: number) => `${number(value, value < 10 ? 2 : 1)} ms`;

/** A markdown table; also readable as plain text in a terminal. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(" | ")} |`;
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}

/** The line under a section heading: when it was measured, and why it failed if it did. */
function statusLine(result: PartResult<unknown>): string {
  const when = `Measured ${result.measuredAt}.\n\n`;
  return result.ok ? when : `${when}**FAILED**: ${result.error.split("\n").slice(0, 12).join("\n")}\n`;
}

function throughputSection(result: PartResult<ThroughputResult> | undefined): string {
  if (result === undefined) return "";
  let text = "## 1. Transform throughput\n\n" + statusLine(result);
  if (!result.ok) return text;
  const { rows, unavailable, checkedEvents } = result.value;
  text += `Before timing, every contender gave the hand-written floor's outcome (kind, error code, body, number of warnings) for all ${number(checkedEvents)} events. `;
  text +=
    "Each figure is the median of separate fresh processes (one warm-up pass, then one timed pass over the whole mix).\n\n";
  text += table(
    ["mix", "contender", "median events/s", "× floor", "range (events/s)"],
    rows.map((row) => [
      row.mix,
      row.contender + (row.async ? " (async)" : ""),
      number(row.medianEventsPerSecond),
      number(row.ratioToFloor, 2),
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

function compileSection(result: PartResult<CompileTimeRow[]> | undefined): string {
  if (result === undefined) return "";
  let text = "## 2. Compile time of presets/salesloft/lead-capture.map\n\n" + statusLine(result);
  if (!result.ok) return text;
  text +=
    "Cold: the first call in a fresh process (after importing dist/index.js, timed separately). Warm: median of the following calls. Medians over processes.\n\n";
  text += table(
    ["operation", "import dist/index.js", "cold", "warm", "processes"],
    result.value.map((row) => [
      row.operation === "check" ? "check" : "compile (with prettier)",
      ms(row.importMs),
      ms(row.coldMs),
      ms(row.warmMs),
      String(row.processes),
    ]),
  );
  return text + "\n\n";
}

function deliverySection(result: BenchResults["delivery"]): string {
  if (result === undefined) return "";
  let text = "## 3. Delivery to the Salesloft emulator on loopback\n\n" + statusLine(result);
  if (!result.ok) return text;
  const { unlimited, limited } = result.value;
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

function memorySection(result: PartResult<MemoryComparison> | undefined): string {
  if (result === undefined) return "";
  let text = "## 4. Streaming memory of `signal-map run`\n\n" + statusLine(result);
  if (!result.ok) return text;
  const { small, large, ratio } = result.value;
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

function checkScaleSection(result: PartResult<CheckScaleResult> | undefined): string {
  if (result === undefined) return "";
  let text = "## 5. `check` and rendering at scale (issue 11 point 8)\n\n" + statusLine(result);
  if (!result.ok) return text;
  const { rows, runs } = result.value;
  text += `Generated presets (distinct targets, small expressions) and a source with a diagnostic for every other rule (a target assigned twice), checked and rendered, each size in a fresh process after a warm-up; medians of ${runs} run${runs === 1 ? "" : "s"}. "per 10×" scales each step's growth to ten times the rules: about 10 is linear, about 100 quadratic.\n\n`;
  const step = (i: number, pick: (row: CheckScaleResult["rows"][number]) => number) =>
    i === 0 ? "—" : number(ratioPerTenfold(rows[i - 1]!, pick(rows[i - 1]!), rows[i]!, pick(rows[i]!)), 1);
  text += table(
    ["rules", "check", "per 10×", "diagnostics", "check", "render", "render per 10×"],
    rows.map((row, i) => [
      number(row.rules),
      ms(row.checkMs),
      step(i, (r) => r.checkMs),
      number(row.diagnostics),
      ms(row.checkFaultyMs),
      ms(row.renderMs),
      step(i, (r) => r.renderMs),
    ]),
  );
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (first && last && last !== first)
    text += `\n\nFrom ${number(first.rules)} to ${number(last.rules)} rules (${number(last.rules / first.rules, 0)}×): check ${number(last.checkMs / first.checkMs, 1)}×, render ${number(last.renderMs / first.renderMs, 1)}×.`;
  return text + "\n\n";
}

function targetsSection(results: BenchResults): string {
  const lines: string[] = [];
  const throughput = results.throughput?.ok ? results.throughput.value.rows : [];
  for (const mix of new Set(throughput.map((row) => row.mix))) {
    const compiled = throughput.find((row) => row.mix === mix && row.contender === "compiled preset");
    const rudder = throughput.find((row) => row.mix === mix && row.contender === "RudderStack template");
    if (!compiled || !rudder) continue;
    lines.push(
      `- ${mix}: compiled preset at ${number(compiled.ratioToFloor, 2)}× the floor (target ≥ 0.95): ${compiled.ratioToFloor >= 0.95 ? "met" : "missed"}`,
    );
    lines.push(
      `- ${mix}: compiled preset ${number(compiled.medianEventsPerSecond)} vs RudderStack ${number(rudder.medianEventsPerSecond)} events/s (target: ahead): ${compiled.medianEventsPerSecond > rudder.medianEventsPerSecond ? "met" : "missed"}`,
    );
  }
  const check = results.compile?.ok ? results.compile.value.find((row) => row.operation === "check") : undefined;
  if (check) lines.push(`- check warm ${ms(check.warmMs)} (target < 20 ms): ${check.warmMs < 20 ? "met" : "missed"}`);
  if (results.delivery?.ok)
    lines.push(
      `- 429s at the configured limit: ${results.delivery.value.limited.status429} (target 0): ${results.delivery.value.limited.status429 === 0 ? "met" : "missed"}`,
    );
  if (results.memory?.ok)
    lines.push(
      `- streaming memory ${number(results.memory.value.ratio, 2)}× from ${number(results.memory.value.small.events)} to ${number(results.memory.value.large.events)} events (target: flat, ≤ 1.2×): ${results.memory.value.ratio <= 1.2 ? "met" : "missed"}`,
    );
  return lines.length === 0 ? "" : `## Targets (issue 5)\n\n${lines.join("\n")}\n\n`;
}

export function renderResults(results: BenchResults, date: Date): string {
  const title =
    results.mode === "smoke" ? "# Benchmark smoke run (tiny sizes: the figures mean nothing)" : "# Benchmark results";
  const header = `${title}\n\nGenerated by \`npm run bench${results.mode === "smoke" ? ":smoke" : ""}\` on ${date.toISOString()}.\n\nMachine: ${machineLine()}. The machine's cores are shared, so compare figures within one run (ratios), not across runs.\n\nSizes: ${results.sizes}. Method and findings: bench/README.md.\n\n`;
  return (
    header +
    targetsSection(results) +
    throughputSection(results.throughput) +
    compileSection(results.compile) +
    deliverySection(results.delivery) +
    memorySection(results.memory) +
    checkScaleSection(results.checkScale)
  );
}
