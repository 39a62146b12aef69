// Compile time of the Salesloft preset: `check` and full `compile` (with prettier), cold in fresh processes and warm.

import { readFileSync } from "node:fs";
import { runInWorker } from "./fork.js";
import { DIST_INDEX, importBuilt, SALESLOFT_PRESET } from "./paths.js";
import { median } from "./stats.js";

export type CompileOperation = "check" | "compile";

export interface CompileJob {
  readonly kind: "compile";
  readonly operation: CompileOperation;
  readonly warmRuns: number;
}

export interface CompileMeasurement {
  /** Importing dist/index.js in a fresh process. */
  readonly importMs: number;
  /** The first call in that process: parser, checker and (for compile) prettier are loaded and warmed by it. */
  readonly coldMs: number;
  /** Median of the calls after the first. */
  readonly warmMs: number;
}

type Diagnostics = { diagnostics: ReadonlyArray<{ severity: string; message: string }>; code?: string };
type CompilerEntry = {
  check: (source: string, options: { filename: string }) => Diagnostics;
  compile: (source: string, options: { filename: string }) => Promise<Diagnostics>;
};

/** Runs in the worker: the file is read once before timing; reading the request schema is part of check. */
export async function runCompileJob(job: CompileJob): Promise<CompileMeasurement> {
  const importStarted = performance.now();
  const entry = (await importBuilt(DIST_INDEX)) as unknown as CompilerEntry;
  const importMs = performance.now() - importStarted;
  if (typeof entry.check !== "function" || typeof entry.compile !== "function")
    throw new Error(`${DIST_INDEX} does not export check and compile`);
  const source = readFileSync(SALESLOFT_PRESET, "utf8");
  const options = { filename: SALESLOFT_PRESET };
  const once = async (): Promise<number> => {
    const started = performance.now();
    const result = job.operation === "check" ? entry.check(source, options) : await entry.compile(source, options);
    const elapsed = performance.now() - started;
    const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === "error");
    if (errors.length > 0)
      throw new Error(`${job.operation} of the preset reported errors: ${errors.map((e) => e.message).join("; ")}`);
    if (job.operation === "compile" && typeof result.code !== "string") throw new Error("compile returned no code");
    return elapsed;
  };
  const coldMs = await once();
  const warm: number[] = [];
  for (let run = 0; run < job.warmRuns; run++) warm.push(await once());
  return { importMs, coldMs, warmMs: median(warm) };
}

export interface CompileTimeRow {
  readonly operation: CompileOperation;
  readonly importMs: number;
  readonly coldMs: number;
  readonly warmMs: number;
  readonly processes: number;
}

/** Each operation in `processes` fresh processes; cold figures are medians across processes. */
export async function benchmarkCompileTime(processes: number, warmRuns: number): Promise<CompileTimeRow[]> {
  const rows: CompileTimeRow[] = [];
  for (const operation of ["check", "compile"] as const) {
    const runs: CompileMeasurement[] = [];
    for (let run = 0; run < processes; run++)
      runs.push(await runInWorker<CompileMeasurement>({ kind: "compile", operation, warmRuns }));
    rows.push({
      operation,
      importMs: median(runs.map((run) => run.importMs)),
      coldMs: median(runs.map((run) => run.coldMs)),
      warmMs: median(runs.map((run) => run.warmMs)),
      processes,
    });
  }
  return rows;
}
