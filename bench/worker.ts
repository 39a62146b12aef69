// The benchmark's child process: runs exactly one measurement job, sends the result to its parent and exits. A
// throughput job is a session instead: the process warms its contender up, then times one pass per "pass" message
// until the parent sends "close", so the parent can alternate passes of several processes.

import { runCheckScaleJob, type CheckScaleJob } from "./check-scale.js";
import { runCompileJob, type CompileJob } from "./compile-time.js";
import { runEmulatorJob, type EmulatorJob } from "./emulator-process.js";
import { openThroughputSession, type ThroughputJob } from "./throughput-job.js";

type Job = ThroughputJob | CompileJob | EmulatorJob | CheckScaleJob;

async function runJob(job: Job, send: (message: unknown) => Promise<void>): Promise<unknown> {
  switch (job.kind) {
    case "throughput":
      return serveSession(job, send);
    case "compile":
      return runCompileJob(job);
    case "emulator":
      return runEmulatorJob(job, send);
    case "check-scale":
      return runCheckScaleJob(job);
  }
}

/** Answers each "pass" with one timed pass; resolves (with nothing to report) on "close". */
async function serveSession(job: ThroughputJob, send: (message: unknown) => Promise<void>): Promise<undefined> {
  const session = await openThroughputSession(job);
  return new Promise((resolve) => {
    process.on("message", (message) => {
      if (message === "close") return resolve(undefined);
      session.pass().then(
        (run) => send({ ok: true, value: run }),
        (error: unknown) => send({ ok: false, error: String(error) }),
      );
    });
    void send({ ready: true });
  });
}

async function main(): Promise<void> {
  const send = (message: unknown) => new Promise<void>((resolve) => process.send!(message, () => resolve()));
  try {
    const job = JSON.parse(process.argv[2] ?? "{}") as Job;
    await send({ ok: true, value: await runJob(job, send) });
  } catch (error) {
    await send({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
  process.disconnect();
}

void main();
