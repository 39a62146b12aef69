// The benchmark's child process: runs exactly one measurement job, sends the result to its parent and exits.

import { runCheckScaleJob, type CheckScaleJob } from "./check-scale.js";
import { runCompileJob, type CompileJob } from "./compile-time.js";
import { runEmulatorJob, type EmulatorJob } from "./emulator-process.js";
import { runThroughputJob, type ThroughputJob } from "./throughput-job.js";

type Job = ThroughputJob | CompileJob | EmulatorJob | CheckScaleJob;

async function runJob(job: Job, send: (message: unknown) => Promise<void>): Promise<unknown> {
  switch (job.kind) {
    case "throughput":
      return runThroughputJob(job);
    case "compile":
      return runCompileJob(job);
    case "emulator":
      return runEmulatorJob(job, send);
    case "check-scale":
      return runCheckScaleJob(job);
  }
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
