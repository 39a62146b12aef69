// The ingestion benchmark's processes, parent side: each side (serve, the floor, the load generator, the emulator
// with its lead probe) runs in its own Node process, started here and driven by request/reply messages.

import { fork } from "node:child_process";
import { join } from "node:path";
import { DIST_BENCH } from "./paths.js";

const INGEST_WORKER = join(DIST_BENCH, "ingest-worker.js");

export interface ChildProcessHandle<Info> {
  /** What the child reported once ready (e.g. its URL). */
  readonly info: Info;
  /** Sends a command and resolves with the child's reply; rejects with its error. */
  request<Reply>(command: object): Promise<Reply>;
  /** Asks the child to close what it started and exit; resolves when it has. */
  stop(): Promise<void>;
}

/** Forks the ingestion worker with `job` and waits until it reports ready. */
export function startIngestChild<Info>(job: object): Promise<ChildProcessHandle<Info>> {
  return new Promise((resolve, reject) => {
    // execArgv: [] so a parent under a test runner or a profiler does not slow the measured process.
    const child = fork(INGEST_WORKER, [JSON.stringify(job)], {
      execArgv: [],
      stdio: ["ignore", "inherit", "pipe", "ipc"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString("utf8")).slice(-4000)));
    const waiting: { done: (value: unknown) => void; fail: (error: Error) => void }[] = [];
    const exited = new Promise<void>((done) => child.once("exit", () => done()));
    child.on("message", (raw) => {
      const message = raw as { ready?: Info; reply?: unknown; error?: string };
      if ("ready" in message) {
        resolve({
          info: message.ready as Info,
          request: <Reply>(command: object) =>
            new Promise<Reply>((done, fail) => {
              waiting.push({ done: done as (value: unknown) => void, fail });
              child.send(command);
            }),
          stop: async () => {
            if (child.connected) child.send({ stop: true });
            await exited;
          },
        });
      } else if (message.error !== undefined) waiting.shift()?.fail(new Error(message.error));
      else waiting.shift()?.done(message.reply);
    });
    child.once("exit", (code) => {
      const error = new Error(`ingestion benchmark process exited (code ${code}):\n${stderr}`);
      reject(error);
      for (const pending of waiting.splice(0)) pending.fail(error);
    });
  });
}
