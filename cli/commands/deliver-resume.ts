// After a delivery that stopped early (a closed output, an interrupt): which events were not sent, and how to resume.

import type { DeliveryResult, DeliverySummary } from "../../delivery/results.js";

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
