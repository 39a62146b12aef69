// How `check` and diagnostic rendering grow with the size of a preset: generated presets of up to 100k rules
// (issue 11 point 8). Linear growth gives about 10× the time per 10× the rules; quadratic about 100×.

import { check } from "../compiler/index.js";
import { renderDiagnostics } from "../diagnostics/render.js";
import { runInWorker } from "./fork.js";
import { median } from "./stats.js";

export interface CheckScaleRow {
  readonly rules: number;
  /** Diagnostics of the source made to have many (every other rule assigns its target again). */
  readonly diagnostics: number;
  /** Median time of `check` on a clean preset of `rules` rules. */
  readonly checkMs: number;
  /** Median time of `check` on the source with many diagnostics. */
  readonly checkFaultyMs: number;
  /** Median time of rendering every diagnostic of that source as text. */
  readonly renderMs: number;
}

export interface CheckScaleResult {
  readonly rows: readonly CheckScaleRow[];
  readonly runs: number;
}

const HEADER = [
  'integration acme "Acme"',
  '  setting api_key: secret required "Acme API key"',
  'preset leads "Leads"',
  '  on "Lead"',
  '  send POST "https://api.acme.example/v1/leads"',
  '    header "Authorization" <- "Bearer " + settings.api_key',
  "  let email = lower(trim(traits.email))",
];

/** A clean preset: `rules` rules with distinct targets and small expressions, as a large real preset has. */
export function generatedPreset(rules: number): string {
  const lines = [...HEADER];
  for (let i = 0; i < rules; i += 1) {
    const group = `g${Math.floor(i / 8)}`;
    const value = i % 3 === 0 ? "email" : i % 3 === 1 ? `trim(traits.f${i % 50})` : `to_string(properties.p${i % 7})`;
    lines.push(`  ${group}.f${i % 8} <- ${value}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The same size with a diagnostic for every other rule: its target assigned a second time. */
export function generatedFaultyPreset(rules: number): string {
  const lines = [...HEADER];
  for (let i = 0; i < rules; i += 1) lines.push(`  t${Math.floor(i / 2)} <- "v${i}"`);
  return `${lines.join("\n")}\n`;
}

function timed<T>(work: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = work();
  return { ms: performance.now() - started, value };
}

function measure(rules: number, runs: number): CheckScaleRow {
  const clean = generatedPreset(rules);
  const faulty = generatedFaultyPreset(rules);
  const filename = `/bench/scale-${rules}.map`;
  const checkTimes: number[] = [];
  const faultyTimes: number[] = [];
  const renderTimes: number[] = [];
  let diagnostics = 0;
  for (let run = 0; run < runs; run += 1) {
    const cleanRun = timed(() => check(clean, { filename }));
    const errors = cleanRun.value.diagnostics.filter((d) => d.severity === "error");
    if (errors.length > 0) throw new Error(`the generated preset has errors: ${errors[0]!.message}`);
    checkTimes.push(cleanRun.ms);
    const faultyRun = timed(() => check(faulty, { filename }));
    faultyTimes.push(faultyRun.ms);
    diagnostics = faultyRun.value.diagnostics.length;
    const rendered = timed(() => renderDiagnostics(faultyRun.value.diagnostics, faulty, filename));
    if (!rendered.value.includes("error")) throw new Error("rendering gave no error text");
    renderTimes.push(rendered.ms);
  }
  if (diagnostics < rules / 2) throw new Error(`expected ${rules / 2} diagnostics, got ${diagnostics}`);
  return {
    rules,
    diagnostics,
    checkMs: median(checkTimes),
    checkFaultyMs: median(faultyTimes),
    renderMs: median(renderTimes),
  };
}

export interface CheckScaleJob {
  readonly kind: "check-scale";
  readonly rules: number;
  readonly runs: number;
}

/** Runs in a fresh worker: an untimed warm-up on a small preset, then the measured size. */
export function runCheckScaleJob(job: CheckScaleJob): CheckScaleRow {
  measure(Math.min(1_000, job.rules), 1);
  return measure(job.rules, job.runs);
}

/**
 * Checks and renders each size `runs` times, each size in its own fresh process, so the garbage of one size does
 * not weigh on the next and the growth measured is the checker's, not the heap's.
 */
export async function benchmarkCheckScale(
  sizes: readonly number[],
  runs: number,
  log: (line: string) => void,
): Promise<CheckScaleResult> {
  const rows: CheckScaleRow[] = [];
  for (const rules of sizes) {
    const row = await runInWorker<CheckScaleRow>({ kind: "check-scale", rules, runs } satisfies CheckScaleJob);
    rows.push(row);
    log(
      `  ${rules} rules: check ${row.checkMs.toFixed(0)} ms; ${row.diagnostics} diagnostics: check ${row.checkFaultyMs.toFixed(0)} ms, render ${row.renderMs.toFixed(0)} ms`,
    );
  }
  return { rows, runs };
}

/** The growth from `a` to `b` scaled to 10× the rules: 10 for linear, 100 for quadratic. */
export function ratioPerTenfold(a: { rules: number }, aMs: number, b: { rules: number }, bMs: number): number {
  const exponent = Math.log(bMs / aMs) / Math.log(b.rules / a.rules);
  return 10 ** exponent;
}
