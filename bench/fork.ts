// Runs one benchmark job in a fresh Node process (dist/bench/worker.js) and returns the result it sends back; or
// keeps one open as a session that answers requests (a timed pass each) until it is closed.

import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { DIST_BENCH } from "./paths.js";

export const WORKER_PATH = join(DIST_BENCH, "worker.js");

/** A worker process for `job`, and the last 4,000 characters it wrote to stderr (for the error when it fails). */
function spawnWorker(job: object, workerPath: string): { child: ChildProcess; stderr: () => string } {
  // execArgv: [] so a parent started under a test runner or a profiler does not slow the measured process.
  const child = fork(workerPath, [JSON.stringify(job)], { execArgv: [], stdio: ["ignore", "inherit", "pipe", "ipc"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-4000);
  });
  return { child, stderr: () => stderr };
}

/** Rejects with the worker's stderr when it exits without sending a result. */
export function runInWorker<Result>(job: object, workerPath: string = WORKER_PATH): Promise<Result> {
  return new Promise((resolve, reject) => {
    const { child, stderr } = spawnWorker(job, workerPath);
    let result: { ok: true; value: Result } | { ok: false; error: string } | undefined;
    child.on("message", (message) => {
      result = message as typeof result;
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (result?.ok === true) resolve(result.value);
      else if (result?.ok === false) reject(new Error(result.error));
      else reject(new Error(`benchmark worker exited with code ${code} and no result:\n${stderr()}`));
    });
  });
}

/** A worker that answers one request at a time. */
export interface WorkerSession<Reply> {
  request(): Promise<Reply>;
  close(): Promise<void>;
}

/** Resolves once the worker says it is ready (warmed up); rejects with its stderr if it exits before. */
export function openWorkerSession<Reply>(job: object, workerPath: string = WORKER_PATH): Promise<WorkerSession<Reply>> {
  const { child, stderr } = spawnWorker(job, workerPath);
  let waiting: { resolve: (message: unknown) => void; reject: (error: Error) => void } | undefined;
  const next = () => new Promise<unknown>((resolve, reject) => (waiting = { resolve, reject }));
  child.on("message", (message) => waiting?.resolve(message));
  child.on("error", (error) => waiting?.reject(error));
  child.on("exit", (code) => waiting?.reject(new Error(`benchmark worker exited with code ${code}:\n${stderr()}`)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const session: WorkerSession<Reply> = {
    async request() {
      const answer = next();
      child.send("pass");
      const message = (await answer) as { ok: true; value: Reply } | { ok: false; error: string };
      if (message.ok) return message.value;
      throw new Error(message.error);
    },
    async close() {
      child.send("close");
      await exited;
    },
  };
  return next().then(() => session);
}
