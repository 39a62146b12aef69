// Pins the bench (and so every worker it forks from then on) to one CPU while contenders take turns. The two vCPUs of
// a shared machine do not run at the same speed: unpinned, two processes running the same code in turns differed by
// up to 25% for a whole round, whichever core each had landed on. On one core, both sides of a pair run on the same
// one (their garbage collectors' helper threads too).

import { execFileSync } from "node:child_process";
import { availableParallelism } from "node:os";

/** What `work` ran on: the CPU it was pinned to, or why it was not pinned. */
export interface Pinning {
  readonly cpu?: number;
  readonly unpinned?: string;
}

/** Runs `work` pinned to one CPU; when it cannot pin, runs it anyway and says why through `log`. */
export async function onOneCpu<T>(
  work: () => Promise<T>,
  log: (line: string) => void,
): Promise<{ value: T; pinning: Pinning }> {
  const pid = String(process.pid);
  let before: string;
  try {
    // "pid 123's current affinity list: 0,1"
    before = execFileSync("taskset", ["-c", "-p", pid], { encoding: "utf8" }).split(":").pop()!.trim();
  } catch (error) {
    const unpinned = `taskset is not usable here (${messageOf(error)})`;
    log(`  not pinned to one CPU: ${unpinned}`);
    return { value: await work(), pinning: { unpinned } };
  }
  // The last CPU: the first usually takes more of the machine's interrupts.
  const cpu = availableParallelism() - 1;
  execFileSync("taskset", ["-a", "-c", "-p", String(cpu), pid], { stdio: "ignore" });
  try {
    return { value: await work(), pinning: { cpu } };
  } finally {
    execFileSync("taskset", ["-a", "-c", "-p", before, pid], { stdio: "ignore" });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message.split("\n")[0]! : String(error);
}

/** What a report says of the pinning: one sentence, or nothing for figures from before pinning. */
export function pinningText(pinning: Pinning | undefined): string {
  if (pinning?.cpu !== undefined)
    return `Every process ran pinned to CPU ${pinning.cpu}, so both sides of a pair ran on the same core.`;
  return pinning?.unpinned !== undefined ? `The processes ran unpinned: ${pinning.unpinned}.` : "";
}
