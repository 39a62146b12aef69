// Streaming memory: peak RSS of `signal-map run` while it transforms generated events piped into it, at two sizes.

import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { writeEventsJsonl } from "./events/generate.js";
import { DIST_CLI, REPO_ROOT, SALESLOFT_PRESET } from "./paths.js";

const GNU_TIME = "/usr/bin/time";

export interface MemoryRun {
  readonly events: number;
  readonly outcomeLines: number;
  readonly peakRssMiB: number;
  readonly seconds: number;
  /** How the peak was read: GNU time's maximum resident set size, or VmHWM polled from /proc. */
  readonly method: "gnu-time" | "proc-vmhwm";
}

/** Pipes `events` generated events into the CLI and measures its peak resident set size. */
export async function measureStreamingMemory(
  events: number,
  seed: number,
  useGnuTime = existsSync(GNU_TIME),
): Promise<MemoryRun> {
  if (!existsSync(DIST_CLI)) throw new Error(`${DIST_CLI} does not exist: run \`npm run build\` first`);
  const cli = [DIST_CLI, "run", SALESLOFT_PRESET, "-"];
  const child = useGnuTime
    ? spawn(GNU_TIME, ["-v", process.execPath, ...cli], spawnOptions())
    : spawn(process.execPath, cli, spawnOptions());
  let outcomeLines = 0;
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    for (let index = chunk.indexOf(10); index !== -1; index = chunk.indexOf(10, index + 1)) outcomeLines++;
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-20_000);
  });
  let polledKiB = 0;
  const poll = useGnuTime
    ? undefined
    : setInterval(() => (polledKiB = Math.max(polledKiB, vmHwmKiB(child.pid) ?? 0)), 50);
  const started = performance.now();
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  // A closed pipe (the CLI died) must not crash the benchmark: the exit code reports it.
  child.stdin.on("error", () => undefined);
  await writeEventsJsonl(events, { mix: "phones", seed }, child.stdin).catch(() => undefined);
  child.stdin.end();
  const code = await exited;
  if (poll) clearInterval(poll);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`signal-map run exited with ${code}:\n${stderr.slice(-2000)}`);
  const peakKiB = useGnuTime ? gnuTimePeakKiB(stderr) : polledKiB;
  if (peakKiB === undefined)
    throw new Error(`could not read the peak RSS from ${GNU_TIME} -v:\n${stderr.slice(-2000)}`);
  return { events, outcomeLines, peakRssMiB: peakKiB / 1024, seconds, method: useGnuTime ? "gnu-time" : "proc-vmhwm" };
}

function spawnOptions() {
  // The emulator's fake key: `run` checks settings before reading any event, and never sends anything.
  return {
    cwd: REPO_ROOT,
    env: { ...process.env, SALESLOFT_API_KEY: "bench-key-not-secret" },
    stdio: ["pipe", "pipe", "pipe"] as ["pipe", "pipe", "pipe"],
  };
}

function gnuTimePeakKiB(report: string): number | undefined {
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(report);
  return match ? Number(match[1]) : undefined;
}

function vmHwmKiB(pid: number | undefined): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

export interface MemoryComparison {
  readonly small: MemoryRun;
  readonly large: MemoryRun;
  /** Peak RSS at the large size over the small: about 1 when memory stays flat. */
  readonly ratio: number;
}

export async function benchmarkMemory(
  smallEvents: number,
  largeEvents: number,
  seed: number,
): Promise<MemoryComparison> {
  const small = await measureStreamingMemory(smallEvents, seed);
  const large = await measureStreamingMemory(largeEvents, seed);
  for (const run of [small, large]) {
    if (run.outcomeLines !== run.events)
      throw new Error(`signal-map run printed ${run.outcomeLines} outcomes for ${run.events} events`);
  }
  return { small, large, ratio: large.peakRssMiB / small.peakRssMiB };
}
