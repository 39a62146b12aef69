// What delivery reports: one result per event, and a summary of the whole run.

import type { SendOutcome } from "../runtime/outcome.js";
import type { SendReport } from "./sender.js";

export type DeliveryStatus = "delivered" | "dropped" | "failed";

export interface DeliveryResult {
  readonly messageId: string | null;
  /** 1-based position in the input (line number for text input, counting blank lines). */
  readonly line: number;
  readonly status: DeliveryStatus;
  /** Status of the last HTTP answer, when there was one. */
  readonly httpStatus?: number;
  /** HTTP attempts made for this event (0 when it was never sent). */
  readonly attempts: number;
  readonly personId?: string | number;
  readonly warnings: readonly string[];
  /** Why the preset dropped the event (status "dropped"). */
  readonly reason?: string;
  /** What went wrong and how to fix it (status "failed"); `code: message` for transform errors; starts with
   * "interrupted" when the run was interrupted before the event was delivered. */
  readonly error?: string;
}

export interface DeliverySummary {
  /** Events handled (blank lines are not events). */
  readonly total: number;
  readonly delivered: number;
  readonly dropped: number;
  readonly failed: number;
  /** Of the failed, those failed because the run was interrupted. */
  readonly interrupted: number;
  /** 429 answers seen. */
  readonly rateLimited: number;
  /** HTTP attempts in total. */
  readonly attempts: number;
  readonly elapsedMs: number;
  /** The last input line read; after an interrupt, input after it was not read. */
  readonly linesRead: number;
  /** True when an interrupt stopped reading before the end of the input. */
  readonly stoppedEarly: boolean;
}

export const INTERRUPTED = "interrupted";

export type RunningCounts = Omit<DeliverySummary, "elapsedMs" | "linesRead" | "stoppedEarly">;

/** Adds results up as they arrive. */
export class SummaryCounter {
  private counts = { total: 0, delivered: 0, dropped: 0, failed: 0, interrupted: 0, rateLimited: 0, attempts: 0 };

  add(result: DeliveryResult, rateLimited: number): void {
    this.counts.total += 1;
    this.counts[result.status] += 1;
    if (result.status === "failed" && result.error?.startsWith(INTERRUPTED)) this.counts.interrupted += 1;
    this.counts.rateLimited += rateLimited;
    this.counts.attempts += result.attempts;
  }

  current(): RunningCounts {
    return { ...this.counts };
  }

  finish(elapsedMs: number, linesRead: number, stoppedEarly: boolean): DeliverySummary {
    return { ...this.counts, elapsedMs, linesRead, stoppedEarly };
  }
}

/** The summary as a few readable lines for stderr. */
export function formatSummary(summary: DeliverySummary): string {
  const seconds = (summary.elapsedMs / 1000).toFixed(1);
  const lines = [
    `${summary.total} events in ${seconds} s: ${summary.delivered} delivered, ${summary.dropped} dropped, ${summary.failed} failed` +
      (summary.interrupted > 0 ? ` (${summary.interrupted} interrupted)` : ""),
    `${summary.attempts} HTTP attempts, ${summary.rateLimited} answered 429 (rate limited)`,
  ];
  if (summary.stoppedEarly) {
    lines.push(
      `interrupted: input was read up to line ${summary.linesRead}; resume from line ${summary.linesRead + 1}`,
    );
  }
  return lines.join("\n") + "\n";
}

/** The result of an event that was sent (or tried): the sender's report, with the preset's warnings first. */
export function resultOf(outcome: SendOutcome, report: SendReport, line: number): DeliveryResult {
  return {
    messageId: outcome.messageId,
    line,
    status: report.status,
    ...(report.httpStatus !== undefined ? { httpStatus: report.httpStatus } : {}),
    attempts: report.attempts,
    ...(report.personId !== undefined ? { personId: report.personId } : {}),
    warnings: [...outcome.warnings, ...report.warnings],
    ...(report.error !== undefined ? { error: report.error } : {}),
  };
}

/** The report of a request that was never sent: no attempt, and why. */
export function notSent(error: string, interrupted: boolean): SendReport {
  return { status: "failed", attempts: 0, rateLimited: 0, warnings: [], error, interrupted };
}
