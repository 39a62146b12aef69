// `npm run bench` (node dist/bench/run.js [--smoke] [--parts NAME,…] [--out FILE]):
// runs the benchmark parts, prints a table and writes bench/RESULTS.md (parts not run keep their last figures from
// bench/out/). Exit 1 when any part run failed, 2 for bad arguments.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { DEFAULT_SEED } from "./events/generate.js";
import type { BenchMode } from "./part.js";
import { PARTS } from "./parts.js";
import { REPO_ROOT, RESULTS_FILE } from "./paths.js";
import { renderResults, type BenchResults, type PartResult } from "./report.js";

const NAMES = PARTS.map((part) => part.name);

interface Options {
  readonly mode: BenchMode;
  readonly parts: readonly string[];
  readonly out: string;
}

function parseOptions(argv: readonly string[]): Options {
  const smoke = argv.includes("--smoke");
  const valueOf = (flag: string) => {
    const index = argv.indexOf(flag);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const parts = valueOf("--parts")?.split(",") ?? NAMES;
  const unknown = parts.filter((part) => !NAMES.includes(part));
  if (unknown.length > 0) throw new Error(`unknown part ${unknown.join(", ")}; parts are ${NAMES.join(", ")}`);
  // A smoke run never overwrites the committed results.
  const out = valueOf("--out") ?? (smoke ? join(REPO_ROOT, "bench", "out", "RESULTS-smoke.md") : RESULTS_FILE);
  return { mode: smoke ? "smoke" : "full", parts, out: resolve(out) };
}

async function attempt<T>(name: string, work: () => Promise<T>): Promise<PartResult<T>> {
  console.log(`\n${name}`);
  try {
    const value = await work();
    return { ok: true, value, measuredAt: new Date().toISOString() };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`${name} FAILED: ${message}`);
    return { ok: false, error: message, measuredAt: new Date().toISOString() };
  }
}

const log = (line: string) => console.log(line);

async function runParts(options: Options): Promise<BenchResults> {
  const results: Record<string, PartResult<unknown>> = {};
  for (const [index, part] of PARTS.entries()) {
    if (!options.parts.includes(part.name)) continue;
    const context = { mode: options.mode, seed: DEFAULT_SEED, log };
    results[part.name] = await attempt(`${index + 1}. ${part.title}`, () => part.run(context));
  }
  return { mode: options.mode, parts: results };
}

/** Figures of the last run in this checkout, so `--parts delivery` can redo one part and keep the others. */
function lastResultsFile(mode: Options["mode"]): string {
  return join(REPO_ROOT, "bench", "out", `last-results-${mode}.json`);
}

function withEarlierParts(results: BenchResults, options: Options): BenchResults {
  const file = lastResultsFile(options.mode);
  if (!existsSync(file)) return results;
  const earlier = JSON.parse(readFileSync(file, "utf8")) as Partial<BenchResults>;
  // A file from before parts were listed by name holds nothing to keep.
  if (typeof earlier.parts !== "object" || earlier.parts === null) return results;
  return { ...results, parts: { ...earlier.parts, ...results.parts } };
}

async function main(argv: readonly string[]): Promise<number> {
  let options: Options;
  try {
    options = parseOptions(argv);
  } catch (error) {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const fresh = await runParts(options);
  const results = withEarlierParts(fresh, options);
  mkdirSync(dirname(lastResultsFile(options.mode)), { recursive: true });
  writeFileSync(lastResultsFile(options.mode), JSON.stringify(results, null, 2));
  const text = renderResults(results, PARTS, new Date());
  console.log(`\n${text}`);
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, text);
  console.log(`written to ${options.out}`);
  const failures = Object.values(fresh.parts).filter((part) => !part.ok);
  return failures.length > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
