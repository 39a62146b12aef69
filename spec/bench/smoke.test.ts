// The benchmark's smoke run: every part listed in bench/parts.ts runs end to end on tiny sizes from the compiled
// files, and the results file says what was measured. No figure is asserted.

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
const runScript = join(root, "dist", "bench", "run.js");
const outDir = mkdtempSync(join(tmpdir(), "signal-map-bench-"));

function newestSource(folder: string): number {
  return Math.max(
    ...readdirSync(folder, { withFileTypes: true }).map((entry) =>
      entry.isDirectory()
        ? newestSource(join(folder, entry.name))
        : entry.name.endsWith(".ts")
          ? statSync(join(folder, entry.name)).mtimeMs
          : 0,
    ),
  );
}

/** The smoke run uses dist/: build it when it is missing or older than bench/ (tsc emits even when others' files have type errors). */
function ensureBuilt(): void {
  if (existsSync(runScript) && statSync(runScript).mtimeMs >= newestSource(join(root, "bench"))) return;
  try {
    execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], {
      cwd: root,
      stdio: "pipe",
    });
  } catch {
    // Type errors elsewhere still emit; whether the benchmark was emitted is checked next.
  }
  if (!existsSync(runScript)) throw new Error(`${runScript} is missing even after building: the benchmark cannot run`);
}

let run: { status: number | null; stdout: string; stderr: string };
let results: string;

beforeAll(() => {
  ensureBuilt();
  const out = join(outDir, "RESULTS.md");
  const child = spawnSync(process.execPath, [runScript, "--smoke", "--out", out], {
    cwd: root,
    encoding: "utf8",
    // The scale part starts seven serve processes and needs PostgreSQL (SIGNAL_MAP_TEST_PG, as the store's tests).
    timeout: 420_000,
  });
  run = { status: child.status, stdout: child.stdout, stderr: child.stderr };
  results = existsSync(out) ? readFileSync(out, "utf8") : "";
}, 480_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("npm run bench:smoke", () => {
  it("runs every part without a failure and exits 0", () => {
    expect(run.stderr).not.toContain("FAILED");
    expect(run.status, run.stdout.slice(-3000) + run.stderr.slice(-3000)).toBe(0);
  });

  it("writes a results file naming the machine, the Node version and every section", () => {
    expect(results).toContain(`Node ${process.version}`);
    for (const heading of [
      "Transform throughput",
      "Transform throughput of the Meta Conversions preset",
      "Compile time",
      "`check` and rendering at scale",
      "Delivery",
      "Streaming memory",
      "`signal-map run` against its floor",
      "Cold start of `signal-map run`",
      "Ingestion",
      "Scale-out",
    ])
      // Numbered in the order of bench/parts.ts; a part added in the middle renumbers the ones after it.
      expect(results).toMatch(new RegExp(`^## \\d+\\. ${heading.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "m"));
    expect(results).not.toContain("FAILED");
  });

  it("times every contender on both mixes after checking they agree, and none is missing", () => {
    expect(results).toMatch(/every contender gave the hand-written floor's outcome .* for all 600 events/);
    for (const mix of ["phones", "no-phones"]) {
      for (const contender of [
        "hand-written",
        "hand-written in harness",
        "compiled preset",
        "JSONata 2",
        "Segment mapping-kit",
        "RudderStack template",
      ]) {
        expect(results).toMatch(new RegExp(`\\| ${mix} +\\| ${contender}( \\(async\\))? +\\|`));
      }
    }
    expect(results).not.toContain("NOT AVAILABLE");
    for (const mix of ["phones", "no-phones"])
      for (const contender of ["Meta hand-written", "Meta compiled preset"])
        expect(results).toMatch(new RegExp(`\\| ${mix} +\\| ${contender} +\\|`));
  });

  it("reports delivery with and without a rate limit, and memory at two sizes", () => {
    expect(results).toMatch(/\| off +\| 100 +\| 8 +\|/);
    expect(results).toContain("At a limit of 120/min");
    expect(results).toMatch(/\| 2,000 +\| [\d.]+ MiB/);
  });

  it("times run against its floor on both mixes and cold starts for shipped and fresh presets", () => {
    for (const mix of ["phones", "no-phones"])
      expect(results).toMatch(new RegExp(`\\| ${mix} +\\| [\\d.]+ s +\\| [\\d.]+ s`));
    expect(results).toContain("both gave the same outcomes");
    for (const preset of ["presets/salesloft/lead-capture.map", "presets/meta/conversions.map"])
      expect(results).toMatch(new RegExp(`\\| ${preset} +\\| [\\d.,]+ ms +\\| [\\d.,]+ ms`));
  });

  it("reports ingestion of serve against its floor, and a lead's time to land alone and under load", () => {
    expect(results).toMatch(/\| serve \(Salesloft routed, paused\) +\| [\d,]+ +\| [\d.]+ +\| [\d.]+ ms/);
    expect(results).toMatch(/\| floor: node:http \+ the same store +\| [\d,]+ +\| 1\.00 +\|/);
    expect(results).toMatch(/\| nothing else \(one lead at a time\) +\| 5 +\| [\d.]+ ms/);
    expect(results).toMatch(/\| page views at [\d,]+ events\/s from 4 connections +\| 5 +\| [\d.]+ ms/);
  });

  it("reports scale-out end to end and for the store alone, SQLite and 1 to 3 processes on PostgreSQL", () => {
    expect(results).toMatch(/\| SQLite +\| 1 +\| [\d,]+ +\| 1\.00× +\| [\d,]+ +\| 1\.00× +\| 0 +\|/);
    for (const processes of [1, 2, 3])
      expect(results).toMatch(new RegExp(`\\| PostgreSQL +\\| ${processes} +\\| [\\d,]+ +\\|`));
    expect(results).toMatch(/\| PostgreSQL, 3 processes +\| [\d,]+ +\|/);
  });

  it("reports check and render times for three preset sizes, with their growth per 10× rules", () => {
    expect(results).toMatch(/\| 5,000 +\| [\d.,]+ ms +\| [\d.,]+ +\| 2,501 +\|/);
    expect(results).toMatch(/From 500 to 5,000 rules \(10×\): check [\d.,]+×, render [\d.,]+×/);
  });
});
