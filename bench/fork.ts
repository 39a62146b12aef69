// Runs one benchmark job in a fresh Node process (dist/bench/worker.js) and returns the result it sends back.

import { fork } from "node:child_process";
import { join } from "node:path";
import { DIST_BENCH } from "./paths.js";

export const WORKER_PATH = join(DIST_BENCH, "worker.js");

/** Rejects with the worker's stderr when it exits without sending a result. */
export function runInWorker<Result>(job: object, workerPath: string = WORKER_PATH): Promise<Result> {
  return new Promise((resolve, reject) => {
    // execArgv: [] so a parent started under a test runner or a profiler does not slow the measured process.
    const child = fork(workerPath, [JSON.stringify(job)], {
      execArgv: [],
      stdio: ["ignore", "inherit", "pipe", "ipc"],
    });
    let result: { ok: true; value: Result } | { ok: false; error: string } | undefined;
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString("utf8")).slice(-4000);
    });
    child.on("message", (message) => {
      result = message as typeof result;
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (result?.ok === true) resolve(result.value);
      else if (result?.ok === false) reject(new Error(result.error));
      else reject(new Error(`benchmark worker exited with code ${code} and no result:\n${stderr}`));
    });
  });
}
