// The Salesloft emulator in its own process for the delivery benchmark, so the server does not share an event loop
// (or a core) with the delivery pipeline being measured. Both sides may share one accelerated clock.

import { fork } from "node:child_process";
import { startEmulator } from "../presets/salesloft/emulator/index.js";
import type { Clock } from "../delivery/clock.js";
import { WORKER_PATH } from "./fork.js";

/** Emulated time runs `factor` times faster than real time from `realStartMs`; both processes compute the same now. */
export interface SharedClockSpec {
  readonly factor: number;
  readonly realStartMs: number;
  readonly startMs: number;
}

export function sharedClock(spec: SharedClockSpec): Clock {
  const now = () => spec.startMs + (Date.now() - spec.realStartMs) * spec.factor;
  return {
    now,
    sleep: (ms, signal) =>
      new Promise<void>((resolve) => {
        if (signal?.aborted || !(ms > 0)) return resolve();
        const finish = () => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", finish);
          resolve();
        };
        const timer = setTimeout(finish, Math.ceil(ms / spec.factor));
        signal?.addEventListener("abort", finish, { once: true });
      }),
  };
}

export interface EmulatorJob {
  readonly kind: "emulator";
  /** 0 turns rate limiting off. */
  readonly rateLimitPerMinute: number;
  readonly clock?: SharedClockSpec;
  /** Requests the emulator keeps (default 10,000), so every upsert of a long run is counted. */
  readonly maxRequests?: number;
}

/** What the emulator saw: every upsert's status and arrival time on its clock. */
export interface EmulatorStats {
  readonly upserts: ReadonlyArray<{ readonly status: number; readonly time: number }>;
}

/** Runs in the worker: starts the emulator, reports its URL, and on "stop" closes it and reports what it saw. */
export async function runEmulatorJob(
  job: EmulatorJob,
  send: (message: unknown) => Promise<void>,
): Promise<EmulatorStats> {
  const clock = job.clock === undefined ? undefined : sharedClock(job.clock);
  const emulator = await startEmulator({
    rateLimitPerMinute: job.rateLimitPerMinute,
    ...(clock ? { now: clock.now } : {}),
    ...(job.maxRequests !== undefined ? { record: { maxRequests: job.maxRequests } } : {}),
  });
  await send({ url: emulator.url });
  await new Promise<void>((resolve) => process.once("message", () => resolve()));
  const upserts = emulator
    .requests()
    .filter((request) => request.method === "POST" && request.path.startsWith("/v2/person_upserts"))
    .map((request) => ({ status: request.status, time: request.time }));
  await emulator.close();
  return { upserts };
}

export interface EmulatorHandle {
  readonly url: string;
  stop(): Promise<EmulatorStats>;
}

/** Parent side: forks the worker with an emulator job and waits for its URL. */
export function startEmulatorProcess(job: EmulatorJob): Promise<EmulatorHandle> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER_PATH, [JSON.stringify(job)], {
      execArgv: [],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let finished: ((stats: EmulatorStats) => void) | undefined;
    let failed: ((error: Error) => void) | undefined;
    child.on("message", (message) => {
      const reply = message as { url?: string; ok?: boolean; value?: EmulatorStats; error?: string };
      if (reply.url !== undefined) {
        const stopped = new Promise<EmulatorStats>((done, fail) => ((finished = done), (failed = fail)));
        resolve({ url: reply.url, stop: () => (child.send("stop"), stopped) });
      } else if (reply.ok === true) finished?.(reply.value!);
      else {
        const error = new Error(reply.error ?? "emulator process failed");
        if (failed) failed(error);
        else reject(error);
      }
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      const error = new Error(`emulator process exited with code ${code}`);
      failed?.(error);
      reject(error);
    });
  });
}
