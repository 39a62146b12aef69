// `npm run bench` (node dist/bench/run.js [--smoke] [--parts throughput,compile,delivery,memory,check-scale] [--out FILE]):
// runs the benchmark parts, prints a table and writes bench/RESULTS.md (parts not run keep their last figures from
// bench/out/). Exit 1 when any part run failed, 2 for bad arguments.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { benchmarkCheckScale } from "./check-scale.js";
import { benchmarkCompileTime } from "./compile-time.js";
import { benchmarkLimitedDelivery, benchmarkUnlimitedDelivery } from "./delivery.js";
import { DEFAULT_SEED, EVENT_MIXES } from "./events/generate.js";
import { benchmarkMemory } from "./memory.js";
import { REPO_ROOT, RESULTS_FILE } from "./paths.js";
import { renderResults, type BenchResults, type PartResult } from "./report.js";
import { benchmarkThroughput } from "./throughput.js";

const PARTS = ["throughput", "compile", "delivery", "memory", "check-scale"] as const;
type Part = (typeof PARTS)[number];

/** Every size in one place; smoke keeps the shape of the full run at sizes that take seconds. */
export const SIZES = {
  full: {
    events: 50_000,
    runs: 5,
    warmupMs: 2_000,
    compileProcesses: 5,
    compileWarmRuns: 50,
    unlimitedRequests: 5_000,
    limitedRequests: 2_000,
    limitPerMinute: 600,
    clockFactor: 30,
    memorySmall: 100_000,
    memoryLarge: 1_000_000,
    checkScaleRules: [10_000, 50_000, 100_000],
    checkScaleRuns: 3,
  },
  smoke: {
    events: 300,
    runs: 1,
    warmupMs: 50,
    compileProcesses: 1,
    compileWarmRuns: 3,
    unlimitedRequests: 100,
    limitedRequests: 250,
    limitPerMinute: 120,
    clockFactor: 40,
    memorySmall: 200,
    memoryLarge: 2_000,
    checkScaleRules: [500, 2_500, 5_000],
    checkScaleRuns: 1,
  },
} as const;

type Sizes = (typeof SIZES)[keyof typeof SIZES];

interface Options {
  readonly mode: "full" | "smoke";
  readonly parts: readonly Part[];
  readonly out: string;
}

function parseOptions(argv: readonly string[]): Options {
  const smoke = argv.includes("--smoke");
  const valueOf = (flag: string) => {
    const index = argv.indexOf(flag);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const parts = (valueOf("--parts")?.split(",") ?? [...PARTS]) as Part[];
  const unknown = parts.filter((part) => !PARTS.includes(part));
  if (unknown.length > 0) throw new Error(`unknown part ${unknown.join(", ")}; parts are ${PARTS.join(", ")}`);
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
const settings = { api_key: "bench-key-not-secret", default_phone_region: "US" };

async function runParts(options: Options, sizes: Sizes): Promise<BenchResults> {
  const wanted = (part: Part) => options.parts.includes(part);
  const describe = `${sizes.events.toLocaleString("en-GB")} events per mix × ${sizes.runs} runs; delivery ${sizes.unlimitedRequests} + ${sizes.limitedRequests} requests; memory ${sizes.memorySmall.toLocaleString("en-GB")} vs ${sizes.memoryLarge.toLocaleString("en-GB")} events`;
  const throughput = wanted("throughput")
    ? await attempt("1. transform throughput", () =>
        benchmarkThroughput({
          count: sizes.events,
          runs: sizes.runs,
          seed: DEFAULT_SEED,
          mixes: EVENT_MIXES,
          settings,
          warmupMs: sizes.warmupMs,
          log,
        }),
      )
    : undefined;
  const compile = wanted("compile")
    ? await attempt("2. compile time", () => benchmarkCompileTime(sizes.compileProcesses, sizes.compileWarmRuns))
    : undefined;
  const delivery = wanted("delivery")
    ? await attempt("3. delivery", async () => ({
        unlimited: await benchmarkUnlimitedDelivery(sizes.unlimitedRequests, 8, DEFAULT_SEED),
        limited: await benchmarkLimitedDelivery(
          sizes.limitedRequests,
          sizes.limitPerMinute,
          sizes.clockFactor,
          8,
          DEFAULT_SEED,
        ),
      }))
    : undefined;
  const memory = wanted("memory")
    ? await attempt("4. streaming memory", () => benchmarkMemory(sizes.memorySmall, sizes.memoryLarge, DEFAULT_SEED))
    : undefined;
  const checkScale = wanted("check-scale")
    ? await attempt("5. check and render at scale", () =>
        benchmarkCheckScale(sizes.checkScaleRules, sizes.checkScaleRuns, log),
      )
    : undefined;
  return { mode: options.mode, sizes: describe, throughput, compile, delivery, memory, checkScale };
}

/** Figures of the last run in this checkout, so `--parts delivery` can redo one part and keep the others. */
function lastResultsFile(mode: Options["mode"]): string {
  return join(REPO_ROOT, "bench", "out", `last-results-${mode}.json`);
}

function withEarlierParts(results: BenchResults, options: Options): BenchResults {
  const file = lastResultsFile(options.mode);
  if (options.parts.length === PARTS.length || !existsSync(file)) return results;
  const earlier = JSON.parse(readFileSync(file, "utf8")) as BenchResults;
  return {
    ...results,
    sizes: earlier.sizes,
    throughput: results.throughput ?? earlier.throughput,
    compile: results.compile ?? earlier.compile,
    delivery: results.delivery ?? earlier.delivery,
    memory: results.memory ?? earlier.memory,
    checkScale: results.checkScale ?? earlier.checkScale,
  };
}

async function main(argv: readonly string[]): Promise<number> {
  let options: Options;
  try {
    options = parseOptions(argv);
  } catch (error) {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const fresh = await runParts(options, SIZES[options.mode]);
  const results = withEarlierParts(fresh, options);
  mkdirSync(dirname(lastResultsFile(options.mode)), { recursive: true });
  writeFileSync(lastResultsFile(options.mode), JSON.stringify(results, null, 2));
  const text = renderResults(results, new Date());
  console.log(`\n${text}`);
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, text);
  console.log(`written to ${options.out}`);
  const failures = [fresh.throughput, fresh.compile, fresh.delivery, fresh.memory, fresh.checkScale].filter(
    (part) => part !== undefined && !part.ok,
  );
  return failures.length > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
