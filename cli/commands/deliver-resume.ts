// After a delivery that stopped early (a closed output, an interrupt): which events were not sent, and how to resume.

import { resolve } from "node:path";
import type { DeliveryResult, DeliverySummary } from "../../delivery/results.js";
import type { OutputStream } from "../io.js";
import { sameFile } from "../io-problems.js";
import type { OutputWatch } from "../output-failure.js";

/** Remembers the line of every event that was not delivered or dropped, whether or not its result line was written. */
export class ResumeTracker {
  private readonly unsent: number[] = [];

  add(result: DeliveryResult): void {
    if (result.status === "failed") this.unsent.push(result.line);
  }

  /**
   * One line for stderr, or undefined when nothing needs resuming. Without a dead-letter file, resuming from the first
   * unsent line sends again the later events that were delivered: upserts are keyed, so that is safe. With one, the
   * failed events are in it and only the unread input needs --from-line.
   */
  message(summary: DeliverySummary, deadLetter: string | undefined, outputFailed: boolean): string | undefined {
    if (!outputFailed && !summary.stoppedEarly) return undefined;
    const count = this.unsent.length;
    const events = `${count} event${count === 1 ? " was" : "s were"} not sent`;
    const unread = summary.stoppedEarly ? summary.linesRead + 1 : undefined;
    if (deadLetter !== undefined) {
      const input =
        unread === undefined ? "" : `the same command plus --from-line ${unread} for the unread input, and `;
      return `${events}; resume with ${input}replay the dead-letter file ${deadLetter}\n`;
    }
    const from = Math.min(...this.unsent, unread ?? Infinity);
    if (!Number.isFinite(from)) return `${events}\n`;
    return `${events}; resume with the same command plus --from-line ${from} (events after it that were delivered are sent again; upserts are keyed, so that is safe)\n`;
  }
}

/**
 * Tells stderr what an unwritable output or an interrupt left undone and how to resume; returns whether the output
 * failed (the run is then incomplete: exit 3).
 */
export function reportIncomplete(
  summary: DeliverySummary,
  resume: ResumeTracker,
  deadLetter: string | undefined,
  output: OutputWatch | undefined,
  stderr: OutputStream,
  /** The fail-fast circuit stopped the run: say how to resume even when all input was read. */
  circuitOpen = false,
): boolean {
  const outputFailed = output?.failed === true;
  const howToResume = resume.message(summary, deadLetter, outputFailed || circuitOpen);
  if (outputFailed) stderr.write(`signal-map deliver: ${output!.problem()}\n`);
  if (howToResume !== undefined) stderr.write(`signal-map deliver: ${howToResume}`);
  if (output) output.reported = true;
  return outputFailed;
}

/** The problem when --dead-letter names the events file itself (by device and inode): a replay would never end. */
export function deadLetterIsInput(
  options: { readonly deadLetter?: string; readonly eventsFile: string },
  cwd: string,
  stdinFd?: number,
): string | undefined {
  if (options.deadLetter === undefined) return undefined;
  // Standard input redirected from the file (`< dead.jsonl`) is the same file too.
  const input = options.eventsFile === "-" ? stdinFd : resolve(cwd, options.eventsFile);
  if (input === undefined || !sameFile(resolve(cwd, options.deadLetter), input)) return undefined;
  return `the dead-letter file ${options.deadLetter} is the events file; replaying into itself never ends. Name another file`;
}
